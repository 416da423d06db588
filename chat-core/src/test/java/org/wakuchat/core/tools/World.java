package org.wakuchat.core.tools;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.engine.DeliveryPolicy;
import org.wakuchat.core.engine.EngineConfig;
import org.wakuchat.core.engine.LocalAccounts;
import org.wakuchat.core.invite.InviteException;
import org.wakuchat.core.simulator.NetworkSettings;
import org.wakuchat.core.simulator.SimulatedNetwork;
import org.wakuchat.core.simulator.SimulatedNode;
import org.wakuchat.core.store.KdfParams;
import org.wakuchat.core.time.VirtualScheduler;
import org.wakuchat.core.transport.WakuMessage;

/**
 * People with their own data folders and engines on one simulated network in virtual time,
 * deterministic under the seed. An always-on relay node keeps the network up while people are
 * away. Every engine's events and every message it publishes go to the sinks, tagged with the
 * person's name, across restarts.
 */
final class World implements AutoCloseable {

    static final Instant EPOCH = Instant.parse("2026-11-22T10:00:00Z");

    final VirtualScheduler clock = new VirtualScheduler(EPOCH);
    final SimulatedNetwork network;
    private final Path root;
    private final long seed;
    private final DeliveryPolicy delivery;
    private final Map<String, Person> people = new LinkedHashMap<>();
    private final BiConsumer<String, ChatEvent> events;
    private final BiConsumer<String, WakuMessage> published;
    private int nodeCounter;

    World(Path root, long seed, NetworkSettings settings, DeliveryPolicy delivery,
          BiConsumer<String, ChatEvent> events, BiConsumer<String, WakuMessage> published) {
        this.root = root;
        this.seed = seed;
        this.delivery = delivery;
        this.events = events;
        this.published = published;
        this.network = new SimulatedNetwork(seed, clock, settings);
        network.addNode("relay").start();
    }

    /** One account on this network; its engine is replaced on every restart. */
    final class Person {
        final String name;
        private ChatEngine engine;
        private SimulatedNode node;
        private ChatEngine.Subscription subscription;

        private Person(String name) {
            this.name = name;
        }

        ChatEngine engine() {
            if (engine == null) {
                throw new IllegalStateException(name + " is down");
            }
            return engine;
        }

        boolean up() {
            return engine != null;
        }

        SimulatedNode node() {
            return node;
        }

        /** Closes the engine (queued messages stay queued in its database). */
        void shutDown() {
            subscription.close();
            engine.close();
            engine = null;
        }

        /** Unlocks the account again on a new node, as after an app restart. */
        void comeBack() {
            start(new LocalAccounts(config(this)).unlock(passphrase(name)));
        }

        private void start(ChatEngine newEngine) {
            engine = newEngine;
            subscription = newEngine.subscribe(event -> events.accept(name, event));
            newEngine.start();
            runUntil(() -> newEngine.status().state() == EngineStatus.State.CONNECTED, Duration.ofMinutes(1));
        }
    }

    Person join(String name) {
        var person = new Person(name);
        people.put(name, person);
        person.start(new LocalAccounts(config(person)).create(name, passphrase(name)));
        return person;
    }

    List<Person> people() {
        return new ArrayList<>(people.values());
    }

    /** {@code invitee} accepts {@code inviter}'s invite: the conversation exists on the invitee's side at once. */
    ConversationId connect(Person inviter, Person invitee) {
        try {
            Conversation conversation = invitee.engine().acceptInvite(inviter.engine().currentInvite().link());
            return conversation.id();
        } catch (InviteException e) {
            throw new IllegalStateException("a fresh invite was refused: " + e.getMessage(), e);
        }
    }

    void runUntil(java.util.function.BooleanSupplier condition, Duration max) {
        if (!clock.runUntil(condition, max)) {
            throw new IllegalStateException("not reached within " + max + " of virtual time");
        }
    }

    private EngineConfig config(Person person) {
        return new EngineConfig(root.resolve(person.name), KdfParams.FAST_FOR_TESTS, () -> {
            SimulatedNode node = network.addNode(person.name + "-" + ++nodeCounter);
            person.node = node;
            return new MeteredNode(node, message -> published.accept(person.name, message));
        }, clock, seededRandom(person.name), delivery, EngineConfig.DEFAULT_INVITE_VALIDITY, Optional.empty());
    }

    static char[] passphrase(String name) {
        return ("passphrase of " + name).toCharArray();
    }

    private SecureRandom seededRandom(String name) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed((seed + ":" + name + ":" + nodeCounter).getBytes(StandardCharsets.UTF_8));
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (Person person : people.values()) {
            if (person.up()) {
                person.shutDown();
            }
        }
    }
}
