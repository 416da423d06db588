package org.wakuchat.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.DeliveryFailure;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.report.ReliabilityReport;
import org.wakuchat.core.report.ReportPeriod;
import org.wakuchat.core.report.ReportQuery;
import org.wakuchat.core.simulator.LinkConditions;
import org.wakuchat.core.simulator.NetworkSettings;
import org.wakuchat.core.simulator.SimulatedNode;

/**
 * The reliability report against what the test knows happened, over the simulator in virtual
 * time: injected loss (recovered from Store), a dropped first publish (resent by the sender), a
 * message that can never arrive (failed for the sender, lost for the receiver), a partition
 * (the sender offline), and an offline period of the receiver (catch-up from Store).
 */
class ReliabilityReportTest {

    /** Short retries, so that the message that can never arrive fails within the test. */
    private static final DeliveryPolicy TWO_ATTEMPTS = new DeliveryPolicy(Duration.ofSeconds(3), Duration.ofMinutes(5),
            2, Duration.ofMillis(150), Duration.ofMinutes(2));
    private static final Duration PARTITION = Duration.ofMinutes(3);
    private static final Duration ALICE_OFFLINE = Duration.ofMinutes(5);

    @TempDir
    Path folder;
    SimulatedPeople people;

    @AfterEach
    void shutDown() {
        if (people != null) {
            people.close();
        }
    }

    @Test
    void theReportCountsWhatHappenedUnderLossPartitionsAndAnOfflinePeriod() throws Exception {
        // Instant, lossless links except where the test injects loss: the test knows each message's fate.
        people = new SimulatedPeople(folder, 21, NetworkSettings.defaults().withConditions(LinkConditions.perfect()));
        ChatEngine alice = new LocalAccounts(people.config("Alice")).create("Alice", SimulatedPeople.passphrase("Alice"));
        List<ChatEvent> aliceEvents = SimulatedPeople.recordEvents(alice);
        people.started(alice);
        SimulatedNode aliceNode = people.lastNode();
        ChatEngine bob = people.started(new LocalAccounts(people.config("Bob").withDelivery(TWO_ATTEMPTS))
                .create("Bob", SimulatedPeople.passphrase("Bob")));
        SimulatedNode bobNode = people.lastNode();
        Map<MessageId, Instant> deliveredAt = new ConcurrentHashMap<>();
        bob.subscribe(e -> {
            if (e instanceof ChatEvent.DeliveryChanged d && d.state() == DeliveryState.DELIVERED) {
                deliveredAt.putIfAbsent(d.message(), people.clock.now());
            }
        });
        Instant began = people.clock.now();
        List<ChatMessage> bobSent = new ArrayList<>();

        Conversation withAlice = bob.acceptInvite(alice.currentInvite().link());
        bobSent.add(bob.sendText(withAlice.id(), "hello"));
        people.runUntil(() -> allDelivered(bob, bobSent));
        ChatMessage hi = alice.sendText(withAlice.id(), "hi");
        people.runUntil(() -> state(alice, hi) == DeliveryState.DELIVERED);
        people.run(Duration.ofSeconds(5));

        // 1. Lost on the link to Alice but kept by Store: the next message shows the gap, Store fills it.
        people.network.setLinkConditions(bobNode, aliceNode, LinkConditions.perfect().withLossRate(1.0));
        bobSent.add(bob.sendText(withAlice.id(), "lost on the way"));
        people.run(Duration.ofMillis(100));
        people.network.setLinkConditions(bobNode, aliceNode, LinkConditions.perfect());
        bobSent.add(bob.sendText(withAlice.id(), "next"));
        people.runUntil(() -> allDelivered(bob, bobSent));
        people.run(Duration.ofSeconds(5));

        // 2. The first publish dropped everywhere (not even Store has it): Bob's resend brings it.
        AtomicInteger dropNext = new AtomicInteger(1);
        people.network.dropIf(m -> dropNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0);
        bobSent.add(bob.sendText(withAlice.id(), "resent"));
        bobSent.add(bob.sendText(withAlice.id(), "follower"));
        people.runUntil(() -> allDelivered(bob, bobSent));
        people.run(Duration.ofSeconds(5));

        // 3. Both publishes of one message dropped: it fails for Bob, and Alice gives it up.
        AtomicBoolean blackHole = new AtomicBoolean(true);
        people.network.dropIf(m -> blackHole.get());
        ChatMessage neverArrives = bob.sendText(withAlice.id(), "never arrives");
        people.runUntil(() -> state(bob, neverArrives) == DeliveryState.FAILED);
        blackHole.set(false);
        ChatMessage afterTheGap = bob.sendText(withAlice.id(), "after the gap");
        bobSent.add(afterTheGap);
        people.runUntil(() -> allDelivered(bob, bobSent));
        people.run(DeliveryPolicy.DEFAULT.missingPatience().plusSeconds(5));
        assertThat(aliceEvents).anyMatch(e -> e instanceof ChatEvent.MissingMessages m
                && m.state() == ChatEvent.MissingState.LOST);

        // 4. Bob cut off from everyone: his messages wait on his device until the partition heals.
        people.network.partition(List.of(bobNode), people.network.nodes().stream().filter(n -> n != bobNode).toList());
        people.runUntil(() -> bob.status().state() == EngineStatus.State.OFFLINE);
        bobSent.add(bob.sendText(withAlice.id(), "partitioned 1"));
        bobSent.add(bob.sendText(withAlice.id(), "partitioned 2"));
        people.run(PARTITION);
        people.network.heal();
        people.runUntil(() -> allDelivered(bob, bobSent));
        people.run(Duration.ofSeconds(5));

        // 5. Alice offline: Bob's messages reach Store, Alice catches up when she is back.
        people.network.setOnline(aliceNode, false);
        people.runUntil(() -> alice.status().state() == EngineStatus.State.OFFLINE);
        for (int i = 1; i <= 3; i++) {
            bobSent.add(bob.sendText(withAlice.id(), "while you were away " + i));
        }
        people.run(ALICE_OFFLINE);
        people.network.setOnline(aliceNode, true);
        people.runUntil(() -> allDelivered(bob, bobSent), Duration.ofMinutes(6));
        people.run(Duration.ofSeconds(5));

        ReliabilityReport bobs = bob.reliabilityReport(ReportQuery.overall(ReportPeriod.ALL));
        ReliabilityReport alices = alice.reliabilityReport(ReportQuery.overall(ReportPeriod.ALL));
        int sent = bobSent.size() + 1;

        // Bob, the sender.
        assertThat(bobs.outgoing().sent()).isEqualTo(sent);
        assertThat(bobs.outgoing().delivered()).isEqualTo(sent - 1);
        assertThat(bobs.outgoing().pending()).isZero();
        assertThat(bobs.outgoing().failed()).isEqualTo(1);
        assertThat(bobs.outgoing().failedBy()).containsExactlyEntriesOf(Map.of(DeliveryFailure.NO_CONFIRMATION, 1));
        assertThat(bobs.outgoing().retried()).as("the resent message and the one that never arrived")
                .isGreaterThanOrEqualTo(2);
        assertThat(bobs.received()).isEqualTo(1);
        List<Duration> latencies = bobSent.stream()
                .map(m -> Duration.between(m.sentAt(), deliveredAt.get(m.id()))).sorted().toList();
        assertThat(bobs.latency().samples()).isEqualTo(sent - 1);
        assertThat(bobs.latency().median()).contains(latencies.get((int) Math.ceil(0.5 * latencies.size()) - 1));
        assertThat(bobs.latency().p95()).contains(latencies.get((int) Math.ceil(0.95 * latencies.size()) - 1));
        assertThat(bobs.latency().histogram().stream().mapToInt(ReliabilityReport.LatencyBucket::count).sum())
                .isEqualTo(sent - 1);
        assertThat(bobs.connectivity().offline().toMillis()).as("Bob's offline time: the partition")
                .isCloseTo(PARTITION.toMillis(), within(1000L));
        assertThat(bobs.connectivity().nodeStarts()).isEqualTo(1);
        assertThat(bobs.connectivity().uncleanShutdowns()).isZero();
        assertThat(bobs.connectivity().connected().plus(bobs.connectivity().offline()))
                .isEqualTo(Duration.between(bobs.from(), bobs.to()).minus(bobs.connectivity().notRunning()));
        assertThat(bobs.missed()).isEqualTo(ReliabilityReport.Missed.NONE);

        // Alice, the receiver.
        assertThat(alices.received()).isEqualTo(sent - 1);
        assertThat(alices.outgoing().sent()).isEqualTo(1);
        assertThat(alices.outgoing().delivered()).isEqualTo(1);
        assertThat(alices.missed()).isEqualTo(new ReliabilityReport.Missed(3, 1, 1, 1, 0));
        assertThat(alices.connectivity().offline().toMillis()).as("Alice's offline time")
                .isCloseTo(ALICE_OFFLINE.toMillis(), within(1000L));
        // Every catch-up Alice's engine announced (one also runs when her node first comes up).
        List<ChatEvent.CatchUpFinished> caughtUp = aliceEvents.stream().filter(ChatEvent.CatchUpFinished.class::isInstance)
                .map(ChatEvent.CatchUpFinished.class::cast).toList();
        assertThat(alices.catchUps().count()).isEqualTo(caughtUp.size());
        assertThat(alices.catchUps().storeAnswered()).isEqualTo(caughtUp.stream().filter(c -> c.problem().isEmpty()).count());
        assertThat(alices.catchUps().messagesFetched())
                .isEqualTo(caughtUp.stream().mapToInt(ChatEvent.CatchUpFinished::messagesFetched).sum());
        assertThat(alices.catchUps().recent().getLast().messagesFetched()).isGreaterThanOrEqualTo(3);
        assertThat(alices.catchUps().recent().getLast().offlineFor().toMillis()).as("the catch-up after being offline")
                .isCloseTo(ALICE_OFFLINE.toMillis(), within(1000L));
        assertThat(alices.contacts()).singleElement().satisfies(row -> {
            assertThat(row.conversation()).isEqualTo(withAlice.id());
            assertThat(row.received()).isEqualTo(sent - 1);
            assertThat(row.missedDetected()).isEqualTo(3);
            assertThat(row.missedLost()).isEqualTo(1);
        });
        assertThat(alices.from()).as("all: from the first record").isBefore(began.plusSeconds(1));

        // The period: the last 7 minutes hold only the messages sent while Alice was offline.
        ReliabilityReport lastMinutes = bob.reliabilityReport(ReportQuery.overall(ReportPeriod.last(Duration.ofMinutes(7))));
        assertThat(lastMinutes.outgoing().sent()).isEqualTo(3);
        ReliabilityReport forAlice = bob.reliabilityReport(ReportQuery.forContact(ReportPeriod.ALL, withAlice.id()));
        assertThat(forAlice.outgoing()).isEqualTo(bobs.outgoing());
    }

    @Test
    void rateLimitWaitsAndRestartsAreCounted() throws Exception {
        people = new SimulatedPeople(folder, 22, NetworkSettings.defaults().withConditions(LinkConditions.perfect()));
        RateLimit limit = new RateLimit(3, Duration.ofSeconds(10));
        ChatEngine alice = people.started(new LocalAccounts(people.config("Alice").withRateLimit(limit))
                .create("Alice", SimulatedPeople.passphrase("Alice")));
        ChatEngine bob = people.create("Bob");
        Conversation withBob = alice.acceptInvite(bob.currentInvite().link());
        // Sent at the start of an epoch: 3 go at once, the other 7 wait for the next three epochs.
        Instant epochStart = Instant.ofEpochMilli((people.clock.now().toEpochMilli() / 10_000 + 1) * 10_000);
        people.run(Duration.between(people.clock.now(), epochStart));
        List<ChatMessage> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(alice.sendText(withBob.id(), "burst " + i));
        }
        people.runUntil(() -> allDelivered(alice, sent), Duration.ofMinutes(3));
        var waits = alice.reliabilityReport(ReportQuery.overall(ReportPeriod.ALL)).rateLimit();
        assertThat(waits.count()).as("one wait per epoch that had more than it allows").isEqualTo(3);
        assertThat(waits.total()).isEqualTo(Duration.ofSeconds(30));

        // Closed for 20 minutes, then started again: a second node start, a clean one, 20 minutes not running.
        alice.close();
        people.run(Duration.ofMinutes(20));
        ChatEngine again = people.unlock("Alice");
        var afterRestart = again.reliabilityReport(ReportQuery.overall(ReportPeriod.ALL)).connectivity();
        assertThat(afterRestart.nodeStarts()).isEqualTo(2);
        assertThat(afterRestart.uncleanShutdowns()).isZero();
        assertThat(afterRestart.notRunning().toMillis()).isCloseTo(Duration.ofMinutes(20).toMillis(), within(1000L));
        assertThat(afterRestart.states()).extracting(ReliabilityReport.StateChange::state)
                .contains(EngineStatus.State.STOPPED);
    }

    private static boolean allDelivered(ChatEngine engine, List<ChatMessage> messages) {
        return messages.stream().allMatch(m -> state(engine, m) == DeliveryState.DELIVERED);
    }

    private static DeliveryState state(ChatEngine engine, ChatMessage message) {
        return engine.messages(message.conversation(), 0, Integer.MAX_VALUE).stream()
                .filter(m -> m.id().equals(message.id()))
                .findFirst().orElseThrow().state();
    }
}
