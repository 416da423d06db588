package org.wakuchat.core.engine;

import java.time.Duration;

/**
 * How the engine retries and confirms.
 *
 * @param firstRetry   wait after publishing before the first resend of an unconfirmed message;
 *                     longer than {@code ackWindow}, or every message nobody replies to would be
 *                     sent twice
 * @param maxRetryGap  backoff ceiling between resends
 * @param maxAttempts  publish attempts before a message is marked failed
 * @param receiptDelay how long a receiver waits before confirming a message the sender is already
 *                     resending (a copy of one it had: its first confirmation did not arrive), to
 *                     batch confirmations of a burst
 * @param missingPatience how long missing messages are searched for before the user is told they
 *                     could not be recovered (they still appear if they turn up later)
 * @param ackWindow    how long a receiver who is in the conversation (wrote in it within
 *                     {@link #REPLY_LIKELY_WITHIN}) holds the confirmation of a new message for a
 *                     reply of its own to carry it (one confirmation then covers every message that
 *                     arrived meanwhile); a pure acknowledgement goes out when the window ends. A
 *                     receiver who has not written lately confirms after {@code receiptDelay}: no
 *                     reply is likely, and waiting would only delay the tick
 */
public record DeliveryPolicy(Duration firstRetry, Duration maxRetryGap, int maxAttempts, Duration receiptDelay,
                             Duration missingPatience, Duration ackWindow) {

    /**
     * A receiver who wrote in a conversation this recently is taken to be in it, so its reply is
     * likely to come soon and carry the confirmation (the ack window applies).
     */
    public static final Duration REPLY_LIKELY_WITHIN = Duration.ofMinutes(2);

    /**
     * Confirmations of new messages ride on a reply within 2 s, else go alone after 2 s, when the
     * receiver is in the conversation; otherwise they go after 0.2 s; copies of
     * messages already confirmed are confirmed again within 0.2 s; resends at 3.5 s, 7 s, 14 s … up to
     * 5 min apart, ~47 min in all (a confirmation returns within the 2 s window plus ~0.3 s, so the
     * first resend only fires when something was lost); missing messages reported lost after 2
     * minutes of Store lookups and waiting for resends. In a conversation where both write, the
     * window trades the DELIVERED tick's p95 (≈ 2.2 s instead of ≈ 0.3 s) for fewer
     * acknowledgements on the relay shard (issue 16, docs/bandwidth.md); messages to someone who is
     * only reading are confirmed as fast as before.
     */
    public static final DeliveryPolicy DEFAULT = new DeliveryPolicy(Duration.ofMillis(3500), Duration.ofMinutes(5), 16,
            Duration.ofMillis(150), Duration.ofMinutes(2), Duration.ofSeconds(2));

    public DeliveryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
        if (ackWindow.compareTo(receiptDelay) < 0) {
            throw new IllegalArgumentException("the ack window (" + ackWindow + ") is shorter than the receipt delay ("
                    + receiptDelay + ")");
        }
        if (firstRetry.compareTo(ackWindow) <= 0) {
            throw new IllegalArgumentException("the first resend (" + firstRetry + ") must wait longer than the ack window ("
                    + ackWindow + "), or unanswered messages are all sent twice");
        }
    }

    /** Acknowledgements after {@code receiptDelay}, with no window for a reply (the policy before issue 16). */
    public DeliveryPolicy(Duration firstRetry, Duration maxRetryGap, int maxAttempts, Duration receiptDelay,
                          Duration missingPatience) {
        this(firstRetry, maxRetryGap, maxAttempts, receiptDelay, missingPatience, receiptDelay);
    }

    /** This policy with acknowledgements held {@code window} for a reply and the first resend after {@code retry}. */
    public DeliveryPolicy withAckWindow(Duration window, Duration retry) {
        return new DeliveryPolicy(retry, maxRetryGap, maxAttempts, receiptDelay, missingPatience, window);
    }

    /** Wait before attempt {@code attempts + 1}, doubling from {@link #firstRetry} up to {@link #maxRetryGap}. */
    public Duration backoff(int attempts) {
        Duration gap = firstRetry.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return gap.compareTo(maxRetryGap) > 0 ? maxRetryGap : gap;
    }
}
