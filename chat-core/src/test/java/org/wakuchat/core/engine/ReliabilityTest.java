package org.wakuchat.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatEvent.MissingState;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.simulator.LinkConditions;
import org.wakuchat.core.simulator.SimulatedNode;
import org.wakuchat.core.simulator.TraceEvent;

class ReliabilityTest {

    @TempDir
    Path folder;
    SimulatedPeople people;
    ChatEngine alice;
    ChatEngine bob;
    SimulatedNode aliceNode;
    SimulatedNode bobNode;
    Conversation withAlice;

    @BeforeEach
    void twoPeopleChatting() throws Exception {
        people = new SimulatedPeople(folder, 11);
        alice = people.create("Alice");
        aliceNode = people.lastNode();
        bob = people.create("Bob");
        bobNode = people.lastNode();
        withAlice = bob.acceptInvite(alice.currentInvite().link());
        ChatMessage hello = bob.sendText(withAlice.id(), "hello");
        people.runUntil(() -> state(bob, hello) == DeliveryState.DELIVERED);
        ChatMessage reply = alice.sendText(withAlice.id(), "hi");
        people.runUntil(() -> state(alice, reply) == DeliveryState.DELIVERED);
    }

    @AfterEach
    void shutDown() {
        people.close();
    }

    @Test
    void deliveredIsConfirmedWhenTheAckWindowEndsWhenBothAreOnlineAndNobodyReplies() {
        people.network.setConditions(LinkConditions.healthy());
        ChatMessage message = bob.sendText(withAlice.id(), "quick");
        Instant sent = people.clock.now();
        people.runUntil(() -> state(bob, message) == DeliveryState.DELIVERED);
        // Alice's acknowledgement waits the window for a reply of hers (issue 16), then goes alone:
        // confirmed a round trip after the window, before any resend.
        assertThat(Duration.between(sent, people.clock.now()))
                .isGreaterThanOrEqualTo(DeliveryPolicy.DEFAULT.ackWindow())
                .isLessThan(DeliveryPolicy.DEFAULT.ackWindow().plusMillis(500))
                .isLessThan(DeliveryPolicy.DEFAULT.firstRetry());
    }

    @Test
    void aMessageLostOnTheWayIsDetectedFromTheNextOneAndRecoveredFromStore() {
        List<ChatEvent> aliceEvents = SimulatedPeople.recordEvents(alice);
        people.network.setLinkConditions(bobNode, aliceNode, LinkConditions.perfect().withLossRate(1.0));
        ChatMessage lost = bob.sendText(withAlice.id(), "lost on the way");
        people.run(Duration.ofMillis(100));
        people.network.setLinkConditions(bobNode, aliceNode, LinkConditions.healthy());
        ChatMessage next = bob.sendText(withAlice.id(), "next");
        Instant sentNext = people.clock.now();

        people.runUntil(() -> texts(alice).contains("lost on the way"));
        assertThat(Duration.between(sentNext, people.clock.now()))
                .as("recovered from Store before the sender's first resend")
                .isLessThan(DeliveryPolicy.DEFAULT.firstRetry());
        assertThat(aliceEvents).filteredOn(ChatEvent.MissingMessages.class::isInstance)
                .extracting(e -> ((ChatEvent.MissingMessages) e).state())
                .containsExactly(MissingState.RECOVERING, MissingState.RECOVERED);
        assertThat(texts(alice)).containsSubsequence("hello", "hi", "lost on the way", "next");
        people.runUntil(() -> state(bob, lost) == DeliveryState.DELIVERED && state(bob, next) == DeliveryState.DELIVERED);
    }

    @Test
    void aMessageThatCanNeverArriveEndsFailedForTheSenderAndLostForTheReceiver() throws Exception {
        people.close();
        people = new SimulatedPeople(folder.resolve("one-attempt"), 13);
        DeliveryPolicy oneAttempt = new DeliveryPolicy(Duration.ofSeconds(3), Duration.ofMinutes(5), 1,
                Duration.ofMillis(150), Duration.ofMinutes(2));
        alice = people.create("Alice");
        bob = people.started(new LocalAccounts(people.config("Bob").withDelivery(oneAttempt))
                .create("Bob", SimulatedPeople.passphrase("Bob")));
        withAlice = bob.acceptInvite(alice.currentInvite().link());
        ChatMessage hello = bob.sendText(withAlice.id(), "hello");
        people.runUntil(() -> state(bob, hello) == DeliveryState.DELIVERED);
        List<ChatEvent> aliceEvents = SimulatedPeople.recordEvents(alice);

        AtomicInteger toDrop = new AtomicInteger(1);
        people.network.dropIf(message -> toDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0);
        ChatMessage lost = bob.sendText(withAlice.id(), "never arrives");
        ChatMessage after = bob.sendText(withAlice.id(), "after the gap");
        people.runUntil(() -> texts(alice).contains("after the gap"));
        people.runUntil(() -> aliceEvents.stream().anyMatch(e -> e instanceof ChatEvent.MissingMessages m
                && m.state() == MissingState.RECOVERING && m.count() == 1));

        people.run(DeliveryPolicy.DEFAULT.missingPatience().plusSeconds(5));
        assertThat(aliceEvents).anyMatch(e -> e instanceof ChatEvent.MissingMessages m
                && m.state() == MissingState.LOST && m.count() == 1);
        assertThat(texts(alice)).doesNotContain("never arrives");
        assertThat(state(bob, lost)).isEqualTo(DeliveryState.FAILED);
        assertThat(state(bob, after)).isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    void afterBeingOfflineTheEngineCatchesUpFromStore() {
        alice.close();
        ChatMessage whileAway1 = bob.sendText(withAlice.id(), "while you were away 1");
        ChatMessage whileAway2 = bob.sendText(withAlice.id(), "while you were away 2");
        people.run(Duration.ofMillis(500));
        assertThat(state(bob, whileAway1)).isEqualTo(DeliveryState.SENT);

        ChatEngine aliceAgain = new LocalAccounts(people.config("Alice")).unlock(SimulatedPeople.passphrase("Alice"));
        List<ChatEvent> events = SimulatedPeople.recordEvents(aliceAgain);
        aliceAgain.start();
        people.runUntil(() -> events.stream().anyMatch(ChatEvent.CatchUpFinished.class::isInstance), Duration.ofSeconds(2));
        ChatEvent.CatchUpFinished caughtUp = events.stream().filter(ChatEvent.CatchUpFinished.class::isInstance)
                .map(ChatEvent.CatchUpFinished.class::cast).findFirst().orElseThrow();
        assertThat(caughtUp.messagesFetched()).isGreaterThanOrEqualTo(2);
        assertThat(caughtUp.problem()).isEmpty();
        assertThat(texts(aliceAgain)).contains("while you were away 1", "while you were away 2");
        people.runUntil(() -> state(bob, whileAway2) == DeliveryState.DELIVERED);
        aliceAgain.close();
    }

    @Test
    void theRateLimitIsNeverExceededAndChatMessagesStillAllGetThrough() throws Exception {
        people.close();
        people = new SimulatedPeople(folder.resolve("limited"), 12);
        RateLimit limit = new RateLimit(3, Duration.ofSeconds(10));
        ChatEngine limitedAlice = people.started(new LocalAccounts(people.config("Alice").withRateLimit(limit))
                .create("Alice", SimulatedPeople.passphrase("Alice")));
        SimulatedNode limitedNode = people.lastNode();
        ChatEngine limitedBob = people.create("Bob");
        List<Instant> publishedByAlice = publishesOf(limitedNode);
        Conversation withBob = limitedAlice.acceptInvite(limitedBob.currentInvite().link());
        List<ChatMessage> sent = burst(limitedAlice, withBob, 10);
        assertThat(limitedAlice.status().rateLimitedUntil()).isPresent();
        people.runUntil(() -> sent.stream().allMatch(m -> state(limitedAlice, m) == DeliveryState.DELIVERED),
                Duration.ofMinutes(3));
        assertThat(publishedByAlice).hasSizeGreaterThanOrEqualTo(10);
        var perEpoch = perTenSecondEpoch(publishedByAlice);
        assertThat(perEpoch.values()).allMatch(count -> count <= 3);
    }

    @Test
    void theLimiterFollowsTheRlnMembershipsOwnLimitOnceTheNodeHasReadIt() throws Exception {
        people.close();
        people = new SimulatedPeople(folder.resolve("membership"), 13);
        EngineConfig base = people.config("Alice");
        // The network allows 5 per 10 s; this membership was registered with 2.
        EngineConfig withMembership = new EngineConfig(base.dataDir(), base.kdf(),
                () -> new org.wakuchat.core.transport.ForwardingWakuNode(base.node().get()) {
                    @Override
                    public java.util.OptionalInt rlnMessageLimit() {
                        return java.util.OptionalInt.of(2);
                    }
                }, base.scheduler(), base.random(), base.delivery(), base.inviteValidity(),
                Optional.of(new RateLimit(5, Duration.ofSeconds(10))), base.network());
        ChatEngine limitedAlice = people.started(new LocalAccounts(withMembership)
                .create("Alice", SimulatedPeople.passphrase("Alice")));
        SimulatedNode limitedNode = people.lastNode();
        ChatEngine limitedBob = people.create("Bob");
        List<Instant> publishedByAlice = publishesOf(limitedNode);
        Conversation withBob = limitedAlice.acceptInvite(limitedBob.currentInvite().link());
        List<ChatMessage> sent = burst(limitedAlice, withBob, 6);
        people.runUntil(() -> sent.stream().allMatch(m -> state(limitedAlice, m) == DeliveryState.DELIVERED),
                Duration.ofMinutes(3));
        var perEpoch = perTenSecondEpoch(publishedByAlice);
        assertThat(perEpoch.values()).allMatch(count -> count <= 2).contains(2L);
    }

    @Test
    void moreMessagesThanOneAcknowledgementCarriesAreAllConfirmedWithoutResends() throws Exception {
        people.close();
        people = new SimulatedPeople(folder.resolve("burst"), 14);
        DeliveryPolicy noResend = new DeliveryPolicy(Duration.ofHours(1), Duration.ofHours(1), 16,
                DeliveryPolicy.DEFAULT.receiptDelay(), DeliveryPolicy.DEFAULT.missingPatience());
        ChatEngine sender = people.started(new LocalAccounts(people.config("Alice").withDelivery(noResend))
                .create("Alice", SimulatedPeople.passphrase("Alice")));
        ChatEngine receiver = people.create("Bob");
        Conversation withBob = sender.acceptInvite(receiver.currentInvite().link());
        int burst = org.wakuchat.core.sync.SyncChannel.MAX_ACKS_PER_MESSAGE * 2 + 5;
        List<ChatMessage> sent = new java.util.ArrayList<>();
        for (int i = 0; i < burst; i++) {
            sent.add(sender.sendText(withBob.id(), "burst " + i));
        }

        people.runUntil(() -> sent.stream().allMatch(m -> state(sender, m) == DeliveryState.DELIVERED), Duration.ofSeconds(30));
    }

    private static List<String> texts(ChatEngine engine) {
        Conversation conversation = engine.conversations().getFirst();
        return engine.messages(conversation.id(), 0, 1000).stream().map(ChatMessage::text).toList();
    }

    private static DeliveryState state(ChatEngine engine, ChatMessage message) {
        return engine.messages(message.conversation(), 0, Integer.MAX_VALUE).stream()
                .filter(m -> m.id().equals(message.id()))
                .findFirst().orElseThrow().state();
    }

    /** The times {@code node} published at, as the simulator traces them. */
    private List<Instant> publishesOf(SimulatedNode node) {
        List<Instant> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        people.network.setTraceListener(event -> {
            if (event.outcome() == TraceEvent.Outcome.PUBLISHED && event.node().equals(node.name())) {
                published.add(event.at());
            }
        });
        return published;
    }

    /** How many of {@code times} fall in each 10-second epoch (aligned to Unix time, as RLN's). */
    private static java.util.Map<Long, Long> perTenSecondEpoch(List<Instant> times) {
        return times.stream().collect(java.util.stream.Collectors.groupingBy(
                t -> t.toEpochMilli() / 10_000, java.util.stream.Collectors.counting()));
    }

    /** {@code count} texts written at once, as a user pasting lines would. */
    private static List<ChatMessage> burst(ChatEngine from, Conversation to, int count) {
        List<ChatMessage> sent = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(from.sendText(to.id(), "burst " + i));
        }
        return sent;
    }
}
