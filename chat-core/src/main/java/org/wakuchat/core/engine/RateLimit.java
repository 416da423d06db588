package org.wakuchat.core.engine;

import java.time.Duration;

/**
 * The outbound message limit, as RLN enforces it on the network: at most {@code messagesPerEpoch}
 * messages in each epoch (epochs are aligned to Unix time, as in RLN).
 */
public record RateLimit(int messagesPerEpoch, Duration epoch) {

    public RateLimit {
        if (messagesPerEpoch < 1 || epoch.isNegative() || epoch.isZero()) {
            throw new IllegalArgumentException("a rate limit allows at least one message per positive epoch");
        }
    }
}
