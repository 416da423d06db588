package org.wakuchat.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryFailure;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.EngineStatus.State;
import org.wakuchat.core.store.EventLog;
import org.wakuchat.core.store.MessageFigures;

class ReportCalculatorTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final ConversationId A = new ConversationId("a");
    private static final ConversationId B = new ConversationId("b");

    private final List<EventLog.LoggedEvent> log = new ArrayList<>();

    private void at(Duration after, ReportEvent event) {
        log.add(new EventLog.LoggedEvent(log.size() + 1, T0.plus(after), ReportEvent.encode(event)));
    }

    @Test
    void connectedOfflineAndNotRunningTimesFollowTheStatesAndACrashEndsAtTheLastSignOfLife() {
        at(Duration.ZERO, new ReportEvent.NodeStarted(true));
        at(Duration.ZERO, new ReportEvent.StateChanged(State.STARTING, 0));
        at(Duration.ofMinutes(1), new ReportEvent.StateChanged(State.CONNECTED, 3));
        at(Duration.ofMinutes(11), new ReportEvent.PeerCount(4));
        at(Duration.ofMinutes(21), new ReportEvent.PeerCount(4));
        // Crash: no STOPPED. The next start finds the run unclosed.
        at(Duration.ofMinutes(60), new ReportEvent.NodeStarted(false));
        at(Duration.ofMinutes(60), new ReportEvent.StateChanged(State.STARTING, 0));
        at(Duration.ofMinutes(62), new ReportEvent.StateChanged(State.CONNECTED, 2));
        at(Duration.ofMinutes(70), new ReportEvent.StateChanged(State.OFFLINE, 0));
        at(Duration.ofMinutes(75), new ReportEvent.StateChanged(State.CONNECTED, 1));
        at(Duration.ofMinutes(80), new ReportEvent.StateChanged(State.STOPPED, 0));

        var report = compute(ReportPeriod.ALL, T0.plus(Duration.ofMinutes(90)), List.of());
        var c = report.connectivity();
        assertThat(report.from()).isEqualTo(T0);
        assertThat(c.connected()).isEqualTo(Duration.ofMinutes(20 + 8 + 5));
        assertThat(c.offline()).isEqualTo(Duration.ofMinutes(1 + 2 + 5));
        assertThat(c.notRunning()).isEqualTo(Duration.ofMinutes(39 + 10));
        assertThat(c.nodeStarts()).isEqualTo(2);
        assertThat(c.uncleanShutdowns()).isEqualTo(1);
        assertThat(c.states()).extracting(ReliabilityReport.StateChange::state).containsExactly(State.STARTING,
                State.CONNECTED, State.STARTING, State.CONNECTED, State.OFFLINE, State.CONNECTED, State.STOPPED);
        assertThat(c.peers()).extracting(ReliabilityReport.PeerSample::peers).containsExactly(0, 3, 4, 4, 0, 2, 0, 1, 0);

        // A period that starts in the middle of the first run counts only its part.
        var lastHour = compute(ReportPeriod.last(Duration.ofMinutes(60)), T0.plus(Duration.ofMinutes(90)), List.of());
        assertThat(lastHour.from()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(lastHour.connectivity().connected()).isEqualTo(Duration.ofMinutes(8 + 5));
        assertThat(lastHour.connectivity().offline()).isEqualTo(Duration.ofMinutes(2 + 5));
        assertThat(lastHour.connectivity().notRunning()).isEqualTo(Duration.ofMinutes(30 + 10));
        assertThat(lastHour.connectivity().nodeStarts()).isEqualTo(1);
    }

    @Test
    void timeBeforeTheFirstEventIsNotCountedAsNotRunning() {
        // An account made 10 minutes ago, asked for the last 7 days.
        at(Duration.ZERO, new ReportEvent.NodeStarted(true));
        at(Duration.ZERO, new ReportEvent.StateChanged(State.STARTING, 0));
        at(Duration.ofMinutes(1), new ReportEvent.StateChanged(State.CONNECTED, 2));

        var c = compute(ReportPeriod.LAST_7_DAYS, T0.plus(Duration.ofMinutes(10)), List.of()).connectivity();

        assertThat(c.notRunning()).isZero();
        assertThat(c.offline()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.connected()).isEqualTo(Duration.ofMinutes(9));
    }

    @Test
    void aRunningEngineIsInItsLastStateUntilNow() {
        at(Duration.ZERO, new ReportEvent.NodeStarted(true));
        at(Duration.ZERO, new ReportEvent.StateChanged(State.CONNECTED, 1));
        var report = compute(ReportPeriod.ALL, T0.plus(Duration.ofHours(2)), List.of());
        assertThat(report.connectivity().connected()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void outgoingCountsLatencyAndContactsComeFromTheMessages() {
        List<MessageFigures> messages = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            // Latencies of 100 ms, 200 ms, … 2 s.
            messages.add(out(A, DeliveryState.DELIVERED, Optional.empty(), Duration.ofMinutes(i),
                    Optional.of(Duration.ofMillis(100L * i)), i % 5 == 0 ? 3 : 1));
        }
        messages.add(out(B, DeliveryState.FAILED, Optional.of(DeliveryFailure.NO_CONFIRMATION), Duration.ofMinutes(30),
                Optional.empty(), 16));
        messages.add(out(B, DeliveryState.FAILED, Optional.of(DeliveryFailure.INVITE_EXPIRED), Duration.ofMinutes(31),
                Optional.empty(), 1));
        messages.add(out(B, DeliveryState.SENT, Optional.empty(), Duration.ofMinutes(32), Optional.empty(), 2));
        messages.add(out(B, DeliveryState.QUEUED, Optional.empty(), Duration.ofMinutes(33), Optional.empty(), 0));
        messages.add(in(B, Duration.ofMinutes(34)));
        messages.add(in(B, Duration.ofMinutes(35)));
        messages.add(in(A, Duration.ofMinutes(1)));

        var report = compute(ReportPeriod.ALL, T0.plus(Duration.ofHours(1)), messages);
        var out = report.outgoing();
        assertThat(out.sent()).isEqualTo(24);
        assertThat(out.delivered()).isEqualTo(20);
        assertThat(out.failed()).isEqualTo(2);
        assertThat(out.pending()).isEqualTo(2);
        assertThat(out.failedBy()).containsEntry(DeliveryFailure.NO_CONFIRMATION, 1)
                .containsEntry(DeliveryFailure.INVITE_EXPIRED, 1).doesNotContainKey(DeliveryFailure.NO_ANSWER_TO_INVITE);
        assertThat(out.retried()).isEqualTo(4 + 1 + 1);
        assertThat(out.resends()).isEqualTo(4 * 2 + 15 + 1);
        assertThat(report.received()).isEqualTo(3);
        var latency = report.latency();
        assertThat(latency.samples()).isEqualTo(20);
        assertThat(latency.median()).contains(Duration.ofMillis(1000));
        assertThat(latency.p95()).contains(Duration.ofMillis(1900));
        assertThat(latency.histogram()).hasSize(ReliabilityReport.Latency.BUCKET_BOUNDS.size() + 1);
        // [0,250): 100, 200; [250,500): 300, 400; [500,1000): 500…900; [1 s,2 s): 1000…1900; [2 s,5 s): 2000.
        assertThat(latency.histogram()).extracting(ReliabilityReport.LatencyBucket::count)
                .containsExactly(2, 2, 5, 10, 1, 0, 0, 0, 0, 0, 0);
        assertThat(latency.histogram().getFirst().from()).isEqualTo(Duration.ZERO);
        assertThat(latency.histogram().getLast().to()).isEmpty();
        assertThat(report.contacts()).extracting(ReliabilityReport.ContactRow::conversation).containsExactly(A, B);
        assertThat(report.contacts().get(1)).isEqualTo(new ReliabilityReport.ContactRow(B, 4, 0, 2, 2, 2,
                Optional.empty(), 0, 0));

        var onlyB = compute(ReportQuery.forContact(ReportPeriod.ALL, B), T0.plus(Duration.ofHours(1)), messages);
        assertThat(onlyB.outgoing().sent()).isEqualTo(4);
        assertThat(onlyB.contacts()).hasSize(1);
        var lastHalfHour = compute(ReportPeriod.last(Duration.ofMinutes(30)), T0.plus(Duration.ofHours(1)), messages);
        assertThat(lastHalfHour.outgoing().sent()).isEqualTo(4);
        assertThat(lastHalfHour.received()).isEqualTo(2);
    }

    @Test
    void missedMessagesRecoveriesLossesCatchUpsAndRateLimitWaits() {
        at(Duration.ofMinutes(1), new ReportEvent.MissingDetected(A, 3));
        at(Duration.ofMinutes(1), new ReportEvent.MissingArrived(A, true, false));
        at(Duration.ofMinutes(2), new ReportEvent.MissingArrived(A, false, false));
        at(Duration.ofMinutes(3), new ReportEvent.MissingLost(A, 1));
        at(Duration.ofMinutes(4), new ReportEvent.MissingDetected(B, 2));
        at(Duration.ofMinutes(6), new ReportEvent.MissingLost(B, 2));
        at(Duration.ofMinutes(7), new ReportEvent.MissingArrived(B, true, true));
        at(Duration.ofMinutes(8), new ReportEvent.CatchUpEnded(T0.plus(Duration.ofMinutes(8)).minusSeconds(2),
                Duration.ofHours(3), 12, true));
        at(Duration.ofMinutes(9), new ReportEvent.CatchUpEnded(T0.plus(Duration.ofMinutes(9)).minusSeconds(5),
                Duration.ZERO, 0, false));
        at(Duration.ofMinutes(10), new ReportEvent.RateLimitWait(Duration.ofSeconds(4)));
        at(Duration.ofMinutes(11), new ReportEvent.RateLimitWait(Duration.ofSeconds(6)));

        var report = compute(ReportPeriod.ALL, T0.plus(Duration.ofMinutes(12)), List.of());
        assertThat(report.missed()).isEqualTo(new ReliabilityReport.Missed(5, 2, 1, 2, 0));
        var onlyA = compute(ReportQuery.forContact(ReportPeriod.ALL, A), T0.plus(Duration.ofMinutes(12)), List.of());
        assertThat(onlyA.missed()).isEqualTo(new ReliabilityReport.Missed(3, 1, 1, 1, 0));
        assertThat(report.catchUps().count()).isEqualTo(2);
        assertThat(report.catchUps().storeAnswered()).isEqualTo(1);
        assertThat(report.catchUps().messagesFetched()).isEqualTo(12);
        assertThat(report.catchUps().total()).isEqualTo(Duration.ofSeconds(7));
        assertThat(report.catchUps().longest()).isEqualTo(Duration.ofSeconds(5));
        assertThat(report.catchUps().recent().getFirst().offlineFor()).isEqualTo(Duration.ofHours(3));
        assertThat(report.rateLimit()).isEqualTo(new ReliabilityReport.RateLimitWaits(2, Duration.ofSeconds(10)));
        assertThat(report.contacts()).extracting(ReliabilityReport.ContactRow::missedDetected).containsExactly(3, 2);
    }

    @Test
    void eventsOfAnUnknownKindOrVersionAreSkipped() {
        log.add(new EventLog.LoggedEvent(1, T0, new byte[] {9, 1}));
        log.add(new EventLog.LoggedEvent(2, T0, new byte[] {ReportEvent.VERSION, 99}));
        log.add(new EventLog.LoggedEvent(3, T0, new byte[] {ReportEvent.VERSION, 8}));
        at(Duration.ZERO, new ReportEvent.RateLimitWait(Duration.ofSeconds(1)));
        assertThat(compute(ReportPeriod.ALL, T0.plusSeconds(1), List.of()).rateLimit().count()).isEqualTo(1);
    }

    @Test
    void everyEventKindSurvivesEncoding() {
        List<ReportEvent> events = List.of(new ReportEvent.StateChanged(State.UNAVAILABLE, 0),
                new ReportEvent.PeerCount(7), new ReportEvent.NodeStarted(false),
                new ReportEvent.CatchUpEnded(T0, Duration.ofMillis(1234), 5, true),
                new ReportEvent.MissingDetected(A, 2), new ReportEvent.MissingArrived(B, true, true),
                new ReportEvent.MissingLost(A, 1), new ReportEvent.RateLimitWait(Duration.ofMillis(999)));
        for (ReportEvent e : events) {
            assertThat(ReportEvent.decode(ReportEvent.encode(e))).contains(e);
        }
    }

    @Test
    void periodsParseAndPrint() {
        assertThat(ReportPeriod.parse("24h")).isEqualTo(ReportPeriod.LAST_24_HOURS);
        assertThat(ReportPeriod.parse("7d")).isEqualTo(ReportPeriod.LAST_7_DAYS);
        assertThat(ReportPeriod.parse(" ALL ")).isEqualTo(ReportPeriod.ALL);
        assertThat(ReportPeriod.parse("90m").length()).contains(Duration.ofMinutes(90));
        assertThat(ReportPeriod.LAST_24_HOURS).hasToString("24h");
        assertThat(ReportPeriod.LAST_7_DAYS).hasToString("7d");
        assertThat(ReportPeriod.parse("90m")).hasToString("90m");
        for (String bad : List.of("", "0h", "24", "h", "-1d", "1w", "1.5h")) {
            assertThatThrownBy(() -> ReportPeriod.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private ReliabilityReport compute(ReportPeriod period, Instant now, List<MessageFigures> messages) {
        return compute(ReportQuery.overall(period), now, messages);
    }

    private ReliabilityReport compute(ReportQuery query, Instant now, List<MessageFigures> messages) {
        return ReportCalculator.compute(query, now, Optional.empty(), messages, log);
    }

    private static MessageFigures out(ConversationId c, DeliveryState state, Optional<DeliveryFailure> failure,
                                      Duration after, Optional<Duration> latency, int attempts) {
        Instant sent = T0.plus(after);
        return new MessageFigures(c, true, state, failure, sent, sent, latency.map(sent::plus), attempts);
    }

    private static MessageFigures in(ConversationId c, Duration after) {
        Instant at = T0.plus(after);
        return new MessageFigures(c, false, DeliveryState.RECEIVED, Optional.empty(), at.minusSeconds(1), at,
                Optional.empty(), 0);
    }
}
