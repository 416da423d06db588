package org.wakuchat.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final VirtualScheduler scheduler = new VirtualScheduler(START);
    private final List<String> log = new ArrayList<>();

    @Test
    void startsAtTheGivenInstantAndStandsStill() {
        assertThat(scheduler.now()).isEqualTo(START);
        assertThat(scheduler.clock().instant()).isEqualTo(START);
        assertThat(scheduler.clock().millis()).isEqualTo(START.toEpochMilli());
    }

    @Test
    void runsTasksByTimeThenByInsertion() {
        scheduler.schedule(Duration.ofSeconds(2), () -> log.add("late"));
        scheduler.schedule(Duration.ofSeconds(1), () -> log.add("first"));
        scheduler.schedule(Duration.ofSeconds(1), () -> log.add("second"));
        scheduler.execute(() -> log.add("now"));

        scheduler.runFor(Duration.ofSeconds(5));

        assertThat(log).containsExactly("now", "first", "second", "late");
        assertThat(scheduler.now()).isEqualTo(START.plusSeconds(5));
    }

    @Test
    void tasksSeeTheClockAtTheirOwnTime() {
        List<Instant> seen = new ArrayList<>();
        scheduler.schedule(Duration.ofMillis(1500), () -> seen.add(scheduler.now()));

        scheduler.runFor(Duration.ofSeconds(3));

        assertThat(seen).containsExactly(START.plusMillis(1500));
    }

    @Test
    void runForLeavesLaterTasksWaiting() {
        scheduler.schedule(Duration.ofSeconds(10), () -> log.add("later"));

        scheduler.runFor(Duration.ofSeconds(9));

        assertThat(log).isEmpty();
        assertThat(scheduler.pendingTasks()).isEqualTo(1);
        scheduler.runFor(Duration.ofSeconds(1));
        assertThat(log).containsExactly("later");
    }

    @Test
    void honoursTasksScheduledByTasks() {
        scheduler.schedule(Duration.ofSeconds(1), () -> {
            log.add("outer");
            scheduler.schedule(Duration.ofSeconds(1), () -> log.add("inner at " + scheduler.now()));
            scheduler.execute(() -> log.add("inner now"));
        });

        scheduler.runFor(Duration.ofSeconds(2));

        assertThat(log).containsExactly("outer", "inner now", "inner at " + START.plusSeconds(2));
    }

    @Test
    void cancelledTasksNeverRun() {
        var cancellable = scheduler.schedule(Duration.ofSeconds(1), () -> log.add("cancelled"));
        scheduler.schedule(Duration.ofSeconds(1), () -> log.add("kept"));

        cancellable.cancel();
        scheduler.runFor(Duration.ofSeconds(2));

        assertThat(log).containsExactly("kept");
    }

    @Test
    void runUntilStopsAtTheTaskThatMadeTheConditionTrue() {
        var counter = new AtomicInteger();
        for (int i = 1; i <= 5; i++) {
            scheduler.schedule(Duration.ofSeconds(i), counter::incrementAndGet);
        }

        boolean reached = scheduler.runUntil(() -> counter.get() == 3, Duration.ofMinutes(1));

        assertThat(reached).isTrue();
        assertThat(scheduler.now()).isEqualTo(START.plusSeconds(3));
        assertThat(counter).hasValue(3);
    }

    @Test
    void runUntilGivesUpAfterTheMaximum() {
        var counter = new AtomicInteger();
        scheduler.schedule(Duration.ofSeconds(30), counter::incrementAndGet);

        boolean reached = scheduler.runUntil(() -> counter.get() == 1, Duration.ofSeconds(10));

        assertThat(reached).isFalse();
        assertThat(scheduler.now()).isEqualTo(START.plusSeconds(10));
        assertThat(counter).hasValue(0);
    }

    @Test
    void runUntilReturnsAtOnceWhenTheConditionAlreadyHolds() {
        assertThat(scheduler.runUntil(() -> true, Duration.ofHours(1))).isTrue();
        assertThat(scheduler.now()).isEqualTo(START);
    }

    @Test
    void runUntilIdleRunsEverythingWhateverItsTime() {
        scheduler.schedule(Duration.ofDays(3), () -> log.add("far"));
        scheduler.schedule(Duration.ofHours(1), () -> scheduler.schedule(Duration.ofDays(10), () -> log.add("farther")));

        scheduler.runUntilIdle();

        assertThat(log).containsExactly("far", "farther");
        assertThat(scheduler.now()).isEqualTo(START.plus(Duration.ofHours(1)).plus(Duration.ofDays(10)));
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void aFailingTaskReachesTheCallerAndLeavesTheRestQueued() {
        scheduler.schedule(Duration.ofSeconds(1), () -> {
            throw new IllegalStateException("boom");
        });
        scheduler.schedule(Duration.ofSeconds(2), () -> log.add("after"));

        assertThatThrownBy(() -> scheduler.runFor(Duration.ofSeconds(5))).hasMessage("boom");
        scheduler.runFor(Duration.ofSeconds(5));
        assertThat(log).containsExactly("after");
    }

    @Test
    void negativeDelaysRunNowAndNegativeRunsAreRejected() {
        scheduler.schedule(Duration.ofSeconds(-5), () -> log.add("now"));

        scheduler.runFor(Duration.ZERO);

        assertThat(log).containsExactly("now");
        assertThat(scheduler.now()).isEqualTo(START);
        assertThatThrownBy(() -> scheduler.runFor(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
