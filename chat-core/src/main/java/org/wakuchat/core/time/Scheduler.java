package org.wakuchat.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Time and deferred work for the engine: the seam that lets the network simulator run whole
 * conversations in virtual time, deterministically, while the app runs on the wall clock.
 */
public interface Scheduler {

    Clock clock();

    default Instant now() {
        return clock().instant();
    }

    /** Runs {@code task} once after {@code delay}; tasks never run concurrently with each other. */
    Cancellable schedule(Duration delay, Runnable task);

    default void execute(Runnable task) {
        schedule(Duration.ZERO, task);
    }

    interface Cancellable {
        void cancel();
    }
}
