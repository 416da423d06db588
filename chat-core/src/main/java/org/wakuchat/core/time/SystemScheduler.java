package org.wakuchat.core.time;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wall clock, with one daemon thread that runs every task in turn. A task that throws is
 * logged and does not stop the others. Scheduling after {@link #close()} fails.
 */
public final class SystemScheduler implements Scheduler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SystemScheduler.class);

    private final Clock clock;
    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread worker;

    public SystemScheduler() {
        this(Clock.systemUTC(), "wakuchat-scheduler");
    }

    public SystemScheduler(Clock clock, String threadName) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = new ScheduledThreadPoolExecutor(1, task -> {
            var thread = new Thread(task, threadName);
            thread.setDaemon(true);
            worker = thread;
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** A negative delay counts as zero. */
    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        long nanos = Math.max(0, delay.toNanos());
        try {
            var future = executor.schedule(() -> runLogged(task), nanos, TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException closed) {
            throw new IllegalStateException("the scheduler is closed", closed);
        }
    }

    /** Drops the waiting tasks and waits briefly for a running one to finish (unless called by that task). */
    @Override
    public void close() {
        executor.shutdownNow();
        if (Thread.currentThread() == worker) {
            return;
        }
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.error("scheduled task failed", e);
        }
    }
}
