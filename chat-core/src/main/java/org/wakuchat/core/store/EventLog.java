package org.wakuchat.core.store;

import java.time.Instant;
import java.util.List;

/**
 * The engine's small log of what happened besides messages (connectivity, catch-ups, recoveries,
 * rate-limit waits), for the reliability report. Each event is an opaque value sealed at rest
 * like every other cell; only its time is plaintext. Bounded: the log keeps the last
 * {@link #MAX_EVENTS} events and nothing older than {@link #MAX_AGE_DAYS} days.
 */
public interface EventLog {

    int MAX_EVENTS = 20_000;
    int MAX_AGE_DAYS = 90;

    /** Saves one event (and drops the oldest beyond the bounds). */
    void append(Instant at, byte[] event);

    /** The events at or after {@code from} (all of them for {@link Instant#MIN}), oldest first. */
    List<LoggedEvent> since(Instant from);

    /** The latest event, if any. */
    java.util.Optional<LoggedEvent> last();

    /** One saved event, as {@link #append} got it. */
    record LoggedEvent(long seq, Instant at, byte[] event) {
        public LoggedEvent {
            event = event.clone();
        }

        @Override
        public byte[] event() {
            return event.clone();
        }
    }
}
