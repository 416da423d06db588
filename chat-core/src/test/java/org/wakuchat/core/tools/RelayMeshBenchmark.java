package org.wakuchat.core.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.transport.WakuMessages;

/**
 * What a relay node really receives and sends on a mesh of nwaku nodes (issue 16, part 1): {@code
 * nodes} libwaku nodes, each in its own JVM ({@link RelayMeshChild}: nim-metrics' registry is per
 * process), on one shard of a private cluster on 127.0.0.0/8, in a ring where each dials the
 * {@code dial} next ones (see {@link #startMesh}). Once every node has mesh peers it measures, from each node's own
 * Prometheus endpoint ({@code libp2p_network_bytes_total}, gossipsub counters) and from the
 * kernel's per-socket TCP counters ({@code ss -tinp}):
 * <ul>
 *   <li>idle traffic per node (heartbeats, gossip) over {@code idle_seconds}
 *   <li>for each WakuMessage size of {@code sizes}: {@code messages} messages published at
 *   {@code rate} a second in all, spread over every node; bytes in and out per node per published
 *   message (idle traffic taken off), copies each node received per message (the duplicate factor),
 *   the fit {@code bytes_in_per_node = a + b · size} and the fit per copy
 *   {@code bytes_in_per_node / copies = framing + b' · size}, which holds when the mesh changes
 *   <li>validation ({@code chat_users} &gt; 0): chat-like traffic of {@code chat_users} users at
 *   {@code per_minute} texts a minute with the engine's own text and ack sizes and publishes per
 *   text ({@code text_bytes}, {@code ack_bytes}, {@code publishes_per_text}, measured on the
 *   simulator at {@code loss} unless given) for {@code chat_seconds}; the {@link P1Model}
 *   prediction from the per-copy fit (with the copies measured in that phase) and from the plain
 *   fit, against the measured bytes per node
 * </ul>
 * Prints {@code key=value}. Nodes are started one at a time (concurrent {@code waku_new} crashed
 * libwaku once) and killed at the end (no 10 s {@code waku_destroy} each).
 */
public final class RelayMeshBenchmark {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Child> children = new ArrayList<>();
    private final Map<String, String> options;
    private final PrintStream out = System.out;

    private RelayMeshBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("nodes", "8", "dial", "3", "sizes", "200,400,800,1600",
                "messages", "100", "rate", "10", "idle_seconds", "30", "chat_users", "100", "chat_seconds", "60",
                "per_minute", "4", "loss", "0.05"));
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("options are key=value: " + arg);
            }
            options.put(pair[0], pair[1]);
        }
        var bench = new RelayMeshBenchmark(options);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::killAll));
        int status = 0;
        try {
            bench.run();
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        } finally {
            bench.killAll();
        }
        System.out.flush();
        System.exit(status);
    }

    private int option(String key) {
        return Integer.parseInt(options.get(key));
    }

    private void run() throws Exception {
        int nodes = option("nodes");
        long t0 = System.nanoTime();
        startMesh(nodes, option("dial"));
        print("mesh_start_s", seconds(System.nanoTime() - t0));
        List<Integer> mesh = awaitMesh();
        print("nodes", nodes);
        print("mesh_peers_per_node_mean", format(mesh.stream().mapToInt(Integer::intValue).average().orElse(0)));
        print("mesh_peers_per_node_min", Collections.min(mesh));
        print("mesh_peers_per_node_max", Collections.max(mesh));

        int idleSeconds = option("idle_seconds");
        Snapshot before = snapshot();
        Thread.sleep(idleSeconds * 1000L);
        Snapshot after = snapshot();
        double idleSecondsMeasured = (after.nanos - before.nanos) / 1e9;
        double[] idleIn = perNode(before, after, "libp2p_network_bytes_total", "direction=\"in\"");
        double[] idleOut = perNode(before, after, "libp2p_network_bytes_total", "direction=\"out\"");
        double idleInPerSec = mean(idleIn) / idleSecondsMeasured;
        double idleOutPerSec = mean(idleOut) / idleSecondsMeasured;
        print("idle_bytes_in_per_sec_per_node", format(idleInPerSec));
        print("idle_bytes_out_per_sec_per_node", format(idleOutPerSec));
        print("idle_tcp_bytes_in_per_sec_per_node", format(mean(after.tcpIn(before)) / idleSecondsMeasured));
        print("idle_peers_per_node_mean", format(mean(gauge(after, "libp2p_peers"))));
        print("idle_mesh_peers_per_node_mean", format(meshPeers().stream().mapToInt(Integer::intValue).average().orElse(0)));

        List<double[]> points = new ArrayList<>();
        for (String s : options.get("sizes").split(",")) {
            int size = Integer.parseInt(s.strip());
            points.add(sweep(size, idleInPerSec, idleOutPerSec));
        }
        double[] fit = fit(points.stream().map(p -> new double[] {p[0], p[1]}).toList());
        print("relay_fit_a_bytes", format(fit[0]));
        print("relay_fit_b", format(fit[1]));
        print("relay_fit_max_error_pct", format(maxError(points, fit, false)));
        // The mesh changes during a run (peers drop out of it), and with it the copies each node
        // gets: per copy, bytes = framing + b · size holds whatever the mesh degree.
        double[] perCopy = fit(points.stream().map(p -> new double[] {p[0], p[1] / p[2]}).toList());
        print("relay_per_copy_framing_bytes", format(perCopy[0]));
        print("relay_per_copy_b", String.format(Locale.ROOT, "%.3f", perCopy[1]));
        print("relay_per_copy_fit_max_error_pct", format(maxError(points, perCopy, true)));
        print("relay_copies_per_node_per_msg_mean", format(points.stream().mapToDouble(p -> p[2]).average().orElse(0)));

        if (option("chat_users") > 0) {
            validate(fit, perCopy, idleInPerSec);
        }
    }

    /** One size of the sweep: returns {size, mean bytes each node received per published message, copies per node per message}. */
    private double[] sweep(int wireSize, double idleInPerSec, double idleOutPerSec) throws Exception {
        int messages = option("messages");
        int nodes = children.size();
        int perNode = Math.max(1, messages / nodes);
        long gapMs = Math.round(1000.0 * nodes / Double.parseDouble(options.get("rate")));
        int payload = payloadFor(wireSize);
        long[] receivedBefore = received();
        Snapshot before = snapshot();
        for (Child child : children) {
            child.send("publish " + payload + " " + perNode + " " + gapMs);
        }
        int ok = 0;
        for (Child child : children) {
            String[] answer = child.await("published").split(" ");
            ok += Integer.parseInt(answer[1]);
        }
        Thread.sleep(3000); // the last ones still travel
        Snapshot after = snapshot();
        long[] receivedAfter = received();
        double seconds = (after.nanos - before.nanos) / 1e9;
        double[] in = perNode(before, after, "libp2p_network_bytes_total", "direction=\"in\"");
        double[] out = perNode(before, after, "libp2p_network_bytes_total", "direction=\"out\"");
        double[] tcpIn = after.tcpIn(before);
        double[] copies = new double[nodes];
        double[] heard = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            in[i] = (in[i] - idleInPerSec * seconds) / ok;
            out[i] = (out[i] - idleOutPerSec * seconds) / ok;
            tcpIn[i] = tcpIn[i] / ok;
            // every copy that arrived: the first (received) and the ones seen before (duplicate)
            copies[i] = (before.delta(after, i, "libp2p_gossipsub_received_total")
                    + before.delta(after, i, "libp2p_gossipsub_duplicate_total")) / ok;
            heard[i] = receivedAfter[i] - receivedBefore[i];
        }
        String p = "s" + wireSize + "_";
        print(p + "published", ok);
        print(p + "payload_bytes", payload);
        print(p + "seconds", format(seconds));
        print(p + "bytes_in_per_node_per_msg", format(mean(in)));
        print(p + "bytes_in_per_node_per_msg_min", format(min(in)));
        print(p + "bytes_in_per_node_per_msg_max", format(max(in)));
        print(p + "bytes_out_per_node_per_msg", format(mean(out)));
        print(p + "tcp_bytes_in_per_node_per_msg", format(mean(tcpIn)));
        print(p + "copies_per_node_per_msg", format(mean(copies)));
        print(p + "copies_per_node_per_msg_min", format(min(copies)));
        print(p + "copies_per_node_per_msg_max", format(max(copies)));
        print(p + "idontwant_saved_per_msg", format(sumDelta(before, after, "libp2p_gossipsub_idontwant_saved_messages_total") / ok));
        // messages each node's listener got (its own publishes echo back to it too) over all published
        print(p + "delivered_share", format(sum(heard) / ((double) ok * nodes)));
        print(p + "mesh_peers_per_node_mean", format(meshPeers().stream().mapToInt(Integer::intValue).average().orElse(0)));
        print(p + "peers_per_node_mean", format(mean(gauge(after, "libp2p_peers"))));
        diagnostics(p, before, after, ok);
        return new double[] {wireSize, mean(in), mean(copies)};
    }

    private static double maxError(List<double[]> points, double[] fit, boolean perCopy) {
        double worst = 0;
        for (double[] p : points) {
            double y = perCopy ? p[1] / p[2] : p[1];
            worst = Math.max(worst, Math.abs(fit[0] + fit[1] * p[0] - y) / y);
        }
        return 100 * worst;
    }

    private double[] gauge(Snapshot at, String name) {
        double[] values = new double[children.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = at.metrics.get(i).sum(name);
        }
        return values;
    }

    private void validate(double[] fit, double[] perCopy, double idleInPerSec) throws Exception {
        var engine = P1ModelBenchmark.engineFigures(options);
        int users = option("chat_users");
        double perMinute = Double.parseDouble(options.get("per_minute"));
        int seconds = option("chat_seconds");
        int nodes = children.size();
        // the same messages a second as the users would publish: texts, acks and resends
        double textsPerSec = users * perMinute / 60;
        double messagesPerSec = textsPerSec * engine.publishesPerText();
        int total = (int) Math.round(messagesPerSec * seconds);
        // the mix of sizes: one text per text sent, the rest acks and resends at their mean size
        double meanSize = engine.bytesPerTextPublished() / engine.publishesPerText();
        int textPayload = payloadFor(engine.textBytes());
        int otherBytes = (int) Math.round((engine.bytesPerTextPublished() - engine.textBytes()) / (engine.publishesPerText() - 1));
        int otherPayload = payloadFor(otherBytes);
        int perNode = Math.max(2, total / nodes);
        long gapMs = Math.round(1000.0 * nodes / messagesPerSec);
        // per ten texts, ten text-sized messages and the acks and resends that go with them
        int round = (int) Math.round(engine.publishesPerText() * 10);
        StringBuilder mix = new StringBuilder();
        for (int k = 0; k < round; k++) {
            mix.append(k == 0 ? "" : ",").append(k % 2 == 0 && k < 20 ? textPayload : otherPayload);
        }
        Snapshot before = snapshot();
        for (Child child : children) {
            child.send("publish " + mix + " " + perNode + " " + gapMs);
        }
        int ok = 0;
        for (Child child : children) {
            ok += Integer.parseInt(child.await("published").split(" ")[1]);
        }
        Thread.sleep(3000);
        Snapshot after = snapshot();
        double measuredSeconds = (after.nanos - before.nanos) / 1e9;
        double[] in = perNode(before, after, "libp2p_network_bytes_total", "direction=\"in\"");
        double measured = mean(in) / measuredSeconds;
        double publishedPerSec = ok / measuredSeconds;
        // the model at this scale: users who published what the nodes published, one shard, no RLN on this mesh
        double modelUsers = publishedPerSec / (perMinute / 60 * engine.publishesPerText());
        double[] copies = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            copies[i] = (before.delta(after, i, "libp2p_gossipsub_received_total")
                    + before.delta(after, i, "libp2p_gossipsub_duplicate_total")) / ok;
        }
        double copiesNow = mean(copies);
        var inputs = new P1Model.Inputs(modelUsers, perMinute, 1.0, 1, engine.publishesPerText(),
                engine.bytesPerTextPublished(), 0, 0, 0, 0, 0, 0, copiesNow * perCopy[0], copiesNow * perCopy[1], idleInPerSec);
        double predicted = new P1Model(inputs).relayBytesInPerSec(1);
        double direct = new P1Model(new P1Model.Inputs(modelUsers, perMinute, 1.0, 1, engine.publishesPerText(),
                engine.bytesPerTextPublished(), 0, 0, 0, 0, 0, 0, fit[0], fit[1], idleInPerSec)).relayBytesInPerSec(1);
        print("validate_chat_users", users);
        print("validate_text_bytes", engine.textBytes());
        print("validate_other_bytes", otherBytes);
        print("validate_mean_message_bytes", format(meanSize));
        print("validate_publishes_per_text", format(engine.publishesPerText()));
        print("validate_published", ok);
        print("validate_published_per_sec", format(publishedPerSec));
        print("validate_seconds", format(measuredSeconds));
        print("validate_measured_bytes_in_per_sec_per_node", format(measured));
        print("validate_measured_bytes_in_per_sec_per_node_min", format(min(in) / measuredSeconds));
        print("validate_measured_bytes_in_per_sec_per_node_max", format(max(in) / measuredSeconds));
        print("validate_model_bytes_in_per_sec_per_node", format(predicted));
        print("validate_error_pct", format(100 * (predicted - measured) / measured));
        print("validate_model_direct_fit_bytes_in_per_sec_per_node", format(direct));
        print("validate_direct_fit_error_pct", format(100 * (direct - measured) / measured));
        print("validate_copies_per_node_per_msg", format(copiesNow));
        print("validate_peers_per_node_mean", format(mean(gauge(after, "libp2p_peers"))));
        print("validate_mesh_peers_per_node_mean", format(meshPeers().stream().mapToInt(Integer::intValue).average().orElse(0)));
        diagnostics("validate_", before, after, ok);
    }

    /** The payload that makes a WakuMessage of this tool's content topic and a timestamp {@code wireSize} bytes. */
    static int payloadFor(int wireSize) {
        for (int payload = Math.max(0, wireSize - 80); payload <= wireSize; payload++) {
            var message = new WakuMessage(new byte[payload], RelayMeshChild.TOPIC, 0, System.currentTimeMillis() * 1_000_000L,
                    new byte[0], new byte[0], false);
            if (WakuMessages.encode(message).length >= wireSize) {
                return payload;
            }
        }
        throw new IllegalArgumentException("no payload gives a WakuMessage of " + wireSize + " bytes");
    }

    /** Least squares {@code y = a + b·x} over {@code points} ({x, y}); returns {a, b}. */
    static double[] fit(List<double[]> points) {
        int n = points.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
            sxx += p[0] * p[0];
            sxy += p[0] * p[1];
        }
        double b = n < 2 ? 0 : (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return new double[] {(sy - b * sx) / n, b};
    }

    /**
     * Node i listens on 127.0.0.(i+2) and, once all run, dials the {@code dial} nodes after it on a
     * ring: 2·dial peers each, {@code dial} of them inbound. Why: with nodes dialling random earlier
     * ones as bootstrap peers the mesh fell apart within minutes (degree 5.8 → 1.8; uneven degrees,
     * cause not found), and the sweep measured a different mesh at each size. The ring keeps degree
     * 2·dial, on distinct loopback addresses and ({@code same_address=true}) all on 127.0.0.1 alike,
     * so nwaku's gossipsub IP colocation score (threshold 5) is not what broke the other layout
     * (docs/benchmarks/p1-bandwidth.md).
     */
    private void startMesh(int nodes, int dial) throws Exception {
        if (dial < 1 || dial > 5 || 2 * dial > nodes - 1) {
            throw new IllegalArgumentException("dial must be at most 5 and leave the ring's peers distinct: " + dial);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        // same_address=true: every node on 127.0.0.1, to see what one address does to the mesh
        boolean sameAddress = Boolean.parseBoolean(options.getOrDefault("same_address", "false"));
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            int port = freePort();
            int metricsPort = freePort();
            var builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                    "--sun-misc-unsafe-memory-access=allow", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx96m",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                    RelayMeshChild.class.getName(), sameAddress ? "127.0.0.1" : "127.0.0." + (i + 2), String.valueOf(port),
                    String.valueOf(metricsPort));
            builder.redirectErrorStream(true);
            var child = new Child(builder.start(), metricsPort);
            children.add(child); // one at a time: concurrent waku_new crashed libwaku once
            addresses.add(child.await("addr").substring("addr ".length()));
        }
        for (int i = 0; i < nodes; i++) {
            for (int j = 1; j <= dial; j++) {
                children.get(i).send("connect " + addresses.get((i + j) % nodes));
                children.get(i).await("connected");
            }
        }
    }

    private List<Integer> awaitMesh() throws Exception {
        int want = 4; // nwaku's dLow
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            List<Integer> mesh = meshPeers();
            if (mesh.stream().allMatch(m -> m >= want) || System.nanoTime() > deadline) {
                Thread.sleep(5000); // a few heartbeats more to graft up to D
                return meshPeers();
            }
            Thread.sleep(1000);
        }
    }

    /** Every gossipsub and pubsub counter's growth over a phase, summed over the nodes, per published message. */
    private void diagnostics(String prefix, Snapshot before, Snapshot after, int published) {
        java.util.TreeMap<String, Double> sums = new java.util.TreeMap<>();
        for (int i = 0; i < children.size(); i++) {
            for (var entry : after.metrics.get(i).series().entrySet()) {
                String key = entry.getKey();
                String name = key.contains("{") ? key.substring(0, key.indexOf('{')) : key;
                if ((name.startsWith("libp2p_gossipsub_") || name.startsWith("libp2p_pubsub_") || name.startsWith("waku_relay_network_bytes"))
                        && name.endsWith("_total")) {
                    double was = before.metrics.get(i).series().getOrDefault(key, 0.0);
                    sums.merge(key.replace("\"", "").replace(' ', '_'), entry.getValue() - was, Double::sum);
                }
            }
        }
        sums.forEach((key, sum) -> {
            if (sum != 0) {
                print("diag_" + prefix + key, format(sum / published / children.size()));
            }
        });
    }

    private List<Integer> meshPeers() throws Exception {
        List<Integer> mesh = new ArrayList<>();
        for (Child child : children) {
            child.send("mesh");
            mesh.add(Integer.parseInt(child.await("mesh").split(" ")[1]));
        }
        return mesh;
    }

    private long[] received() throws Exception {
        long[] counts = new long[children.size()];
        for (int i = 0; i < counts.length; i++) {
            children.get(i).send("received");
            counts[i] = Long.parseLong(children.get(i).await("received").split(" ")[1]);
        }
        return counts;
    }

    private Snapshot snapshot() throws Exception {
        List<PrometheusText> metrics = new ArrayList<>();
        for (Child child : children) {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + child.metricsPort + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build();
            metrics.add(PrometheusText.parse(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body()));
        }
        return new Snapshot(System.nanoTime(), metrics, TcpCounters.read(children.stream().map(c -> c.process.pid()).toList(),
                children.stream().map(c -> c.metricsPort).toList()));
    }

    private double[] perNode(Snapshot before, Snapshot after, String name, String... labels) {
        double[] values = new double[children.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = before.delta(after, i, name, labels);
        }
        return values;
    }

    private double sumDelta(Snapshot before, Snapshot after, String name) {
        return sum(perNode(before, after, name));
    }

    private void killAll() {
        for (Child child : children) {
            child.process.destroyForcibly();
        }
        for (Child child : children) {
            try {
                child.process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void print(String key, Object value) {
        out.println(key + "=" + value);
        out.flush();
    }

    private static double mean(double[] values) {
        return sum(values) / values.length;
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }

    private static double min(double[] values) {
        double m = Double.MAX_VALUE;
        for (double v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double max(double[] values) {
        double m = -Double.MAX_VALUE;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static String seconds(long nanos) {
        return format(nanos / 1e9);
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Every node's metrics and TCP counters at one moment. */
    private record Snapshot(long nanos, List<PrometheusText> metrics, TcpCounters tcp) {

        double delta(Snapshot later, int node, String name, String... labels) {
            return metrics.get(node).delta(later.metrics.get(node), name, labels);
        }

        double[] tcpIn(Snapshot earlier) {
            double[] values = new double[metrics.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = tcp.receivedBy(i) - earlier.tcp.receivedBy(i);
            }
            return values;
        }
    }

    /** A child process and the {@code MESH …} lines it printed, in order. */
    private static final class Child {
        final Process process;
        final int metricsPort;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Child(Process process, int metricsPort) {
            this.process = process;
            this.metricsPort = metricsPort;
            Thread reader = new Thread(() -> {
                try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        int at = line.indexOf(RelayMeshChild.PREFIX);
                        if (at >= 0) {
                            lines.add(line.substring(at + RelayMeshChild.PREFIX.length()));
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "mesh-child-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        void send(String command) throws IOException {
            process.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        /** The next line starting with {@code word}; lines before it are dropped. */
        String await(String word) throws Exception {
            long deadline = System.nanoTime() + PATIENCE.toNanos() * 3;
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null && line.startsWith(word)) {
                    return line;
                }
                if (line == null && !process.isAlive()) {
                    throw new IllegalStateException("mesh node " + process.pid() + " exited with " + process.exitValue());
                }
            }
            throw new IllegalStateException("timed out waiting for '" + word + "' from mesh node " + process.pid());
        }
    }

    /**
     * Bytes each process received and sent on its established TCP sockets, from the kernel
     * ({@code ss -tinp}: tcp_info's bytes_received / bytes_acked, TCP payload without IP and TCP
     * headers), leaving out connections to a metrics port (the scrapes themselves).
     */
    record TcpCounters(Map<Long, long[]> byPid, List<Long> order) {

        double receivedBy(int index) {
            long[] counts = byPid.get(order.get(index));
            return counts == null ? 0 : counts[0];
        }

        static TcpCounters read(List<Long> pids, List<Integer> metricsPorts) {
            try {
                Process ss = new ProcessBuilder("ss", "-tinpH", "state", "established").redirectErrorStream(true).start();
                String text = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                ss.waitFor(10, TimeUnit.SECONDS);
                return new TcpCounters(parse(text, metricsPorts), pids);
            } catch (IOException e) {
                return new TcpCounters(Map.of(), pids);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new TcpCounters(Map.of(), pids);
            }
        }

        /** {@code ss -tinpH} output: a socket line (addresses, users:((…pid=N…))) then its info line. */
        static Map<Long, long[]> parse(String text, List<Integer> metricsPorts) {
            Map<Long, long[]> byPid = new LinkedHashMap<>();
            Long pid = null;
            for (String line : text.split("\n")) {
                if (line.contains("users:((")) {
                    pid = null;
                    boolean scrape = metricsPorts.stream().anyMatch(p -> line.contains(":" + p + " "));
                    var matcher = java.util.regex.Pattern.compile("pid=(\\d+)").matcher(line);
                    if (!scrape && matcher.find()) {
                        pid = Long.parseLong(matcher.group(1));
                    }
                } else if (pid != null) {
                    long[] counts = byPid.computeIfAbsent(pid, p -> new long[2]);
                    counts[0] += field(line, "bytes_received:");
                    counts[1] += field(line, "bytes_acked:");
                    pid = null;
                }
            }
            return byPid;
        }

        private static long field(String line, String name) {
            int at = line.indexOf(name);
            if (at < 0) {
                return 0;
            }
            int end = at + name.length();
            while (end < line.length() && Character.isDigit(line.charAt(end))) {
                end++;
            }
            return Long.parseLong(line.substring(at + name.length(), end));
        }
    }
}
