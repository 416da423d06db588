package org.wakuchat.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * Virtual time for deterministic tests: nothing happens until the test runs the scheduler, which
 * then executes due tasks on the calling thread in order of time, then of scheduling, moving the
 * clock to each task's time. Tasks scheduled by tasks are honoured in the same run when due.
 *
 * <p>A task that throws stops the run and the exception reaches the caller of {@code run…}: in a
 * test a failing task is a bug to see, not to log. Thread-safe, but meant to be driven by one thread.
 */
public final class VirtualScheduler implements Scheduler {

    /** Guards {@link #runUntilIdle()} against a task that reschedules itself forever. */
    static final int MAX_TASKS_UNTIL_IDLE = 10_000_000;

    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            Comparator.comparing(Task::due).thenComparingLong(Task::sequence));
    private final VirtualClock clock = new VirtualClock(ZoneOffset.UTC);
    private Instant now;
    private long nextSequence;

    public VirtualScheduler(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** A negative delay counts as zero. */
    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        Duration wait = delay.isNegative() ? Duration.ZERO : delay;
        var scheduled = new Task(now.plus(wait), nextSequence++, task);
        queue.add(scheduled);
        return () -> cancel(scheduled);
    }

    /** Runs every task due within {@code duration}, then leaves the clock at the end of it. */
    public void runFor(Duration duration) {
        requireNotNegative(duration);
        Instant end = now().plus(duration);
        while (runNextDueBy(end)) {
            // keep going
        }
        advanceTo(end);
    }

    /**
     * Runs tasks until {@code condition} holds, for at most {@code max} of virtual time. The clock
     * stops at the task that made the condition true, or at the end of {@code max}.
     *
     * @return whether the condition became true
     */
    public boolean runUntil(BooleanSupplier condition, Duration max) {
        requireNotNegative(max);
        Instant end = now().plus(max);
        while (!condition.getAsBoolean()) {
            if (!runNextDueBy(end)) {
                advanceTo(end);
                return condition.getAsBoolean();
            }
        }
        return true;
    }

    /**
     * Runs tasks, whatever their time, until none is left.
     *
     * @throws IllegalStateException when tasks keep scheduling tasks forever
     */
    public void runUntilIdle() {
        for (int run = 0; run < MAX_TASKS_UNTIL_IDLE; run++) {
            if (!runNextDueBy(Instant.MAX)) {
                return;
            }
        }
        throw new IllegalStateException("still busy after " + MAX_TASKS_UNTIL_IDLE + " tasks: does a task reschedule itself forever?");
    }

    /** How many tasks wait to run. */
    public synchronized int pendingTasks() {
        return queue.size();
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    private boolean runNextDueBy(Instant end) {
        Task next;
        synchronized (this) {
            next = queue.peek();
            if (next == null || next.due().isAfter(end)) {
                return false;
            }
            queue.poll();
            if (next.due().isAfter(now)) {
                now = next.due();
            }
        }
        next.action().run();
        return true;
    }

    private synchronized void advanceTo(Instant end) {
        if (end.isAfter(now)) {
            now = end;
        }
    }

    private synchronized void cancel(Task task) {
        queue.remove(task);
    }

    private static void requireNotNegative(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("virtual time only moves forward: " + duration);
        }
    }

    private record Task(Instant due, long sequence, Runnable action) {
    }

    private final class VirtualClock extends Clock {

        private final ZoneId zone;

        VirtualClock(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId newZone) {
            return new VirtualClock(newZone);
        }

        @Override
        public Instant instant() {
            return now();
        }
    }
}
