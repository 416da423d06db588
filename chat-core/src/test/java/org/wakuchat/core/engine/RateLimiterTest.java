package org.wakuchat.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final Instant EPOCH_START = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void neverMoreThanTheLimitPerEpochAndSyncTrafficLeavesTheLastSlotToChat() {
        var limiter = new RateLimiter(Optional.of(new RateLimit(3, Duration.ofSeconds(10))));
        assertThat(limiter.tryAcquire(RateLimiter.Priority.SYNC, EPOCH_START)).isTrue();
        assertThat(limiter.tryAcquire(RateLimiter.Priority.SYNC, EPOCH_START.plusSeconds(1))).isTrue();
        assertThat(limiter.tryAcquire(RateLimiter.Priority.SYNC, EPOCH_START.plusSeconds(2))).as("last slot is for chat").isFalse();
        assertThat(limiter.tryAcquire(RateLimiter.Priority.CHAT, EPOCH_START.plusSeconds(2))).isTrue();
        assertThat(limiter.tryAcquire(RateLimiter.Priority.CHAT, EPOCH_START.plusSeconds(3))).isFalse();
        assertThat(limiter.limitedUntil(EPOCH_START.plusSeconds(3))).contains(EPOCH_START.plusSeconds(10));
        assertThat(limiter.nextSlot(EPOCH_START.plusSeconds(3))).isEqualTo(EPOCH_START.plusSeconds(10));

        assertThat(limiter.tryAcquire(RateLimiter.Priority.CHAT, EPOCH_START.plusSeconds(10))).isTrue();
        assertThat(limiter.limitedUntil(EPOCH_START.plusSeconds(10))).isEmpty();
    }

    @Test
    void withOneMessagePerEpochAcknowledgementsAreNotStarved() {
        var limiter = new RateLimiter(Optional.of(new RateLimit(1, Duration.ofSeconds(10))));
        assertThat(limiter.tryAcquire(RateLimiter.Priority.SYNC, EPOCH_START)).isTrue();
        assertThat(limiter.tryAcquire(RateLimiter.Priority.CHAT, EPOCH_START)).isFalse();
    }

    @Test
    void withoutALimitEverythingGoes() {
        var limiter = new RateLimiter(Optional.empty());
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.tryAcquire(RateLimiter.Priority.CHAT, EPOCH_START)).isTrue();
        }
        assertThat(limiter.limitedUntil(EPOCH_START)).isEmpty();
    }
}
