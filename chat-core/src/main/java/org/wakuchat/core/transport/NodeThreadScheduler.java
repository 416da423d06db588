package org.wakuchat.core.transport;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.wakuchat.core.time.Scheduler;

/** The wall-clock {@link Scheduler} of a {@link LibWakuNode}: its single node thread. */
final class NodeThreadScheduler implements Scheduler {

    private final ScheduledExecutorService thread;

    NodeThreadScheduler(ScheduledExecutorService thread) {
        this.thread = thread;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        try {
            ScheduledFuture<?> future = thread.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            return () -> { };
        }
    }
}
