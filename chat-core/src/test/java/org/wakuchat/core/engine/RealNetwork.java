package org.wakuchat.core.engine;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.store.KdfParams;
import org.wakuchat.core.time.SystemScheduler;
import org.wakuchat.core.transport.LibWakuNode;
import org.wakuchat.core.transport.NetworkConfig;
import org.wakuchat.core.transport.PubsubTopic;
import org.wakuchat.core.transport.RealLibWaku;
import org.wakuchat.libwaku.LibWaku;

/**
 * Chat engines on real nwaku nodes on 127.0.0.1, in a private cluster without RLN or discovery,
 * for the {@code libwaku}-tagged tests. Every wait has a deadline; {@link #close()} closes every
 * engine and node it made.
 */
final class RealNetwork implements AutoCloseable {

    static final int CLUSTER = 42;
    static final PubsubTopic SHARD = PubsubTopic.shard(CLUSTER, 0);
    static final Duration PATIENCE = Duration.ofSeconds(90);

    private final LibWaku lib;
    private final Path folder;
    private final SystemScheduler scheduler = new SystemScheduler();
    private final SecureRandom random = new SecureRandom();
    private final List<AutoCloseable> open = new ArrayList<>();

    private RealNetwork(LibWaku lib, Path folder) {
        this.lib = lib;
        this.folder = folder;
    }

    /** Skips the calling test (with the loader's explanation) where libwaku is not found. */
    static RealNetwork orSkip(Path folder) {
        return new RealNetwork(RealLibWaku.loadOrSkip(), folder);
    }

    /** A network config for a node on 127.0.0.1 at {@code port} (0: any free port). */
    static NetworkConfig loopback(int port) {
        return NetworkConfig.privateCluster(CLUSTER, 1, List.of(), List.of())
                .withListen(NetworkConfig.Listen.loopback(port))
                .withDnsNameServers(List.of("127.0.0.1"))
                .withLogLevel("ERROR");
    }

    /** A plain relay node that also serves Store; its multiaddress is what the others dial. */
    LibWakuNode storeNode(String name) throws Exception {
        var node = new LibWakuNode(loopback(freePort()).withStoreService(folder.resolve(name + "-store.db")), () -> lib);
        open.add(node);
        node.start().get(60, TimeUnit.SECONDS);
        return node;
    }

    /** Where others dial {@code node} (its bound port, also when it was configured with port 0). */
    static String multiaddr(LibWakuNode node) throws Exception {
        return node.listenAddresses().get(10, TimeUnit.SECONDS).getFirst();
    }

    /**
     * A person whose node runs with {@code network}; {@code tune} adjusts their engine config.
     * Without a node key in {@code network} nwaku makes a new one (a new peer id) on every start,
     * as the app does.
     */
    Person person(String name, NetworkConfig network, UnaryOperator<EngineConfig> tune) {
        var person = new Person(name, network, tune);
        open.add(person);
        return person;
    }

    /** {@code network} with a node key of its own: the same peer id on every start. */
    NetworkConfig withStableNodeKey(NetworkConfig network) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return network.withNodeKey(HexFormat.of().formatHex(key));
    }

    /** A plain relay node (no Store) on a port of its own, dialling {@code bootstrap} (none: empty). */
    LibWakuNode relayNode(List<String> bootstrap) throws Exception {
        var node = new LibWakuNode(loopback(freePort()).withBootstrapPeers(bootstrap), () -> lib);
        open.add(node);
        node.start().get(60, TimeUnit.SECONDS);
        return node;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (AutoCloseable closeable : open.reversed()) {
            try {
                closeable.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        scheduler.close();
        if (first != null) {
            throw first;
        }
    }

    /** One account: its data folder and network settings outlive the engines opened on them. */
    final class Person implements AutoCloseable {
        final String name;
        final NetworkConfig network;
        private final char[] passphrase;
        private final UnaryOperator<EngineConfig> tune;
        private final AtomicReference<LibWakuNode> node = new AtomicReference<>();
        /** Everything every engine of this person announced, in order. */
        final List<ChatEvent> events = new CopyOnWriteArrayList<>();
        private ChatEngine engine;

        private Person(String name, NetworkConfig network, UnaryOperator<EngineConfig> tune) {
            this.name = name;
            this.network = network;
            this.passphrase = (name + " passphrase").toCharArray();
            this.tune = tune;
        }

        /** Creates the account and starts its engine. */
        ChatEngine create() {
            engine = new LocalAccounts(config()).create(name, passphrase.clone());
            engine.subscribe(events::add);
            engine.start();
            return engine;
        }

        /** Opens the account's data folder again with a fresh node (same key) and starts it. */
        ChatEngine reopen() {
            if (engine != null) {
                throw new IllegalStateException(name + " is still open");
            }
            engine = new LocalAccounts(config()).unlock(passphrase.clone());
            engine.subscribe(events::add);
            engine.start();
            return engine;
        }

        ChatEngine engine() {
            return engine;
        }

        Path dataDir() {
            return folder.resolve(name);
        }

        /** The node the current engine runs on. */
        LibWakuNode node() {
            return node.get();
        }

        /** Closes the engine (and its node); the data folder stays. */
        void shutDown() {
            if (engine != null) {
                engine.close();
                engine = null;
            }
        }

        void awaitConnected() throws InterruptedException {
            await(name + " connected", () -> engine.status().state() == EngineStatus.State.CONNECTED);
        }

        /** Waits until the node is running, whether or not it has peers yet. */
        void awaitRunning() throws InterruptedException {
            await(name + " running", () -> engine.status().state() == EngineStatus.State.OFFLINE
                    || engine.status().state() == EngineStatus.State.CONNECTED);
        }

        String multiaddr() throws Exception {
            return RealNetwork.multiaddr(node.get());
        }

        List<ChatMessage> messages(ConversationId id) {
            return engine.messages(id, 0, Integer.MAX_VALUE);
        }

        List<String> texts(ConversationId id) {
            return messages(id).stream().map(ChatMessage::text).toList();
        }

        <T extends ChatEvent> List<T> events(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }

        @Override
        public void close() {
            shutDown();
        }

        private EngineConfig config() {
            EngineConfig config = new EngineConfig(dataDir(), KdfParams.FAST_FOR_TESTS, () -> {
                var made = new LibWakuNode(network, () -> lib);
                node.set(made);
                return made;
            }, scheduler, random, DeliveryPolicy.DEFAULT, EngineConfig.DEFAULT_INVITE_VALIDITY, Optional.empty());
            return tune.apply(config);
        }
    }

    /** Waits for {@code condition} (a failing check counts as not yet), at most {@link #PATIENCE}. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(() -> what, condition);
    }

    /** As {@link #await(String, BooleanSupplier)}; {@code what} is asked for when the wait failed. */
    static void await(Supplier<String> what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!safely(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what.get() + ": not within " + PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    private static boolean safely(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
