package org.wakuchat.core.engine;

import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.simulator.NetworkSettings;
import org.wakuchat.core.simulator.SimulatedNetwork;
import org.wakuchat.core.simulator.SimulatedNode;
import org.wakuchat.core.store.KdfParams;
import org.wakuchat.core.time.VirtualScheduler;

/**
 * Test fixture: people with their own data folders and engines on one simulated network, in
 * virtual time (deterministic under the seed). An always-on relay node keeps the network up
 * when people go offline.
 */
final class SimulatedPeople implements AutoCloseable {

    final VirtualScheduler clock = new VirtualScheduler(Instant.parse("2026-11-22T10:00:00Z"));
    final SimulatedNetwork network;
    private final Path root;
    private final long seed;
    private final AtomicInteger nodeCounter = new AtomicInteger();
    private final List<ChatEngine> engines = new ArrayList<>();
    final List<SimulatedNode> nodes = new ArrayList<>();
    private final java.util.Map<String, AtomicInteger> publishes = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, List<org.wakuchat.core.transport.StoreQuery>> queries =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, List<org.wakuchat.core.transport.WakuMessage>> published =
            new java.util.concurrent.ConcurrentHashMap<>();

    SimulatedPeople(Path root, long seed, NetworkSettings settings) {
        this.root = root;
        this.seed = seed;
        this.network = new SimulatedNetwork(seed, clock, settings);
        network.addNode("relay").start();
    }

    SimulatedPeople(Path root, long seed) {
        this(root, seed, NetworkSettings.defaults());
    }

    EngineConfig config(String name) {
        return new EngineConfig(root.resolve(name), KdfParams.FAST_FOR_TESTS, () -> {
            SimulatedNode node = network.addNode(name + "-" + nodeCounter.incrementAndGet());
            nodes.add(node);
            AtomicInteger count = publishes(name);
            List<org.wakuchat.core.transport.WakuMessage> sent = published(name);
            return new org.wakuchat.core.transport.ForwardingWakuNode(node) {
                @Override
                public java.util.concurrent.CompletableFuture<org.wakuchat.core.transport.MessageHash> publish(
                        org.wakuchat.core.transport.WakuMessage message) {
                    count.incrementAndGet();
                    sent.add(message);
                    return super.publish(message);
                }

                @Override
                public java.util.concurrent.CompletableFuture<org.wakuchat.core.transport.StorePage> storeQuery(
                        org.wakuchat.core.transport.StoreQuery query) {
                    queries(name).add(query);
                    return super.storeQuery(query);
                }
            };
        }, clock, seededRandom(name), DeliveryPolicy.DEFAULT, EngineConfig.DEFAULT_INVITE_VALIDITY,
                java.util.Optional.empty());
    }

    ChatEngine create(String name) {
        ChatEngine engine = new LocalAccounts(config(name)).create(name, passphrase(name));
        return started(engine);
    }

    ChatEngine unlock(String name) {
        return started(new LocalAccounts(config(name)).unlock(passphrase(name)));
    }

    ChatEngine started(ChatEngine engine) {
        engines.add(engine);
        engine.start();
        runUntil(() -> engine.status().state() == EngineStatus.State.CONNECTED);
        return engine;
    }

    static char[] passphrase(String name) {
        return ("passphrase of " + name).toCharArray();
    }

    /** How many messages this person's engines have handed to their nodes so far. */
    AtomicInteger publishes(String name) {
        return publishes.computeIfAbsent(name, n -> new AtomicInteger());
    }

    /** Every Store query this person's engines made so far, in order. */
    List<org.wakuchat.core.transport.StoreQuery> queries(String name) {
        return queries.computeIfAbsent(name, n -> new java.util.concurrent.CopyOnWriteArrayList<>());
    }

    /** Every message this person's engines handed to their nodes so far, in order. */
    List<org.wakuchat.core.transport.WakuMessage> published(String name) {
        return published.computeIfAbsent(name, n -> new java.util.concurrent.CopyOnWriteArrayList<>());
    }

    SimulatedNode lastNode() {
        return nodes.get(nodes.size() - 1);
    }

    /** Runs virtual time until the condition holds; fails after a virtual minute. */
    void runUntil(BooleanSupplier condition) {
        runUntil(condition, Duration.ofMinutes(1));
    }

    void runUntil(BooleanSupplier condition, Duration max) {
        if (!clock.runUntil(condition, max)) {
            throw new AssertionError("condition not reached within " + max + " of virtual time");
        }
    }

    void run(Duration duration) {
        clock.runFor(duration);
    }

    /** {@code other} accepts {@code inviter}'s invite and writes once, so both have a confirmed session; returns the inviter's conversation. */
    org.wakuchat.core.Conversation contacts(ChatEngine inviter, ChatEngine other) {
        org.wakuchat.core.Conversation c;
        try {
            c = other.acceptInvite(inviter.currentInvite().link());
        } catch (org.wakuchat.core.invite.InviteException e) {
            throw new AssertionError(e);
        }
        org.wakuchat.core.ChatMessage hi = other.sendText(c.id(), "hi " + inviter.account().displayName());
        runUntil(() -> other.messages(c.id(), 0, Integer.MAX_VALUE).stream().anyMatch(m -> m.id().equals(hi.id())
                && m.state() == org.wakuchat.core.DeliveryState.DELIVERED));
        return inviter.conversation(c.id());
    }

    static List<ChatEvent> recordEvents(ChatEngine engine) {
        List<ChatEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        engine.subscribe(events::add);
        return events;
    }

    private SecureRandom seededRandom(String name) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed((seed + ":" + name + ":" + nodeCounter.get()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        engines.forEach(ChatEngine::close);
    }
}
