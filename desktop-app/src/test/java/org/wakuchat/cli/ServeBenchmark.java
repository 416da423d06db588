package org.wakuchat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.wakuchat.cli.serve.StoreMaintenance;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.transport.LibWakuNode;
import org.wakuchat.core.transport.NetworkConfig;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.libwaku.LibWaku;
import org.wakuchat.libwaku.LibWakuLoader;

/**
 * Figures for {@code wakuchat-cli serve} (docs/service-node.md), on real libwaku, loopback only,
 * private cluster. The service node runs as its own process through the real launcher on
 * 127.0.0.1; the traffic comes from libwaku nodes in this JVM, each listening on its own loopback
 * address (127.0.0.2, 127.0.0.3, …: Linux routes all of 127.0.0.0/8 to lo), that know only the
 * service node's address. Prints {@code key=value}:
 * <ul>
 *   <li>{@code serve_rss_mb_idle}: the serve process's resident memory {@code idle_seconds} after start, no peers
 *   <li>{@code serve_rss_mb_filled}: after {@code stored} (10,000) messages of a chat text's
 *   size (300 random bytes of payload: encrypted-looking, as the node sees them) were stored,
 *   published by {@code fill_publishers} nodes at {@code fill_rate} messages a second in all;
 *   what the Store misses after a round is published again (as new messages)
 *   <li>{@code serve_disk_bytes_per_1000_messages}: growth of store.sqlite3 (+ WAL) per 1,000 of them
 *   <li>{@code clients_per_service_node}: the most client nodes of the {@code steps} at which, each
 *   publishing 4 texts and 4 acknowledgement-sized messages a minute (a chat client at 4
 *   messages a minute), every message of a {@code step_seconds} window reached its partner
 *   client (through the service node) within {@code bound_seconds}; with the service node's
 *   CPU and memory at each step ({@code serve_cpu_pct_at_<n>}, {@code serve_rss_mb_at_<n>}) and
 *   the source addresses of its TCP connections ({@code serve_peer_ips_at_<n>})
 * </ul>
 * Options: {@code stored=10000 fill_publishers=5 fill_rate=60 steps=10,20,30 step_seconds=45
 * bound_seconds=10 idle_seconds=30}, and {@code colocation_limit=<n> max_connections=<n>} passed on to serve.
 */
public final class ServeBenchmark {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TEXT_PAYLOAD = 300;
    private static final int ACK_PAYLOAD = 120;
    private static final java.util.HexFormat HEX = java.util.HexFormat.of();

    private ServeBenchmark() {
    }

    /** A published message awaited at its partner client. */
    private record Sent(long publishedNanos, int receiver) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>(Map.of("stored", "10000", "fill_publishers", "5", "fill_rate", "60",
                "steps", "10,20,30", "step_seconds", "45", "bound_seconds", "10", "idle_seconds", "30"));
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            options.put(kv[0], kv[1]);
        }
        LibWaku lib = LibWakuLoader.forThisMachine().load();
        Path dir = Files.createTempDirectory("serve-bench");
        int port = freePort();
        List<String> extra = new ArrayList<>();
        if (options.containsKey("colocation_limit")) {
            extra.addAll(List.of("--colocation-limit", options.get("colocation_limit")));
        }
        if (options.containsKey("max_connections")) {
            extra.addAll(List.of("--max-connections", options.get("max_connections")));
        }
        print("serve_options", String.join(" ", extra));
        Process serve = startServe(dir, port, extra);
        List<JsonNode> lines = new CopyOnWriteArrayList<>();
        follow(serve, lines);
        String address = await(lines, "address", 90).get("address").asText();
        long pid = javaPid(serve);
        Thread.sleep(Long.parseLong(options.get("idle_seconds")) * 1000);
        Path db = dir.resolve("serve").resolve(ServeCommand.STORE_FILE);
        print("serve_rss_mb_idle", rssMb(pid));
        long idleBytes = StoreMaintenance.databaseBytes(db);
        int[] nextHost = {2};

        int stored = Integer.parseInt(options.get("stored"));
        if (stored > 0) {
            fill(lib, address, db, stored, Integer.parseInt(options.get("fill_publishers")), Double.parseDouble(options.get("fill_rate")),
                    nextHost, port);
            Thread.sleep(10_000);
            long rows = rowCount(db);
            print("serve_rss_mb_filled", rssMb(pid));
            long filledBytes = StoreMaintenance.databaseBytes(db);
            print("serve_disk_bytes_total", filledBytes);
            print("serve_disk_bytes_per_1000_messages", (filledBytes - idleBytes) * 1000 / Math.max(1, rows));
            print("serve_db_file_bytes_after_checkpoint", checkpointedFileBytes(db));
        }
        if (!options.get("steps").isBlank()) {
            clients(lib, address, pid, port, options, nextHost);
        }
        serve.destroy();
        serve.waitFor(40, TimeUnit.SECONDS);
        print("serve_exit_code", serve.exitValue());
        // The client nodes go with the process (waku_destroy would take about ten seconds each).
        System.exit(0);
    }

    /**
     * Fills the Store to {@code stored} rows: publishers in turn, paced to {@code rate} a second in
     * all, one publish in flight per publisher; rounds publish what is still missing as new messages.
     */
    private static void fill(LibWaku lib, String address, Path db, int stored, int publishers, double rate, int[] nextHost,
                             int servePort) throws Exception {
        List<LibWakuNode> fillers = new ArrayList<>();
        for (int i = 0; i < publishers; i++) {
            fillers.add(client(lib, address, ContentTopic.parse("/wakuchat/1/fill" + i + "/proto"), nextHost[0]++));
        }
        print("fill_serve_peer_ips", peerIps(servePort));
        List<ContentTopic> topics = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            topics.add(ContentTopic.parse("/wakuchat/1/bench" + i + "/proto"));
        }
        long t0 = System.nanoTime();
        AtomicLong failures = new AtomicLong();
        long published = 0;
        long rows = 0;
        long intervalNanos = (long) (1e9 / rate);
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            inFlight.add(CompletableFuture.completedFuture(null));
        }
        for (int round = 0; round < 5 && rows < stored; round++) {
            long missing = stored - rows;
            long next = System.nanoTime();
            for (long i = 0; i < missing; i++) {
                int p = (int) (published % publishers);
                try {
                    inFlight.get(p).get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    if (failures.incrementAndGet() <= 3) {
                        System.out.println("# fill publish failed: " + e);
                    }
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                next += intervalNanos;
                inFlight.set(p, fillers.get(p).publish(message(topics.get((int) (published % topics.size())), TEXT_PAYLOAD)));
                published++;
            }
            for (CompletableFuture<?> f : inFlight) {
                try {
                    f.get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            }
            rows = awaitRows(db, stored, 20);
            print("fill_round_" + round + "_published_total", published);
            print("fill_round_" + round + "_stored_rows", rows);
        }
        print("fill_published", published);
        print("fill_publish_failures", failures.get());
        print("fill_seconds", String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
        print("stored_rows", rows);
        // Off the network, so they do not count as clients below (destroyed in the background).
        fillers.forEach(LibWakuNode::stop);
    }

    /** Clients at 4 chat messages a minute each (a text and its acknowledgement-sized reply per message), in pairs. */
    private static void clients(LibWaku lib, String address, long pid, int servePort, Map<String, String> options, int[] nextHost)
            throws Exception {
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        // One node start at a time: libwaku v0.36 crashed (SIGSEGV in waku_context) with several
        // waku_new calls in flight from different threads of one process.
        java.util.concurrent.ExecutorService starters = Executors.newSingleThreadExecutor();
        Map<String, Sent> awaited = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Long> latencyNanos = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicLong published = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<LibWakuNode> nodes = new ArrayList<>();
        long boundNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(options.get("bound_seconds")));
        long stepSeconds = Long.parseLong(options.get("step_seconds"));
        int held = 0;
        for (String step : options.get("steps").split(",")) {
            int target = Integer.parseInt(step.strip());
            List<CompletableFuture<LibWakuNode>> starting = new ArrayList<>();
            for (int index = nodes.size(); index < target; index++) {
                int me = index;
                int host = nextHost[0]++;
                starting.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        LibWakuNode c = client(lib, address, topicOf(me), host);
                        // Each client hears its partner's messages (0 and 1, 2 and 3, …) through the service node.
                        ContentTopic partner = topicOf(me ^ 1);
                        c.observeRelay(m -> {
                            if (m.message().contentTopic().equals(partner)) {
                                String key = HEX.formatHex(m.message().payload(), 0, 12);
                                Sent sent = awaited.get(key);
                                if (sent != null && sent.receiver() == me) {
                                    latencyNanos.putIfAbsent(key, System.nanoTime() - sent.publishedNanos());
                                }
                            }
                        });
                        return c;
                    } catch (Exception e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                }, starters));
            }
            for (CompletableFuture<LibWakuNode> f : starting) {
                LibWakuNode c = f.get(120, TimeUnit.SECONDS);
                int me = nodes.size();
                nodes.add(c);
                long phase = RANDOM.nextInt(15_000);
                timers.scheduleAtFixedRate(() -> {
                    publishAwaited(c, topicOf(me), TEXT_PAYLOAD, me ^ 1, awaited, published, failed);
                    publishAwaited(c, topicOf(me), ACK_PAYLOAD, me ^ 1, awaited, published, failed);
                }, phase, 15_000, TimeUnit.MILLISECONDS);
            }
            print("clients_started", nodes.size());
            Thread.sleep(15_000); // the new clients' meshes settle; their first messages go out
            awaited.clear();
            latencyNanos.clear();
            long failedBefore = failed.get();
            double cpuBefore = cpuSeconds(pid);
            long start = System.nanoTime();
            Thread.sleep(stepSeconds * 1000);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (cpuSeconds(pid) - cpuBefore) / seconds * 100;
            long end = System.nanoTime();
            long failedInStep = failed.get() - failedBefore;
            Thread.sleep(boundNanos / 1_000_000 + 1000); // the window's last messages have their bound to arrive
            // Every message published in the window counts: delivered to its partner within the bound, or not.
            List<String> inWindow = awaited.entrySet().stream()
                    .filter(e -> e.getValue().publishedNanos() >= start && e.getValue().publishedNanos() < end).map(Map.Entry::getKey).toList();
            long publishedInStep = inWindow.size();
            List<Long> latencies = inWindow.stream().map(latencyNanos::get).filter(java.util.Objects::nonNull).sorted().toList();
            long delivered = latencies.stream().filter(l -> l <= boundNanos).count();
            long late = publishedInStep - delivered;
            print("serve_cpu_pct_at_" + target, String.format(Locale.ROOT, "%.1f", cpu));
            print("serve_rss_mb_at_" + target, rssMb(pid));
            print("serve_peer_ips_at_" + target, peerIps(servePort));
            print("published_at_" + target, publishedInStep);
            print("delivered_within_bound_at_" + target, delivered);
            print("undelivered_at_" + target, late);
            print("failed_publishes_at_" + target, failedInStep);
            if (!latencies.isEmpty()) {
                print("latency_ms_p50_at_" + target, latencies.get(latencies.size() / 2) / 1_000_000);
                print("latency_ms_max_at_" + target, latencies.getLast() / 1_000_000);
            }
            print("bench_jvm_rss_mb_at_" + target, rssMb(ProcessHandle.current().pid()));
            print("load_average", Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            if (late == 0 && failedInStep == 0 && publishedInStep > 0) {
                held = target;
            } else {
                break;
            }
        }
        print("clients_per_service_node", held);
        timers.shutdownNow();
        starters.shutdownNow();
    }

    private static ContentTopic topicOf(int client) {
        return ContentTopic.parse("/wakuchat/1/client" + client + "/proto");
    }

    private static void publishAwaited(LibWakuNode node, ContentTopic topic, int payloadBytes, int receiver, Map<String, Sent> awaited,
                                       AtomicLong published, AtomicLong failed) {
        WakuMessage m = message(topic, payloadBytes);
        awaited.put(HEX.formatHex(m.payload(), 0, 12), new Sent(System.nanoTime(), receiver));
        publishCounted(node, m, published, failed);
    }

    /** The distinct remote addresses of the established TCP connections to {@code port} (the service node's peers). */
    private static String peerIps(int port) throws IOException {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        String localPort = String.format(Locale.ROOT, ":%04X", port);
        for (String line : Files.readAllLines(Path.of("/proc/net/tcp"))) {
            String[] f = line.strip().split("\\s+");
            if (f.length > 3 && f[1].endsWith(localPort) && f[3].equals("01")) {
                String hex = f[2].substring(0, 8);
                String ip = Integer.parseInt(hex.substring(6, 8), 16) + "." + Integer.parseInt(hex.substring(4, 6), 16) + "."
                        + Integer.parseInt(hex.substring(2, 4), 16) + "." + Integer.parseInt(hex.substring(0, 2), 16);
                counts.merge(ip, 1, Integer::sum);
            }
        }
        return counts.size() + " " + counts;
    }

    private static void publishCounted(LibWakuNode node, WakuMessage m, AtomicLong published, AtomicLong failed) {
        published.incrementAndGet();
        node.publish(m).whenComplete((h, e) -> {
            if (e != null && failed.incrementAndGet() <= 3) {
                System.out.println("# client publish failed: " + e);
            }
        });
    }

    private static WakuMessage message(ContentTopic topic, int payloadBytes) {
        byte[] payload = new byte[payloadBytes];
        RANDOM.nextBytes(payload);
        return WakuMessage.of(payload, topic, System.currentTimeMillis() * 1_000_000L + RANDOM.nextInt(1_000_000));
    }

    /** A client node listening on 127.0.0.{@code host} (still loopback), dialling the service node. */
    private static LibWakuNode client(LibWaku lib, String serveAddress, ContentTopic topic, int host) throws Exception {
        String ip = "127.0.0." + host;
        NetworkConfig config = NetworkConfig.privateCluster(NetworkOptions.DEFAULT_PRIVATE_CLUSTER, NetworkOptions.DEFAULT_PRIVATE_SHARDS,
                        List.of(serveAddress), List.of(serveAddress))
                .withListen(new NetworkConfig.Listen(ip, 0, "extip:" + ip)).withLogLevel("FATAL");
        LibWakuNode node = new LibWakuNode(config, () -> lib);
        node.start().get(60, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // Publishing before the relay mesh forms fails with NoPeersToPublish.
        while (node.meshPeers(config.pubsubTopic(topic)).get(10, TimeUnit.SECONDS) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return node;
    }

    private static Process startServe(Path dir, int port, List<String> extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(CliLauncher.script().toString(), "serve", "--json", "--data-dir",
                dir.resolve("serve").toString(), "--preset", "private", "--listen-address", "127.0.0.1", "--tcp-port",
                Integer.toString(port), "--stats-interval", "30"));
        command.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(command).directory(CliLauncher.repositoryRoot().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("serve.err").toFile()));
        builder.environment().clear();
        builder.environment().putAll(CliLauncher.environment());
        return builder.start();
    }

    private static void follow(Process process, List<JsonNode> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(CliHarness.parse(line));
                }
            } catch (IOException ended) {
                // gone
            }
        }, "serve-output");
        reader.setDaemon(true);
        reader.start();
    }

    private static JsonNode await(List<JsonNode> lines, String type, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (JsonNode line : lines) {
                if (line.path("type").asText().equals(type)) {
                    return line;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("serve printed no " + type + " line");
    }

    /** The launcher execs java, so the process is the JVM itself. */
    private static long javaPid(Process process) {
        return process.pid();
    }

    private static long awaitRows(Path db, long rows, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long count = 0;
        while (System.nanoTime() < deadline && (count = rowCount(db)) < rows) {
            Thread.sleep(1000);
        }
        return count;
    }

    /** From this process, not the service node's: SQLite's locking across processes keeps that safe. */
    private static long rowCount(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db + "?open_mode=1"); Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 10000");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM Message")) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** The main database file alone once the WAL is folded into it (from this process: safe across processes). */
    private static long checkpointedFileBytes(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 10000");
            try (ResultSet ignored = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                // done
            }
        }
        return Files.size(db);
    }

    private static long rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
            }
        }
        return -1;
    }

    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime, stime in clock ticks (USER_HZ 100)
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
        System.out.flush();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
