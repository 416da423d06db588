package org.wakuchat.core.engine;

import java.time.Duration;

/**
 * How the engine retries and confirms.
 *
 * @param firstRetry   wait after publishing before the first resend of an unconfirmed message
 * @param maxRetryGap  backoff ceiling between resends
 * @param maxAttempts  publish attempts before a message is marked failed
 * @param receiptDelay how long a receiver waits to batch delivery confirmations (or piggyback them)
 * @param missingPatience how long missing messages are searched for before the user is told they
 *                     could not be recovered (they still appear if they turn up later)
 */
public record DeliveryPolicy(Duration firstRetry, Duration maxRetryGap, int maxAttempts, Duration receiptDelay,
                             Duration missingPatience) {

    /**
     * Confirmations within ~0.2 s of arrival; resends at 1.5 s, 3 s, 6 s … up to 5 min apart, ~45 min
     * in all (an acknowledgement normally returns within ~0.3 s, so the first resend only fires when
     * something was lost); missing messages reported lost after 2 minutes of Store lookups and
     * waiting for resends.
     */
    public static final DeliveryPolicy DEFAULT = new DeliveryPolicy(Duration.ofMillis(1500), Duration.ofMinutes(5), 16,
            Duration.ofMillis(150), Duration.ofMinutes(2));

    public DeliveryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
    }

    /** Wait before attempt {@code attempts + 1}, doubling from {@link #firstRetry} up to {@link #maxRetryGap}. */
    public Duration backoff(int attempts) {
        Duration gap = firstRetry.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return gap.compareTo(maxRetryGap) > 0 ? maxRetryGap : gap;
    }
}
