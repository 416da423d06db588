package org.wakuchat.core.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * Never lets more than the configured messages per epoch out. Chat messages come first: sync
 * traffic (acknowledgements) may not take an epoch's last slot.
 */
final class RateLimiter {

    enum Priority {
        CHAT,
        SYNC
    }

    private Optional<RateLimit> limit;
    private long epoch = Long.MIN_VALUE;
    private int used;

    RateLimiter(Optional<RateLimit> limit) {
        this.limit = limit;
    }

    /**
     * Follows an RLN membership's own limit (read from its keystore when the node started): same
     * epochs, its number of messages. Ignored where no limit is configured (no RLN).
     */
    void followMembership(int messagesPerEpoch) {
        limit = limit.map(configured -> new RateLimit(messagesPerEpoch, configured.epoch()));
    }

    boolean tryAcquire(Priority priority, Instant now) {
        if (limit.isEmpty()) {
            return true;
        }
        roll(now);
        int allowed = limit.get().messagesPerEpoch();
        int reservedForChat = priority == Priority.SYNC && allowed > 1 ? 1 : 0;
        if (used < allowed - reservedForChat) {
            used++;
            return true;
        }
        return false;
    }

    /** The start of the next epoch, when slots free up again. */
    Instant nextSlot(Instant now) {
        long epochMillis = limit.map(l -> l.epoch().toMillis()).orElse(1L);
        return Instant.ofEpochMilli((Math.floorDiv(now.toEpochMilli(), epochMillis) + 1) * epochMillis);
    }

    /** Until when chat messages must wait, if this epoch is used up. */
    Optional<Instant> limitedUntil(Instant now) {
        if (limit.isEmpty()) {
            return Optional.empty();
        }
        roll(now);
        return used >= limit.get().messagesPerEpoch() ? Optional.of(nextSlot(now)) : Optional.empty();
    }

    private void roll(Instant now) {
        long current = Math.floorDiv(now.toEpochMilli(), limit.orElseThrow().epoch().toMillis());
        if (current != epoch) {
            epoch = current;
            used = 0;
        }
    }
}
