package org.wakuchat.core.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How a link between two simulated nodes behaves. Each copy of a message gets a latency drawn
 * uniformly from [{@code minLatency}, {@code maxLatency}], so a wide range reorders messages; it is
 * lost with probability {@code lossRate} and delivered twice with probability {@code duplicationRate}.
 */
public record LinkConditions(Duration minLatency, Duration maxLatency, double lossRate, double duplicationRate) {

    public LinkConditions {
        Objects.requireNonNull(minLatency, "minLatency");
        Objects.requireNonNull(maxLatency, "maxLatency");
        if (minLatency.isNegative() || maxLatency.compareTo(minLatency) < 0) {
            throw new IllegalArgumentException("latency range must satisfy 0 <= min <= max: " + minLatency + ".." + maxLatency);
        }
        requireRate(lossRate, "loss rate");
        requireRate(duplicationRate, "duplication rate");
    }

    /** Instant, lossless, no duplicates. */
    public static LinkConditions perfect() {
        return new LinkConditions(Duration.ZERO, Duration.ZERO, 0, 0);
    }

    /** A healthy internet link: 10–50 ms, nothing lost or duplicated. */
    public static LinkConditions healthy() {
        return new LinkConditions(Duration.ofMillis(10), Duration.ofMillis(50), 0, 0);
    }

    public LinkConditions withLatency(Duration min, Duration max) {
        return new LinkConditions(min, max, lossRate, duplicationRate);
    }

    public LinkConditions withLossRate(double rate) {
        return new LinkConditions(minLatency, maxLatency, rate, duplicationRate);
    }

    public LinkConditions withDuplicationRate(double rate) {
        return new LinkConditions(minLatency, maxLatency, lossRate, rate);
    }

    private static void requireRate(double rate, String what) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(what + " must be within 0..1: " + rate);
        }
    }
}
