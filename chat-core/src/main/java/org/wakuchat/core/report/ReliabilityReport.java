package org.wakuchat.core.report;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryFailure;
import org.wakuchat.core.EngineStatus;

/**
 * Whether messages really arrived, and how fast, over a period: computed on this device from the
 * message database (states and times of every message) and the engine's small event log
 * (connectivity, catch-ups, recoveries, rate-limit waits). Holds no message content, names or
 * keys; conversations appear by their local id only (an export replaces them by random labels).
 * See docs/reliability.md, "Reliability report".
 *
 * @param query        what was asked for
 * @param from         the start of the period (for {@link ReportPeriod#ALL}: of the first record, or {@code to})
 * @param to           when the report was made
 * @param clusterId    the account's Waku cluster, when known
 * @param outgoing     my messages written in the period, by where they are now
 * @param latency      send → DELIVERED of my messages written in the period that were delivered
 * @param received     messages from contacts that arrived in the period
 * @param missed       contacts' messages found missing in the period, and what became of them
 * @param catchUps     Store catch-ups after being offline that started in the period (the account's)
 * @param connectivity time connected and offline, peers, node starts (the account's)
 * @param rateLimit    waits for the outbound rate limit (the account's)
 * @param contacts     one row per conversation that had messages in the period (only the asked one
 *                     for a report about one contact), most messages first
 */
public record ReliabilityReport(ReportQuery query, Instant from, Instant to, Optional<Integer> clusterId,
                                Outgoing outgoing, Latency latency, int received, Missed missed, CatchUps catchUps,
                                Connectivity connectivity, RateLimitWaits rateLimit, List<ContactRow> contacts) {

    public ReliabilityReport {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(outgoing, "outgoing");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(missed, "missed");
        Objects.requireNonNull(catchUps, "catchUps");
        Objects.requireNonNull(connectivity, "connectivity");
        Objects.requireNonNull(rateLimit, "rateLimit");
        contacts = List.copyOf(contacts);
    }

    /** A report with nothing in it (an account without records, or a stand-in engine). */
    public static ReliabilityReport empty(ReportQuery query, Instant now) {
        return new ReliabilityReport(query, query.period().since(now).orElse(now), now, Optional.empty(),
                Outgoing.NONE, Latency.of(List.of()), 0, Missed.NONE, CatchUps.NONE,
                new Connectivity(Duration.ZERO, Duration.ZERO, Duration.ZERO, 0, 0, List.of(), List.of()),
                RateLimitWaits.NONE, List.of());
    }

    /**
     * My messages written in the period.
     *
     * @param sent      all of them, whatever became of them (= delivered + pending + failed)
     * @param delivered confirmed by the recipient's device
     * @param pending   not confirmed yet: queued on this device or published and waiting
     * @param failed    given up after every retry (the user may retry them)
     * @param failedBy  the failed ones by reason (messages failed before reasons were kept have none)
     * @param retried   how many needed more than one publish attempt
     * @param resends   publish attempts beyond the first, over all of them
     */
    public record Outgoing(int sent, int delivered, int pending, int failed, Map<DeliveryFailure, Integer> failedBy,
                           int retried, int resends) {

        public static final Outgoing NONE = new Outgoing(0, 0, 0, 0, Map.of(), 0, 0);

        public Outgoing {
            var copy = new EnumMap<DeliveryFailure, Integer>(DeliveryFailure.class);
            copy.putAll(failedBy);
            failedBy = java.util.Collections.unmodifiableMap(copy);
        }
    }

    /**
     * Delivery latency: from writing a message to its DELIVERED tick.
     *
     * @param samples   how many delivered messages it is measured over
     * @param median    empty without samples
     * @param p95       the 95th percentile (nearest rank); empty without samples
     * @param histogram one bucket per {@link #BUCKET_BOUNDS} interval, always all of them
     */
    public record Latency(int samples, Optional<Duration> median, Optional<Duration> p95, List<LatencyBucket> histogram) {

        /**
         * The histogram's fixed bucket edges: [0, 250 ms), [250 ms, 500 ms), [500 ms, 1 s), [1 s, 2 s),
         * [2 s, 5 s), [5 s, 10 s), [10 s, 30 s), [30 s, 1 min), [1 min, 5 min), [5 min, 30 min),
         * [30 min, ∞). Fixed so that exports from different people and days compare bucket by bucket.
         */
        public static final List<Duration> BUCKET_BOUNDS = List.of(Duration.ofMillis(250), Duration.ofMillis(500),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30));

        public Latency {
            Objects.requireNonNull(median, "median");
            Objects.requireNonNull(p95, "p95");
            histogram = List.copyOf(histogram);
        }

        /** The figures of these latencies (any order). */
        public static Latency of(List<Duration> latencies) {
            List<Duration> sorted = latencies.stream().sorted().toList();
            int[] counts = new int[BUCKET_BOUNDS.size() + 1];
            for (Duration d : sorted) {
                int bucket = 0;
                while (bucket < BUCKET_BOUNDS.size() && d.compareTo(BUCKET_BOUNDS.get(bucket)) >= 0) {
                    bucket++;
                }
                counts[bucket]++;
            }
            var buckets = new java.util.ArrayList<LatencyBucket>();
            for (int i = 0; i < counts.length; i++) {
                buckets.add(new LatencyBucket(i == 0 ? Duration.ZERO : BUCKET_BOUNDS.get(i - 1),
                        i < BUCKET_BOUNDS.size() ? Optional.of(BUCKET_BOUNDS.get(i)) : Optional.empty(), counts[i]));
            }
            return new Latency(sorted.size(), percentile(sorted, 50), percentile(sorted, 95), buckets);
        }

        /** Nearest rank: the smallest value with at least {@code p} % of the values at or below it. */
        static Optional<Duration> percentile(List<Duration> sorted, int p) {
            if (sorted.isEmpty()) {
                return Optional.empty();
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.size());
            return Optional.of(sorted.get(Math.max(0, rank - 1)));
        }
    }

    /** Latencies in {@code [from, to)}; {@code to} is empty for the last, open bucket. */
    public record LatencyBucket(Duration from, Optional<Duration> to, int count) {
    }

    /**
     * Contacts' messages that a gap in their history showed missing, counted by what happened in
     * the period.
     *
     * @param detected           found missing
     * @param recoveredFromStore missing ones that arrived from a Store node (a lookup or a catch-up)
     * @param resentBySender     missing ones that arrived by relay (the sender resent them)
     * @param lost               given up (the user was told), less those that turned up after all
     * @param stillMissing       detected, neither arrived nor given up yet
     */
    public record Missed(int detected, int recoveredFromStore, int resentBySender, int lost, int stillMissing) {
        public static final Missed NONE = new Missed(0, 0, 0, 0, 0);
    }

    /**
     * Catch-ups from Store after being offline.
     *
     * @param count           how many started in the period
     * @param storeAnswered   of those, how many Store answered in full
     * @param messagesFetched messages for me they brought, in all
     * @param total           time they took, in all
     * @param longest         the longest one
     * @param recent          the latest ones, oldest first (at most {@link #RECENT_KEPT})
     */
    public record CatchUps(int count, int storeAnswered, int messagesFetched, Duration total, Duration longest,
                           List<CatchUpRun> recent) {

        public static final int RECENT_KEPT = 100;
        public static final CatchUps NONE = new CatchUps(0, 0, 0, Duration.ZERO, Duration.ZERO, List.of());

        public CatchUps {
            recent = List.copyOf(recent);
        }
    }

    /**
     * One catch-up.
     *
     * @param startedAt       when it started (on coming online)
     * @param took            until Store's last answer (or failure)
     * @param offlineFor      how long before it the account had last been online, as far as it knows
     * @param messagesFetched messages for me it brought
     * @param storeAnswered   whether Store answered every query
     */
    public record CatchUpRun(Instant startedAt, Duration took, Duration offlineFor, int messagesFetched,
                             boolean storeAnswered) {
    }

    /**
     * Connectivity of the account's node in the period.
     *
     * @param connected        time with at least one peer
     * @param offline          time the engine ran without a peer (starting, no peers, or node unavailable)
     * @param notRunning       time the engine did not run (app closed; after a crash, from its last record)
     * @param nodeStarts       times the engine started its node
     * @param uncleanShutdowns starts that found the previous run ended without closing (a crash or kill)
     * @param states           every change of state, oldest first
     * @param peers            peer count samples, oldest first: on every change, at most one a minute
     *                         while it keeps changing, and every 10 minutes while it does not
     */
    public record Connectivity(Duration connected, Duration offline, Duration notRunning, int nodeStarts,
                               int uncleanShutdowns, List<StateChange> states, List<PeerSample> peers) {
        public Connectivity {
            states = List.copyOf(states);
            peers = List.copyOf(peers);
        }
    }

    /** The engine's state from {@code at} on. */
    public record StateChange(Instant at, EngineStatus.State state) {
    }

    /** How many peers the node had at {@code at}. */
    public record PeerSample(Instant at, int peers) {
    }

    /**
     * Times a message had to wait for the outbound rate limit (RLN) before it could go out.
     *
     * @param count how many waits began in the period
     * @param total how long they were, in all
     */
    public record RateLimitWaits(int count, Duration total) {
        public static final RateLimitWaits NONE = new RateLimitWaits(0, Duration.ZERO);
    }

    /**
     * One conversation's figures in the period (same meanings as above).
     *
     * @param medianLatency empty when none of its messages was delivered
     */
    public record ContactRow(ConversationId conversation, int sent, int delivered, int pending, int failed,
                             int received, Optional<Duration> medianLatency, int missedDetected, int missedLost) {
    }
}
