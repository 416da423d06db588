package org.wakuchat.cli;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.engine.EngineConfig;
import org.wakuchat.core.transport.LibWakuNode;
import org.wakuchat.core.transport.NetworkConfig;
import org.wakuchat.core.transport.WakuNode;

/**
 * An unlocked account on a Waku node: its events are handed off to a queue the command thread
 * reads, so slow output never holds up the engine.
 */
final class NodeSession implements AutoCloseable {

    private static final Duration ADDRESS_PATIENCE = Duration.ofSeconds(5);

    private final ChatEngine engine;
    private final NetworkConfig config;
    private final AtomicReference<WakuNode> node;
    private final BlockingQueue<ChatEvent> events = new LinkedBlockingQueue<>();
    private final ChatEngine.Subscription subscription;
    private final StopSignal stop;

    private NodeSession(ChatEngine engine, NetworkConfig config, AtomicReference<WakuNode> node, StopSignal stop) {
        this.engine = engine;
        this.stop = stop;
        this.config = config;
        this.node = node;
        this.subscription = engine.subscribe(events::add);
    }

    /** Reads the network options first, so a usage error never asks for the passphrase. */
    static NodeSession unlock(CliEnvironment environment, AccountOptions account, NetworkOptions network) {
        NetworkConfig config = network.toConfig(environment.env(), account.dataDir(environment));
        AtomicReference<WakuNode> made = new AtomicReference<>();
        EngineConfig engineConfig = AccountAccess.config(environment, account.dataDir(environment), () -> {
            WakuNode node = environment.nodes().create(config);
            made.set(node);
            return node;
        }).withNetworkOf(config);
        engineConfig = EngineConfig.rateLimitFor(config).map(engineConfig::withRateLimit).orElse(engineConfig);
        ChatEngine engine = AccountAccess.unlock(environment, engineConfig);
        // From here an interrupt (Ctrl-C, SIGTERM) asks the command to stop: it closes the account and exits.
        environment.stop().watch();
        return new NodeSession(engine, config, made, environment.stop());
    }

    ChatEngine engine() {
        return engine;
    }

    void start() {
        engine.start();
    }

    /** The next event, or empty after {@code timeout}. */
    Optional<ChatEvent> next(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Waits until the engine is connected or unavailable, or {@code timeout} passed; returns its status then. */
    EngineStatus awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        EngineStatus status = engine.status();
        while (!settled(status) && System.nanoTime() < deadline && !stopRequested()) {
            next(Duration.ofMillis(100));
            status = engine.status();
        }
        return status;
    }

    /** Whether the process was interrupted (Ctrl-C): waiting commands end early, closing the account cleanly. */
    boolean stopRequested() {
        return stop.requested().isDone();
    }

    static boolean settled(EngineStatus status) {
        return status.state() == EngineStatus.State.CONNECTED || status.state() == EngineStatus.State.UNAVAILABLE;
    }

    /** The node's cluster, shards and — from libwaku, while it runs — its dialable address. */
    Lines.NodeInfo info() {
        List<String> shards = config.shards().stream()
                .map(shard -> "/waku/2/rs/" + config.clusterId() + "/" + shard).toList();
        return new Lines.NodeInfo(config.clusterId(), shards, listenAddress());
    }

    private Optional<String> listenAddress() {
        if (!(node.get() instanceof LibWakuNode libwaku) || !running(libwaku)) {
            return Optional.empty();
        }
        try {
            return libwaku.listenAddresses().get(ADDRESS_PATIENCE.toMillis(), TimeUnit.MILLISECONDS).stream().findFirst();
        } catch (Exception notAvailable) {
            return Optional.empty();
        }
    }

    private static boolean running(LibWakuNode node) {
        return node.status().state() == org.wakuchat.core.transport.NodeStatus.State.RUNNING;
    }

    @Override
    public void close() {
        subscription.close();
        engine.close();
    }
}
