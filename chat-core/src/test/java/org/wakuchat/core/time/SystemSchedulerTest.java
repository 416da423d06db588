package org.wakuchat.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SystemSchedulerTest {

    @Test
    void runsTasksSeriallyOnOneDaemonThread() throws InterruptedException {
        try (var scheduler = new SystemScheduler()) {
            var running = new AtomicInteger();
            var maxConcurrent = new AtomicInteger();
            List<Thread> threads = new CopyOnWriteArrayList<>();
            var done = new CountDownLatch(50);
            for (int i = 0; i < 50; i++) {
                scheduler.schedule(Duration.ofMillis(i % 5), () -> {
                    maxConcurrent.accumulateAndGet(running.incrementAndGet(), Math::max);
                    threads.add(Thread.currentThread());
                    running.decrementAndGet();
                    done.countDown();
                });
            }

            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(maxConcurrent).hasValue(1);
            assertThat(threads.stream().distinct()).singleElement().matches(Thread::isDaemon);
        }
    }

    @Test
    void aFailingTaskDoesNotStopTheNext() throws InterruptedException {
        try (var scheduler = new SystemScheduler()) {
            var done = new CountDownLatch(1);
            scheduler.execute(() -> {
                throw new IllegalStateException("expected in this test");
            });
            scheduler.execute(done::countDown);

            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void cancelledTasksDoNotRun() throws InterruptedException {
        try (var scheduler = new SystemScheduler()) {
            var ran = new AtomicInteger();
            var cancellable = scheduler.schedule(Duration.ofMillis(200), ran::incrementAndGet);
            cancellable.cancel();
            var later = new CountDownLatch(1);
            scheduler.schedule(Duration.ofMillis(400), later::countDown);

            assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).hasValue(0);
        }
    }

    @Test
    void refusesWorkAfterClose() {
        var scheduler = new SystemScheduler();
        scheduler.close();

        assertThatThrownBy(() -> scheduler.execute(() -> { })).isInstanceOf(IllegalStateException.class);
    }
}
