package org.wakuchat.core.tools;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.engine.DeliveryPolicy;
import org.wakuchat.core.engine.EngineConfig;
import org.wakuchat.core.engine.LocalAccounts;
import org.wakuchat.core.store.KdfParams;
import org.wakuchat.core.time.SystemScheduler;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.transport.ForwardingWakuNode;
import org.wakuchat.core.transport.LibWakuNode;
import org.wakuchat.core.transport.NetworkConfig;
import org.wakuchat.core.transport.NodeStatus;
import org.wakuchat.core.transport.ReceivedMessage;
import org.wakuchat.core.transport.WakuMessages;
import org.wakuchat.core.transport.WakuNode;
import org.wakuchat.libwaku.LibWaku;
import org.wakuchat.libwaku.LibWakuLoader;

/**
 * Figures on real nwaku (libwaku), all on 127.0.0.1 in a private cluster: a Store node that also
 * observes every message on the shard, and two chat engines on nodes of their own that bootstrap
 * to it. Prints {@code key=value} lines:
 * <ul>
 *   <li>{@code node_start_ms}: engine start → its node runs with relay subscribed (median of the
 *   engines' starts; the first start in the process also loads libwaku: {@code node_start_ms_first})
 *   <li>{@code real_p50_delivery_ms}, {@code real_p95_delivery_ms}: send → DELIVERED tick, over
 *   {@code messages} texts sent one every {@code gap_ms}
 *   <li>{@code catchup_ms_per_1000}: the recipient is closed while {@code catchup} messages are
 *   sent; its engine starts → all shown, scaled to 1,000. The sender's engine is closed first
 *   ({@code sender_stops=true}), as it would be on another machine; {@code sender_stops=false}
 *   keeps it resending on the same two cores
 *   <li>{@code real_wire_bytes_per_text}, {@code real_wire_bytes_per_ack}: protobuf WakuMessage
 *   bytes of a 100-character text and of its acknowledgement as the observing node received them
 * </ul>
 * Options: {@code messages=200 gap_ms=100 catchup=1000 wire_samples=20 sender_stops=true}.
 */
public final class RealNetworkBenchmark {

    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final String HUNDRED_CHARACTERS = "x".repeat(100);

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new ConcurrentHashMap<>(Map.of("messages", "200", "gap_ms", "100",
                "catchup", "1000", "wire_samples", "20", "sender_stops", "true"));
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            options.put(pair[0], pair[1]);
        }
        LibWaku lib = LibWakuLoader.forThisMachine().load();
        Path dir = Files.createTempDirectory("wakuchat-realbench");
        SystemScheduler scheduler = new SystemScheduler();
        new RealNetworkBenchmark(lib, dir, scheduler).run(Integer.parseInt(options.get("messages")),
                Integer.parseInt(options.get("gap_ms")), Integer.parseInt(options.get("catchup")),
                Integer.parseInt(options.get("wire_samples")), Boolean.parseBoolean(options.get("sender_stops")));
        System.out.flush();
        System.exit(0); // closing three nodes (~10 s of waku_destroy each) adds nothing to the figures
    }

    private final LibWaku lib;
    private final Path dir;
    private final SystemScheduler scheduler;
    private final List<Long> engineStarts = new ArrayList<>();
    private LibWakuNode observer;
    private String observerAddress;
    /** Every message the observer got, in arrival order, with its wire size. */
    private final List<ReceivedMessage> observed = new CopyOnWriteArrayList<>();

    private RealNetworkBenchmark(LibWaku lib, Path dir, SystemScheduler scheduler) {
        this.lib = lib;
        this.dir = dir;
        this.scheduler = scheduler;
    }

    private void run(int messages, int gapMs, int catchup, int wireSamples, boolean senderStops) throws Exception {
        int observerPort = freePort();
        observer = new LibWakuNode(loopback(observerPort).withStoreService(dir.resolve("store.db")), () -> lib);
        observer.setListener(new WakuNode.Listener() {
            @Override
            public void onMessage(ReceivedMessage message) {
                observed.add(message);
            }

            @Override
            public void onStatus(NodeStatus status) {
            }
        });
        long t0 = System.nanoTime();
        observer.start().get(60, TimeUnit.SECONDS);
        System.out.println("node_start_ms_first=" + millisSince(t0));
        observerAddress = observer.listenAddresses().get(10, TimeUnit.SECONDS).getFirst();

        ChatEngine alice = engine("alice", true);
        ChatEngine bob = engine("bob", true);
        Conversation withAlice = bob.acceptInvite(alice.currentInvite().link());
        awaitState(bob, withAlice, bob.sendText(withAlice.id(), "hello").id(), DeliveryState.DELIVERED);
        System.out.println("node_start_ms=" + median(engineStarts));

        delivery(bob, withAlice, messages, gapMs);
        wireSizes(bob, withAlice, wireSamples);

        alice.close();
        int observedBefore = observed.size();
        for (int i = 0; i < catchup; i++) {
            bob.sendText(withAlice.id(), "catch-up " + i);
        }
        await(() -> observed.size() >= observedBefore + catchup, "the Store node to have the messages sent while Alice was away");
        if (senderStops) {
            // On one machine the sender's resends of 1,000 unacknowledged messages share the two
            // cores with the recipient; a real sender is elsewhere.
            bob.close();
        }
        ChatEngine aliceAgain = engine("alice", false);
        AtomicInteger shown = new AtomicInteger();
        aliceAgain.subscribe(event -> {
            if (event instanceof ChatEvent.MessageAdded(var m) && !m.outgoing() && m.text().startsWith("catch-up ")) {
                shown.incrementAndGet();
            }
        });
        long started = System.nanoTime();
        aliceAgain.start();
        await(() -> shown.get() >= catchup, "Alice to show every message sent while she was away");
        long catchupMs = millisSince(started);
        System.out.println("catchup_messages=" + catchup);
        System.out.println("catchup_sender_running=" + !senderStops);
        System.out.println("catchup_ms=" + catchupMs);
        System.out.println("catchup_ms_per_1000=" + Math.round(catchupMs * 1000.0 / catchup));
    }

    private void delivery(ChatEngine bob, Conversation withAlice, int messages, int gapMs) throws Exception {
        Map<MessageId, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        try (var ignored = bob.subscribe(event -> {
            if (event instanceof ChatEvent.DeliveryChanged(var c, var id, var state) && state == DeliveryState.DELIVERED) {
                Long at = sentAt.remove(id);
                if (at != null) {
                    latencies.add(millisSince(at));
                }
            }
        })) {
            for (int i = 0; i < messages; i++) {
                long now = System.nanoTime();
                MessageId id = bob.sendText(withAlice.id(), "latency " + i).id();
                sentAt.putIfAbsent(id, now);
                Thread.sleep(gapMs);
            }
            await(() -> latencies.size() >= messages, "every latency message to be DELIVERED");
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.println("delivery_messages=" + sorted.size());
        System.out.println("real_p50_delivery_ms=" + percentile(sorted, 50));
        System.out.println("real_p95_delivery_ms=" + percentile(sorted, 95));
        System.out.println("real_max_delivery_ms=" + sorted.getLast());
    }

    /**
     * One 100-character text at a time, each waited for until DELIVERED: the observer sees the text
     * and then its acknowledgement, and nothing else is in flight.
     */
    private void wireSizes(ChatEngine bob, Conversation withAlice, int samples) throws Exception {
        Thread.sleep(2000); // let resends and receipts of the latency run settle
        List<Integer> texts = new ArrayList<>();
        List<Integer> acks = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            int before = observed.size();
            MessageId id = bob.sendText(withAlice.id(), HUNDRED_CHARACTERS).id();
            awaitState(bob, withAlice, id, DeliveryState.DELIVERED);
            await(() -> observed.size() >= before + 2, "the observer to see the text and its acknowledgement");
            Thread.sleep(300);
            List<ReceivedMessage> seen = observed.subList(before, observed.size());
            if (seen.size() == 2) { // anything else in flight would blur the figure: skip that sample
                texts.add(WakuMessages.encode(seen.get(0).message()).length);
                acks.add(WakuMessages.encode(seen.get(1).message()).length);
            }
        }
        System.out.println("wire_samples=" + texts.size());
        System.out.println("real_wire_bytes_per_text=" + median(texts.stream().map(Integer::longValue).toList()));
        System.out.println("real_wire_bytes_per_ack=" + median(acks.stream().map(Integer::longValue).toList()));
    }

    private ChatEngine engine(String name, boolean create) throws Exception {
        NetworkConfig network = loopback(freePort()).withBootstrapPeers(List.of(observerAddress))
                .withStoreNodes(List.of(observerAddress));
        EngineConfig config = new EngineConfig(dir.resolve(name), KdfParams.FAST_FOR_TESTS,
                () -> new ObservedTopics(new LibWakuNode(network, () -> lib), observer::subscribe), scheduler,
                new SecureRandom(), DeliveryPolicy.DEFAULT, EngineConfig.DEFAULT_INVITE_VALIDITY, Optional.empty());
        LocalAccounts accounts = new LocalAccounts(config);
        ChatEngine engine = create ? accounts.create(name, (name + " passphrase").toCharArray())
                : accounts.unlock((name + " passphrase").toCharArray());
        if (create) {
            long started = System.nanoTime();
            engine.start();
            await(() -> engine.status().state() == EngineStatus.State.OFFLINE
                    || engine.status().state() == EngineStatus.State.CONNECTED, name + "'s node to run");
            engineStarts.add(millisSince(started));
            await(() -> engine.status().state() == EngineStatus.State.CONNECTED, name + " to connect");
        }
        return engine;
    }

    private static void awaitState(ChatEngine engine, Conversation conversation, MessageId id, DeliveryState state)
            throws InterruptedException {
        await(() -> {
            int count = engine.messageCount(conversation.id());
            return engine.messages(conversation.id(), Math.max(0, count - 50), 50).stream()
                    .anyMatch(m -> m.id().equals(id) && m.state() == state);
        }, "message " + id + " to be " + state);
    }

    private static NetworkConfig loopback(int port) {
        return NetworkConfig.privateCluster(42, 1, List.of(), List.of())
                .withListen(NetworkConfig.Listen.loopback(port))
                .withDnsNameServers(List.of("127.0.0.1"))
                .withLogLevel("FATAL");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Passes everything through, and subscribes the observer to every content topic an engine uses. */
    private static final class ObservedTopics extends ForwardingWakuNode {
        private final Consumer<Collection<ContentTopic>> alsoSubscribe;

        ObservedTopics(WakuNode node, Consumer<Collection<ContentTopic>> alsoSubscribe) {
            super(node);
            this.alsoSubscribe = alsoSubscribe;
        }

        @Override
        public void subscribe(Collection<ContentTopic> topics) {
            alsoSubscribe.accept(topics);
            node.subscribe(topics);
        }
    }
}
