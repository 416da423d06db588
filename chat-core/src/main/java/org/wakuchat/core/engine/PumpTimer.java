package org.wakuchat.core.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.wakuchat.core.time.Scheduler;

/**
 * The one pending wake-up of an outbox: asking for an earlier time replaces it, a later one is
 * ignored (the earlier pump reschedules what is left). Runs the pump under the engine lock, and
 * not after the engine closed. Also makes the outboxes' random message ids.
 */
final class PumpTimer {

    private static final int MESSAGE_ID_BYTES = 8;

    private final EngineParts parts;
    private final Scheduler scheduler;
    private final Runnable pump;
    private Scheduler.Cancellable next;
    private Instant nextAt;

    PumpTimer(EngineParts parts, Runnable pump) {
        this.parts = parts;
        this.scheduler = parts.config().scheduler();
        this.pump = pump;
    }

    /** Pumps at {@code at} unless a pump is already due by then; {@code null} asks for nothing. */
    void pumpAt(Instant at) {
        if (at == null || (next != null && !at.isBefore(nextAt))) {
            return;
        }
        if (next != null) {
            next.cancel();
        }
        nextAt = at;
        Duration delay = Duration.between(scheduler.now(), at);
        next = scheduler.schedule(delay.isNegative() ? Duration.ZERO : delay, () -> {
            synchronized (parts.lock()) {
                next = null;
                nextAt = null;
                if (!parts.closed().getAsBoolean()) {
                    pump.run();
                }
            }
        });
    }

    /** A new random SDS message id (8 bytes, hex). */
    static String newMessageId(EngineParts parts) {
        byte[] id = new byte[MESSAGE_ID_BYTES];
        parts.config().random().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
