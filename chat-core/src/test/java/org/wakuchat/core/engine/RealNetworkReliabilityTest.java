package org.wakuchat.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.wakuchat.core.engine.RealNetwork.SHARD;
import static org.wakuchat.core.engine.RealNetwork.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatEvent.MissingState;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.engine.RealNetwork.Person;
import org.wakuchat.core.transport.ForwardingWakuNode;
import org.wakuchat.core.transport.LibWakuNode;
import org.wakuchat.core.transport.MessageHash;
import org.wakuchat.core.transport.NetworkConfig;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.transport.WakuNode;

/**
 * The engine's reliability over real nwaku nodes on 127.0.0.1 (private cluster, no RLN):
 * Store catch-up after being offline, a message relay never delivered recovered from Store by
 * its hash, restarts on the same data folder, and a burst within the outbound rate limit.
 * Runs whenever libwaku is found.
 */
@Tag("libwaku")
class RealNetworkReliabilityTest {

    /**
     * No resend within these tests: whatever the recipient shows came from relay once or from
     * Store, never from the sender trying again.
     */
    private static final DeliveryPolicy NO_EARLY_RESEND = new DeliveryPolicy(Duration.ofMinutes(10),
            Duration.ofMinutes(10), 16, DeliveryPolicy.DEFAULT.receiptDelay(), DeliveryPolicy.DEFAULT.missingPatience());

    /** Longer than nwaku's gossip history (3 heartbeats of 1 s): older messages are no longer offered to peers. */
    private static final Duration GOSSIP_HISTORY = Duration.ofSeconds(5);

    private static final int BURST = 500;
    /** A private cluster has no RLN; the engine still keeps to a configured limit. */
    private static final RateLimit BURST_LIMIT = new RateLimit(20, Duration.ofSeconds(1));

    @TempDir
    Path folder;

    @Test
    void aRecipientThatWasClosedCatchesUpFromStoreInBothDirections() throws Exception {
        try (var net = RealNetwork.orSkip(folder)) {
            NetworkConfig viaHub = viaHub(net.storeNode("hub"));
            // A new peer id on every start, as in the app (see the restart test for stable ones).
            Person alice = net.person("alice", viaHub, c -> c.withDelivery(NO_EARLY_RESEND));
            Person bob = net.person("bob", viaHub, c -> c.withDelivery(NO_EARLY_RESEND));
            ConversationId chat = introduce(alice, bob);

            List<String> expected = new ArrayList<>(bob.texts(chat));
            bob.shutDown();
            sendAndAwaitSent(alice, chat, List.of("while you were away 1", "while you were away 2", "while you were away 3"),
                    expected);
            int bobCatchUps = bob.events(ChatEvent.CatchUpFinished.class).size();
            bob.reopen();
            awaitConversation(chat, expected, alice, bob);
            assertCaughtUp(bob, bobCatchUps, 3);

            alice.shutDown();
            sendAndAwaitSent(bob, chat, List.of("and back 1", "and back 2", "and back 3"), expected);
            int aliceCatchUps = alice.events(ChatEvent.CatchUpFinished.class).size();
            alice.reopen();
            awaitConversation(chat, expected, alice, bob);
            assertCaughtUp(alice, aliceCatchUps, 3);
        }
    }

    @Test
    void aMessageRelayNeverDeliveredIsFetchedFromStoreByItsHash() throws Exception {
        try (var net = RealNetwork.orSkip(folder)) {
            // Alice - hub (Store) - near - Bob, and Bob - spare: without near Bob stays online but
            // out of reach; joining spare to the hub brings him back. (Not near again: gossipsub
            // keeps a peer it lost out of its mesh for a minute, and nwaku re-dials on its own.)
            LibWakuNode hub = net.storeNode("hub");
            String hubAddress = RealNetwork.multiaddr(hub);
            LibWakuNode near = net.relayNode(List.of(hubAddress));
            LibWakuNode spare = net.relayNode(List.of());
            Person alice = net.person("alice", viaHub(hub), c -> c.withDelivery(NO_EARLY_RESEND));
            Person bob = net.person("bob", RealNetwork.loopback(0)
                    .withBootstrapPeers(List.of(RealNetwork.multiaddr(near), RealNetwork.multiaddr(spare)))
                    .withStoreNodes(List.of(hubAddress)), c -> c.withDelivery(NO_EARLY_RESEND));
            ConversationId chat = introduce(alice, bob);
            await("Bob meshed with both relays", () -> bob.node().meshPeers(SHARD).join() == 2);
            List<String> expected = new ArrayList<>(bob.texts(chat));

            near.close();
            await("the hub and Bob without the near relay", () -> hub.status().peers() == 1 && bob.node().status().peers() == 1);
            sendAndAwaitSent(alice, chat, List.of("relay never brings this one"), expected);
            // Link up again only once gossip no longer offers that message.
            Thread.sleep(GOSSIP_HISTORY.toMillis());
            spare.connect(hubAddress).get(30, TimeUnit.SECONDS);
            await("the spare relay in the hub's mesh", () -> hub.meshPeers(SHARD).join() == 2 && spare.meshPeers(SHARD).join() == 2);
            assertThat(bob.texts(chat)).doesNotContain("relay never brings this one");
            assertThat(bob.events(ChatEvent.MissingMessages.class)).isEmpty();

            alice.engine().sendText(chat, "this one reveals the gap");
            expected.add("this one reveals the gap");
            awaitConversation(chat, expected, alice, bob);
            assertThat(bob.events(ChatEvent.MissingMessages.class))
                    .extracting(ChatEvent.MissingMessages::count, ChatEvent.MissingMessages::state)
                    .containsExactly(tuple(1, MissingState.RECOVERING), tuple(0, MissingState.RECOVERED));
            assertThat(bob.events(ChatEvent.CatchUpFinished.class)).isEmpty();
            assertThat(bob.engine().status().state()).isEqualTo(EngineStatus.State.CONNECTED);
        }
    }

    @Test
    void eitherSideRestartsOnItsDataFolderAndNothingIsLostOrDoubled() throws Exception {
        try (var net = RealNetwork.orSkip(folder)) {
            // Two nodes, Bob dialling Alice's: her address (port and peer id) must survive her restarts.
            NetworkConfig aliceNetwork = net.withStableNodeKey(RealNetwork.loopback(RealNetwork.freePort())
                    .withStoreService(folder.resolve("alice-store.db")));
            Person alice = net.person("alice", aliceNetwork, c -> c);
            alice.create();
            alice.awaitRunning();
            String aliceAddress = alice.multiaddr();
            Person bob = net.person("bob", net.withStableNodeKey(RealNetwork.loopback(0)
                    .withBootstrapPeers(List.of(aliceAddress)).withStoreNodes(List.of(aliceAddress))), c -> c);
            ConversationId chat = introduce(alice, bob);
            String bobPeerId = bob.node().peerId().get(10, TimeUnit.SECONDS);
            List<String> expected = new ArrayList<>(alice.texts(chat));

            alice.shutDown();
            await("Bob noticed Alice left", () -> bob.engine().status().state() == EngineStatus.State.OFFLINE);
            expected.addAll(sendQueued(bob, chat, "queued while Alice is away 1", "queued while Alice is away 2"));
            alice.reopen();
            expected.addAll(sendQueued(alice, chat, "back, sent before my node connected"));
            alice.awaitConnected();
            assertThat(alice.multiaddr()).isEqualTo(aliceAddress);
            awaitSameMessages(chat, expected, alice, bob);

            bob.shutDown();
            await("Alice noticed Bob left", () -> alice.engine().status().state() == EngineStatus.State.OFFLINE);
            expected.addAll(sendQueued(alice, chat, "queued while Bob is away 1", "queued while Bob is away 2"));
            bob.reopen();
            expected.addAll(sendQueued(bob, chat, "back too"));
            bob.awaitConnected();
            assertThat(bob.node().peerId().get(10, TimeUnit.SECONDS)).isEqualTo(bobPeerId);
            awaitSameMessages(chat, expected, alice, bob);
        }
    }

    @Test
    void aBurstOf500MessagesArrivesOnceInOrderWithinTheRateLimit() throws Exception {
        try (var net = RealNetwork.orSkip(folder)) {
            List<Long> alicePublished = new CopyOnWriteArrayList<>();
            List<Long> bobPublished = new CopyOnWriteArrayList<>();
            Person alice = net.person("alice", RealNetwork.loopback(0).withStoreService(folder.resolve("alice-store.db")),
                    c -> recording(c, alicePublished).withRateLimit(BURST_LIMIT));
            alice.create();
            alice.awaitRunning();
            String aliceAddress = alice.multiaddr();
            Person bob = net.person("bob", RealNetwork.loopback(0).withBootstrapPeers(List.of(aliceAddress))
                    .withStoreNodes(List.of(aliceAddress)), c -> recording(c, bobPublished).withRateLimit(BURST_LIMIT));
            ConversationId chat = introduce(alice, bob);
            List<String> expected = new ArrayList<>(bob.texts(chat));

            for (int i = 1; i <= BURST; i++) {
                String text = "burst " + i;
                alice.engine().sendText(chat, text);
                expected.add(text);
            }
            awaitConversation(chat, expected, alice, bob);

            assertThat(alice.events(ChatEvent.StatusChanged.class)).as("Alice's sending was held back by the limit")
                    .anyMatch(e -> e.status().rateLimitedUntil().isPresent());
            assertWithinLimit("Alice", alicePublished);
            assertWithinLimit("Bob", bobPublished);
            assertThat(alicePublished).hasSizeGreaterThanOrEqualTo(BURST);
        }
    }

    /** Every epoch (aligned to Unix time, as RLN's) saw at most the limit's messages leave. */
    private static void assertWithinLimit(String who, List<Long> publishedAtNanos) {
        long epochMillis = BURST_LIMIT.epoch().toMillis();
        Map<Long, Long> perEpoch = publishedAtNanos.stream().collect(Collectors.groupingBy(
                nanos -> Math.floorDiv(TimeUnit.NANOSECONDS.toMillis(nanos), epochMillis), Collectors.counting()));
        assertThat(perEpoch.values()).as(who + "'s messages per epoch").allMatch(n -> n <= BURST_LIMIT.messagesPerEpoch());
    }

    /** {@code config} with its node wrapped so every message it publishes is noted (its Waku timestamp). */
    private static EngineConfig recording(EngineConfig config, List<Long> published) {
        return new EngineConfig(config.dataDir(), config.kdf(), () -> new PublishRecorder(config.node().get(), published),
                config.scheduler(), config.random(), config.delivery(), config.inviteValidity(), config.rateLimit());
    }

    /** Passes everything through; notes the timestamp of each message handed to the network. */
    private static final class PublishRecorder extends ForwardingWakuNode {
        private final List<Long> published;

        PublishRecorder(WakuNode node, List<Long> published) {
            super(node);
            this.published = published;
        }

        @Override
        public CompletableFuture<MessageHash> publish(WakuMessage message) {
            published.add(message.timestampNanos());
            return node.publish(message);
        }
    }

    /**
     * Messages written on both sides at once have no single "right" order: both must show the
     * same order, each message exactly once, each sender's own messages in the order written.
     */
    private static void awaitSameMessages(ConversationId chat, List<String> expected, Person alice, Person bob)
            throws InterruptedException {
        for (Person person : List.of(alice, bob)) {
            await(() -> person.name + " shows " + expected + " in some order (shows " + safeTexts(person, chat) + ")",
                    () -> person.texts(chat).size() == expected.size()
                            && person.texts(chat).containsAll(expected));
            await(() -> person.name + "'s messages delivered (" + states(person, chat) + ")", () -> person.messages(chat)
                    .stream().filter(ChatMessage::outgoing).allMatch(m -> m.state() == DeliveryState.DELIVERED));
        }
        assertThat(alice.texts(chat)).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();
        assertThat(bob.texts(chat)).containsExactlyElementsOf(alice.texts(chat));
        for (Person person : List.of(alice, bob)) {
            List<String> own = person.messages(chat).stream().filter(ChatMessage::outgoing).map(ChatMessage::text).toList();
            assertThat(own).as(person.name + "'s own messages in the order written")
                    .isEqualTo(expected.stream().filter(own::contains).toList());
        }
    }

    /** Sends while the sender's node has no peer: the messages wait, queued. */
    private static List<String> sendQueued(Person sender, ConversationId chat, String... texts) {
        for (String text : texts) {
            assertThat(sender.engine().sendText(chat, text).state()).isEqualTo(DeliveryState.QUEUED);
        }
        assertThat(sender.messages(chat)).filteredOn(m -> List.of(texts).contains(m.text()))
                .extracting(ChatMessage::state).containsOnly(DeliveryState.QUEUED);
        return List.of(texts);
    }

    /** Introduces Bob to Alice through her invite; one message each way, both delivered. */
    private static ConversationId introduce(Person alice, Person bob) throws Exception {
        if (alice.engine() == null) {
            alice.create();
        }
        bob.create();
        alice.awaitConnected();
        bob.awaitConnected();
        ConversationId chat = bob.engine().acceptInvite(alice.engine().currentInvite().link()).id();
        bob.engine().sendText(chat, "hello Alice");
        await("Alice got Bob's first message", () -> alice.texts(chat).equals(List.of("hello Alice")));
        alice.engine().sendText(chat, "hello Bob");
        awaitConversation(chat, List.of("hello Alice", "hello Bob"), alice, bob);
        return chat;
    }

    private static NetworkConfig viaHub(LibWakuNode hub) throws Exception {
        String address = RealNetwork.multiaddr(hub);
        return RealNetwork.loopback(0).withBootstrapPeers(List.of(address)).withStoreNodes(List.of(address));
    }

    /** Sends each text and waits until all are published (on relay, so in the hub's Store). */
    private static void sendAndAwaitSent(Person sender, ConversationId chat, List<String> texts, List<String> expected)
            throws InterruptedException {
        List<ChatMessage> sent = texts.stream().map(text -> sender.engine().sendText(chat, text)).toList();
        expected.addAll(texts);
        await(sender.name + "'s messages published", () -> sent.stream().allMatch(m ->
                sender.engine().messages(chat, 0, Integer.MAX_VALUE).stream()
                        .anyMatch(shown -> shown.id().equals(m.id()) && shown.state() == DeliveryState.SENT)));
    }

    /** Waits until both show exactly {@code expected}, in order, and every outgoing message is delivered. */
    private static void awaitConversation(ConversationId chat, List<String> expected, Person... people)
            throws InterruptedException {
        for (Person person : people) {
            await(() -> person.name + " shows " + expected + " (shows " + safeTexts(person, chat) + ")",
                    () -> person.texts(chat).equals(expected));
            await(() -> person.name + "'s messages delivered (" + states(person, chat) + ")", () -> person.messages(chat).stream()
                    .filter(ChatMessage::outgoing).allMatch(m -> m.state() == DeliveryState.DELIVERED));
        }
        for (Person person : people) {
            assertThat(person.texts(chat)).containsExactlyElementsOf(expected);
        }
    }

    private static String states(Person person, ConversationId chat) {
        try {
            return person.messages(chat).stream().map(m -> m.text() + "=" + m.state()).toList().toString();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static String safeTexts(Person person, ConversationId chat) {
        try {
            return String.valueOf(person.texts(chat));
        } catch (RuntimeException e) {
            return "?";
        }
    }

    /** A catch-up after the first {@code before} found at least {@code messages} in Store and nothing went wrong. */
    private static void assertCaughtUp(Person person, int before, int messages) throws InterruptedException {
        await(person.name + " finished catching up", () -> person.events(ChatEvent.CatchUpFinished.class).size() > before);
        ChatEvent.CatchUpFinished last = person.events(ChatEvent.CatchUpFinished.class).getLast();
        assertThat(last.problem()).isEmpty();
        assertThat(last.messagesFetched()).isGreaterThanOrEqualTo(messages);
    }
}
