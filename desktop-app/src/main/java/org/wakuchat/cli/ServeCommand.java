package org.wakuchat.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.cli.serve.ByteSize;
import org.wakuchat.cli.serve.DialableAddresses;
import org.wakuchat.cli.serve.NodeKeyFile;
import org.wakuchat.cli.serve.StoreMaintenance;
import org.wakuchat.core.transport.LibWakuNode;
import org.wakuchat.core.transport.NetworkConfig;
import org.wakuchat.core.transport.StoreRetention;
import org.wakuchat.core.transport.WakuNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code serve}: a long-running nwaku node for a Waku Chat cluster, with no chat account. It
 * relays every shard of the cluster, keeps a Store of what it relays (SQLite in its data folder,
 * time and size limits), serves peer exchange, and keeps its node key so its multiaddress stays
 * the same. It only ever sees encrypted payloads: it counts messages, never decodes or logs them.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run a service node for a Waku Chat cluster: relay on all its shards, Store, peer exchange.",
            "Needs no account. Prints one line per multiaddress clients can dial (and the ENR with discv5), then "
                    + "peers and message counts every --stats-interval. Stops on Ctrl-C or SIGTERM (exit 0). "
                    + "See docs/service-node.md."})
final class ServeCommand implements java.util.concurrent.Callable<Integer> {

    static final String STORE_FILE = "store.sqlite3";
    static final String DEFAULT_FOLDER = "service-node";
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    private static final Duration START_PATIENCE = Duration.ofSeconds(90);
    /** waku_stop, then waku_destroy (about 11 s): together within systemd's default 30 s stop timeout. */
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(8);
    private static final Duration DESTROY_PATIENCE = Duration.ofSeconds(20);
    /** How often the Store's rows are counted and its size limit applied (a child JVM each time). */
    private static final Duration MAINTENANCE_INTERVAL = Duration.ofMinutes(10);

    @ParentCommand
    WakuChatCli root;

    @Option(names = "--data-dir", paramLabel = "<folder>",
            description = "The node's folder: its key (" + NodeKeyFile.NAME + ") and Store (" + STORE_FILE + "). "
                    + "Default: " + DEFAULT_FOLDER + " in the app's data folder.")
    Path dataDir;

    @Option(names = "--json", description = "Print one JSON object per line, for scripts.")
    boolean json;

    @Option(names = "--store-retention-days", paramLabel = "<days>", defaultValue = "30",
            description = "Delete stored messages older than this (default ${DEFAULT-VALUE}).")
    int retentionDays;

    @Option(names = "--store-max-size", paramLabel = "<size>", defaultValue = "5GB",
            description = "Delete the oldest stored messages once the Store outgrows this, e.g. 500MB, 5GB "
                    + "(default ${DEFAULT-VALUE}; checked at start and every 10 minutes).")
    String maxSize;

    @Option(names = "--external-address", paramLabel = "<ip>",
            description = "The public IP address clients dial, when the node is behind NAT or port forwarding "
                    + "(the same as --nat extip:<ip>).")
    String externalAddress;

    @Option(names = "--discv5", description = "Also take part in discv5 discovery (UDP on the TCP port); prints the ENR.")
    boolean discv5;

    @Option(names = "--colocation-limit", paramLabel = "<n>",
            description = "Keep at most this many peers from one IP address, 0 for no limit (default: nwaku's, 5). "
                    + "Raise it when many users reach the node from one NAT address (an office, a campus).")
    Integer colocationLimit;

    @Option(names = "--max-connections", paramLabel = "<n>",
            description = "Keep at most this many connections, at least 20 (default: nwaku's, 50, of which 20 inbound "
                    + "relay peers: about 20 clients). Raise it for more clients.")
    Integer maxConnections;

    @Option(names = "--stats-interval", paramLabel = "<seconds>", defaultValue = "60",
            description = "Print peers and message counts this often (default ${DEFAULT-VALUE}).")
    long statsSeconds;

    @Mixin
    NetworkOptions network;

    @Override
    public Integer call() throws Exception {
        CliEnvironment environment = root.environment();
        Output out = new Output(environment.out(), json);
        ServeSettings settings = settings(environment.env());
        Path folder = dataDir != null ? dataDir.toAbsolutePath().normalize() : environment.defaultDataDir().resolve(DEFAULT_FOLDER);
        NetworkConfig config = configure(settings, folder);
        WakuNode made = environment.nodes().create(config);
        if (!(made instanceof LibWakuNode node)) {
            made.close();
            throw new CliException(ExitCodes.ENGINE_UNAVAILABLE, "serve runs a real nwaku node: it needs libwaku.");
        }
        StoreMaintenance maintenance = new StoreMaintenance(folder.resolve(STORE_FILE), settings.maxBytes());
        AtomicReference<StoreMaintenance.Check> lastCheck = new AtomicReference<>();
        // Before nwaku opens the database: the first check never competes with it.
        check(maintenance, lastCheck, out);
        AtomicLong relayed = new AtomicLong();
        node.observeRelay(message -> relayed.incrementAndGet());
        environment.stop().watch();
        try {
            CompletableFuture<Void> started = node.start();
            CompletableFuture.anyOf(started, environment.stop().requested()).get(START_PATIENCE.toSeconds(), TimeUnit.SECONDS);
            if (environment.stop().requested().isDone()) {
                return ExitCodes.OK;
            }
            started.join();
            announce(node, config, out);
            run(node, settings, maintenance, lastCheck, relayed, out, environment.stop());
            return ExitCodes.OK;
        } catch (ExecutionException | java.util.concurrent.CompletionException e) {
            throw new CliException(ExitCodes.ENGINE_UNAVAILABLE, "Waku node unavailable: " + Human.brief(node.status().detail()));
        } catch (TimeoutException e) {
            throw new CliException(ExitCodes.ENGINE_UNAVAILABLE, "nwaku did not start within " + START_PATIENCE.toSeconds() + " s");
        } finally {
            shutDown(node);
            environment.stop().finished();
        }
    }

    /** The options, checked: everything that can be wrong is a usage error before anything starts. */
    record ServeSettings(int retentionDays, long maxBytes, Duration statsInterval) {
    }

    ServeSettings settings(Map<String, String> env) {
        if (retentionDays < 1) {
            throw new CliException(ExitCodes.USAGE, "--store-retention-days must be at least 1.");
        }
        if (statsSeconds < 1) {
            throw new CliException(ExitCodes.USAGE, "--stats-interval must be at least 1 second.");
        }
        long bytes;
        try {
            bytes = ByteSize.parse(maxSize);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--store-max-size: " + e.getMessage());
        }
        if (bytes < 1024L * 1024) {
            throw new CliException(ExitCodes.USAGE, "--store-max-size must be at least 1MB.");
        }
        if (colocationLimit != null && colocationLimit < 0) {
            throw new CliException(ExitCodes.USAGE, "--colocation-limit must be 0 (no limit) or more.");
        }
        if (maxConnections != null && maxConnections < NetworkConfig.PeerLimits.MIN_CONNECTIONS) {
            throw new CliException(ExitCodes.USAGE, "--max-connections must be at least " + NetworkConfig.PeerLimits.MIN_CONNECTIONS
                    + " (nwaku's least).");
        }
        if (externalAddress != null && network.nat != null) {
            throw new CliException(ExitCodes.USAGE, "--external-address and --nat say the same thing: give one.");
        }
        return new ServeSettings(retentionDays, bytes, Duration.ofSeconds(statsSeconds));
    }

    /** The node's configuration: the network options, plus Store, peer exchange and the kept node key. */
    NetworkConfig configure(ServeSettings settings, Path folder) throws IOException {
        if (externalAddress != null) {
            network.nat = "extip:" + externalAddress;
        }
        NetworkConfig config = network.toConfig(root.environment().env());
        createFolder(folder);
        if (config.nodeKey().isEmpty()) {
            config = config.withNodeKey(NodeKeyFile.loadOrCreate(folder, new SecureRandom()));
        }
        NetworkConfig.Discovery discovery = config.discovery();
        // Peer exchange served, so clients learn more peers from us; discv5 as the preset or --discv5 says.
        config = config.withDiscovery(new NetworkConfig.Discovery(discovery.discv5() || discv5, discovery.discv5Bootstrap(),
                discovery.dnsEnrTreeUrl(), true));
        NetworkConfig.PeerLimits limits = config.peerLimits();
        if (colocationLimit != null) {
            limits = limits.withColocationLimit(colocationLimit);
        }
        if (maxConnections != null) {
            limits = limits.withMaxConnections(maxConnections);
        }
        config = config.withPeerLimits(limits);
        return config.withStoreService(folder.resolve(STORE_FILE))
                .withStoreRetention(StoreRetention.time(Duration.ofDays(settings.retentionDays())));
    }

    private static void createFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        Files.createDirectories(folder);
        try {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the parent's permissions apply.
        }
    }

    private void announce(LibWakuNode node, NetworkConfig config, Output out) throws Exception {
        String peerId = node.peerId().get(10, TimeUnit.SECONDS);
        boolean wildcard = DialableAddresses.wildcard(config.listen().address());
        List<String> reported = node.listenAddresses().get(10, TimeUnit.SECONDS);
        int port = DialableAddresses.port(reported, config.listen().tcpPort());
        List<String> addresses = DialableAddresses.of(reported, wildcard, port, peerId,
                wildcard ? DialableAddresses.interfaceAddresses() : List.of());
        for (String address : addresses) {
            out.emit(new ServeLines.AddressLine("address", address), "listening on " + address);
        }
        if (config.discovery().discv5()) {
            String enr = node.enr().get(10, TimeUnit.SECONDS);
            out.emit(new ServeLines.EnrLine("enr", enr), "enr " + enr);
        }
        out.note("cluster " + config.clusterId() + ", shards " + config.shards() + "; Store in " + config.storeDatabase().orElseThrow()
                + " (" + config.storeRetention().map(Object::toString).orElse("nwaku's default") + ")");
        LOG.info("service node {} serving cluster {} shards {} at {}", peerId, config.clusterId(), config.shards(), addresses);
    }

    private void run(LibWakuNode node, ServeSettings settings, StoreMaintenance maintenance,
                     AtomicReference<StoreMaintenance.Check> lastCheck, AtomicLong relayed, Output out, StopSignal stop)
            throws InterruptedException {
        Instant started = Instant.now();
        long nextStats = System.nanoTime() + settings.statsInterval().toNanos();
        long nextCheck = System.nanoTime() + MAINTENANCE_INTERVAL.toNanos();
        CompletableFuture<Void> checking = CompletableFuture.completedFuture(null);
        while (!stop.requested().isDone()) {
            try {
                stop.requested().get(Math.max(1, Math.min(nextStats, nextCheck) - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException due) {
                // time for stats or maintenance
            }
            if (stop.requested().isDone()) {
                break;
            }
            long now = System.nanoTime();
            if (now >= nextCheck && checking.isDone()) {
                nextCheck = now + MAINTENANCE_INTERVAL.toNanos();
                checking = CompletableFuture.runAsync(() -> check(maintenance, lastCheck, out));
            }
            if (now >= nextStats) {
                nextStats = now + settings.statsInterval().toNanos();
                stats(node, started, relayed.get(), lastCheck.get(), out);
            }
        }
    }

    private void stats(LibWakuNode node, Instant started, long relayed, StoreMaintenance.Check check, Output out) {
        long uptime = Duration.between(started, Instant.now()).toSeconds();
        int peers = node.status().peers();
        long storeBytes = StoreMaintenance.databaseBytes(node.config().storeDatabase().orElseThrow());
        Long stored = check == null ? null : check.rows();
        ServeLines.StatsLine line = new ServeLines.StatsLine("stats", uptime, peers, relayed, stored, storeBytes);
        out.emit(line, line.human());
        LOG.info("{}", line.human());
    }

    private static void check(StoreMaintenance maintenance, AtomicReference<StoreMaintenance.Check> lastCheck, Output out) {
        try {
            StoreMaintenance.Check check = maintenance.run();
            lastCheck.set(check);
            if (check.deleted() > 0) {
                String text = "Store over its size limit: deleted the " + check.deleted() + " oldest messages; "
                        + check.rows() + " left, " + ByteSize.format(check.bytes());
                out.emit(new ServeLines.PrunedLine("pruned", check.deleted(), check.rows(), check.bytes()), text);
                LOG.warn("{}", text);
            }
        } catch (IOException e) {
            LOG.warn("Store maintenance: {}", e.getMessage());
            out.note("Store maintenance failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** waku_stop, then waku_destroy (about ten seconds), bounded so systemd's 30 s stop timeout is met. */
    private static void shutDown(LibWakuNode node) {
        try {
            node.stop().get(STOP_PATIENCE.toSeconds(), TimeUnit.SECONDS);
            node.close();
            node.destroyed().get(DESTROY_PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("nwaku did not stop cleanly: {}", e.toString());
        }
    }
}
