package org.wakuchat.core.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryFailure;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.report.ReliabilityReport.CatchUpRun;
import org.wakuchat.core.report.ReliabilityReport.ContactRow;
import org.wakuchat.core.report.ReliabilityReport.PeerSample;
import org.wakuchat.core.report.ReliabilityReport.StateChange;
import org.wakuchat.core.store.EventLog;
import org.wakuchat.core.store.MessageFigures;

/** Computes a {@link ReliabilityReport} from message figures and the event log; pure, no I/O. */
public final class ReportCalculator {

    private ReportCalculator() {
    }

    /**
     * @param messages every message's figures that may fall in the period (others are ignored)
     * @param events   the whole event log, oldest first (the state at the period's start comes
     *                 from before it)
     */
    public static ReliabilityReport compute(ReportQuery query, Instant now, Optional<Integer> clusterId,
                                            List<MessageFigures> messages, List<EventLog.LoggedEvent> events) {
        Optional<Instant> since = query.period().since(now);
        Optional<ConversationId> contact = query.contact();
        List<MessageFigures> inPeriod = messages.stream()
                .filter(m -> contact.isEmpty() || contact.get().equals(m.conversation()))
                .filter(m -> since.isEmpty() || !(m.outgoing() ? m.sentAt() : m.receivedAt()).isBefore(since.get()))
                .filter(m -> !(m.outgoing() ? m.sentAt() : m.receivedAt()).isAfter(now))
                .toList();
        List<Timed> decoded = new ArrayList<>();
        for (EventLog.LoggedEvent e : events) {
            ReportEvent.decode(e.event()).ifPresent(event -> decoded.add(new Timed(e.at(), event)));
        }
        Instant from = since.orElseGet(() -> earliest(inPeriod, decoded, now));
        List<Timed> eventsInPeriod = decoded.stream()
                .filter(t -> !t.at().isBefore(from) && !t.at().isAfter(now)).toList();
        return new ReliabilityReport(query, from, now, clusterId, outgoing(inPeriod), latency(inPeriod),
                (int) inPeriod.stream().filter(m -> !m.outgoing()).count(), missed(eventsInPeriod, contact),
                catchUps(decoded, from, now), connectivity(decoded, from, now), rateLimit(eventsInPeriod),
                contacts(inPeriod, eventsInPeriod, contact));
    }

    private record Timed(Instant at, ReportEvent event) {
    }

    private static Instant earliest(List<MessageFigures> messages, List<Timed> events, Instant now) {
        Instant first = now;
        for (MessageFigures m : messages) {
            Instant at = m.outgoing() ? m.sentAt() : m.receivedAt();
            if (at.isBefore(first)) {
                first = at;
            }
        }
        if (!events.isEmpty() && events.getFirst().at().isBefore(first)) {
            first = events.getFirst().at();
        }
        return first;
    }

    private static ReliabilityReport.Outgoing outgoing(List<MessageFigures> messages) {
        int sent = 0;
        int delivered = 0;
        int pending = 0;
        int failed = 0;
        int retried = 0;
        int resends = 0;
        Map<DeliveryFailure, Integer> failedBy = new EnumMap<>(DeliveryFailure.class);
        for (MessageFigures m : messages) {
            if (!m.outgoing()) {
                continue;
            }
            sent++;
            switch (m.state()) {
                case DELIVERED -> delivered++;
                case FAILED -> {
                    failed++;
                    m.failure().ifPresent(why -> failedBy.merge(why, 1, Integer::sum));
                }
                default -> pending++;
            }
            if (m.attempts() > 1) {
                retried++;
                resends += m.attempts() - 1;
            }
        }
        return new ReliabilityReport.Outgoing(sent, delivered, pending, failed, failedBy, retried, resends);
    }

    private static List<Duration> latencies(List<MessageFigures> messages) {
        return messages.stream()
                .filter(m -> m.outgoing() && m.state() == DeliveryState.DELIVERED && m.deliveredAt().isPresent())
                .map(m -> Duration.between(m.sentAt(), m.deliveredAt().get()))
                .map(d -> d.isNegative() ? Duration.ZERO : d)
                .toList();
    }

    private static ReliabilityReport.Latency latency(List<MessageFigures> messages) {
        return ReliabilityReport.Latency.of(latencies(messages));
    }

    private static ReliabilityReport.Missed missed(List<Timed> events, Optional<ConversationId> contact) {
        int detected = 0;
        int fromStore = 0;
        int resent = 0;
        int lost = 0;
        int lostArrived = 0;
        for (Timed t : events) {
            switch (t.event()) {
                case ReportEvent.MissingDetected e when matches(contact, e.conversation()) -> detected += e.count();
                case ReportEvent.MissingLost e when matches(contact, e.conversation()) -> lost += e.count();
                case ReportEvent.MissingArrived e when matches(contact, e.conversation()) -> {
                    if (e.fromStore()) {
                        fromStore++;
                    } else {
                        resent++;
                    }
                    if (e.wasReportedLost()) {
                        lostArrived++;
                    }
                }
                default -> {
                }
            }
        }
        int stillLost = Math.max(0, lost - lostArrived);
        int stillMissing = Math.max(0, detected - fromStore - resent - stillLost);
        return new ReliabilityReport.Missed(detected, fromStore, resent, stillLost, stillMissing);
    }

    private static boolean matches(Optional<ConversationId> contact, ConversationId conversation) {
        return contact.isEmpty() || contact.get().equals(conversation);
    }

    private static ReliabilityReport.CatchUps catchUps(List<Timed> events, Instant from, Instant to) {
        List<CatchUpRun> runs = new ArrayList<>();
        for (Timed t : events) {
            if (t.event() instanceof ReportEvent.CatchUpEnded e && !e.startedAt().isBefore(from) && !t.at().isAfter(to)) {
                Duration took = Duration.between(e.startedAt(), t.at());
                runs.add(new CatchUpRun(e.startedAt(), took.isNegative() ? Duration.ZERO : took, e.offlineFor(),
                        e.messagesFetched(), e.storeAnswered()));
            }
        }
        Duration total = runs.stream().map(CatchUpRun::took).reduce(Duration.ZERO, Duration::plus);
        Duration longest = runs.stream().map(CatchUpRun::took).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        List<CatchUpRun> recent = runs.size() > ReliabilityReport.CatchUps.RECENT_KEPT
                ? runs.subList(runs.size() - ReliabilityReport.CatchUps.RECENT_KEPT, runs.size()) : runs;
        return new ReliabilityReport.CatchUps(runs.size(), (int) runs.stream().filter(CatchUpRun::storeAnswered).count(),
                runs.stream().mapToInt(CatchUpRun::messagesFetched).sum(), total, longest, recent);
    }

    private enum Bucket { CONNECTED, OFFLINE, NOT_RUNNING }

    private static Bucket bucket(EngineStatus.State state) {
        return switch (state) {
            case CONNECTED -> Bucket.CONNECTED;
            case OFFLINE, STARTING, UNAVAILABLE -> Bucket.OFFLINE;
            case STOPPED -> Bucket.NOT_RUNNING;
        };
    }

    /**
     * Walks the whole log: the state holds from one state event to the next. A start that finds
     * the previous run unclosed ends that run at its last event (the engine's last sign of life).
     */
    private static ReliabilityReport.Connectivity connectivity(List<Timed> events, Instant from, Instant to) {
        Duration[] time = {Duration.ZERO, Duration.ZERO, Duration.ZERO};
        Bucket current = Bucket.NOT_RUNNING;
        Instant since = Instant.MIN;
        Instant lastSeen = Instant.MIN;
        int starts = 0;
        int unclean = 0;
        List<StateChange> states = new ArrayList<>();
        List<PeerSample> peers = new ArrayList<>();
        for (Timed t : events) {
            Instant at = t.at();
            boolean inPeriod = !at.isBefore(from) && !at.isAfter(to);
            switch (t.event()) {
                case ReportEvent.NodeStarted e -> {
                    if (current != Bucket.NOT_RUNNING) {
                        // The previous run never logged its close: it ended around its last event.
                        add(time, current, since, lastSeen, from, to);
                        current = Bucket.NOT_RUNNING;
                        since = lastSeen;
                    }
                    if (inPeriod) {
                        starts++;
                        if (!e.previousRunClosed()) {
                            unclean++;
                        }
                    }
                }
                case ReportEvent.StateChanged e -> {
                    add(time, current, since, at, from, to);
                    current = bucket(e.state());
                    since = at;
                    if (inPeriod) {
                        states.add(new StateChange(at, e.state()));
                        peers.add(new PeerSample(at, e.peers()));
                    }
                }
                case ReportEvent.PeerCount e -> {
                    if (inPeriod) {
                        peers.add(new PeerSample(at, e.peers()));
                    }
                }
                default -> {
                }
            }
            lastSeen = at;
        }
        // The run in progress (the report is made by a running engine) lasts until now.
        add(time, current, since, to, from, to);
        return new ReliabilityReport.Connectivity(time[0], time[1], time[2], starts, unclean, states, peers);
    }

    /**
     * Adds the part of [start, end) that lies in [from, to) to {@code bucket}'s time. Time before
     * the log's first event ({@code start} = {@link Instant#MIN}) is no one's: the account did not
     * exist yet, or the log had not been kept, so it is not "not running".
     */
    private static void add(Duration[] time, Bucket bucket, Instant start, Instant end, Instant from, Instant to) {
        if (start.equals(Instant.MIN)) {
            return;
        }
        Instant a = start.isBefore(from) ? from : start;
        Instant b = end.isAfter(to) ? to : end;
        if (b.isAfter(a)) {
            time[bucket.ordinal()] = time[bucket.ordinal()].plus(Duration.between(a, b));
        }
    }

    private static ReliabilityReport.RateLimitWaits rateLimit(List<Timed> events) {
        int count = 0;
        Duration total = Duration.ZERO;
        for (Timed t : events) {
            if (t.event() instanceof ReportEvent.RateLimitWait e) {
                count++;
                total = total.plus(e.waited());
            }
        }
        return new ReliabilityReport.RateLimitWaits(count, total);
    }

    private static List<ContactRow> contacts(List<MessageFigures> messages, List<Timed> events,
                                             Optional<ConversationId> contact) {
        Map<ConversationId, List<MessageFigures>> byConversation = new LinkedHashMap<>();
        for (MessageFigures m : messages) {
            byConversation.computeIfAbsent(m.conversation(), c -> new ArrayList<>()).add(m);
        }
        for (Timed t : events) {
            if (t.event() instanceof ReportEvent.MissingDetected e && matches(contact, e.conversation())) {
                byConversation.computeIfAbsent(e.conversation(), c -> new ArrayList<>());
            }
        }
        List<ContactRow> rows = new ArrayList<>();
        byConversation.forEach((id, list) -> {
            var out = outgoing(list);
            var missed = missed(events, Optional.of(id));
            rows.add(new ContactRow(id, out.sent(), out.delivered(), out.pending(), out.failed(),
                    (int) list.stream().filter(m -> !m.outgoing()).count(),
                    ReliabilityReport.Latency.percentile(latencies(list).stream().sorted().toList(), 50),
                    missed.detected(), missed.lost()));
        });
        rows.sort(Comparator.comparingInt((ContactRow r) -> r.sent() + r.received()).reversed()
                .thenComparing(r -> r.conversation().value()));
        return rows;
    }
}
