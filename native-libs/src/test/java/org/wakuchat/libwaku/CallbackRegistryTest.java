package org.wakuchat.libwaku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallbackRegistryTest {

    private static final Duration LONG = Duration.ofSeconds(10);

    private final ExecutorService handOff = Executors.newSingleThreadExecutor(r -> new Thread(r, "hand-off"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService foreign = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "nwaku"));
    private final CallbackRegistry registry = new CallbackRegistry(handOff, timer);

    @AfterEach
    void shutDown() {
        handOff.shutdownNow();
        timer.shutdownNow();
        foreign.shutdownNow();
    }

    @Test
    void answerFromForeignThreadCompletesOnTheHandOffThread() throws Exception {
        AtomicReference<String> completedOn = new AtomicReference<>();
        CountDownLatch handOffHeld = holdHandOff();

        CompletableFuture<String> result = registry.call("waku_start", LONG, (cb, ud) -> {
            foreign.execute(() -> answer(cb, LibWaku.RET_OK, "started", ud));
            return LibWaku.RET_OK;
        }).whenComplete((value, failure) -> completedOn.set(Thread.currentThread().getName()));
        handOffHeld.countDown();

        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("started");
        assertThat(completedOn.get()).isEqualTo("hand-off");
        assertThat(registry.pendingCount()).isZero();
    }

    @Test
    void answerOnTheCallersThreadIsStillHandedOff() throws Exception {
        AtomicReference<String> completedOn = new AtomicReference<>();
        CountDownLatch handOffHeld = holdHandOff();

        CompletableFuture<String> result = registry.call("waku_version", LONG, (cb, ud) -> {
            answer(cb, LibWaku.RET_OK, "v0.36.0", ud);
            return LibWaku.RET_OK;
        }).whenComplete((value, failure) -> completedOn.set(Thread.currentThread().getName()));
        handOffHeld.countDown();

        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("v0.36.0");
        assertThat(completedOn.get()).isEqualTo("hand-off");
    }

    @Test
    void errorCodeFailsWithNwakusMessage() {
        CompletableFuture<String> result = registry.call("waku_relay_publish", LONG, (cb, ud) -> {
            foreign.execute(() -> answer(cb, LibWaku.RET_ERR, "NoPeersToPublish", ud));
            return LibWaku.RET_OK;
        });

        assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(LibWakuCallException.class)
                .hasMessageContaining("waku_relay_publish").hasMessageContaining("NoPeersToPublish");
        awaitNoPending();
    }

    @Test
    void duplicateAnswersKeepTheFirstAndLeaveNothingPending() throws Exception {
        CountDownLatch bothSent = new CountDownLatch(1);

        CompletableFuture<String> result = registry.call("waku_connect", LONG, (cb, ud) -> {
            foreign.execute(() -> {
                answer(cb, LibWaku.RET_OK, "first", ud);
                answer(cb, LibWaku.RET_ERR, "second", ud);
                bothSent.countDown();
            });
            return LibWaku.RET_OK;
        });

        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(bothSent.await(5, TimeUnit.SECONDS)).isTrue();
        awaitNoPending();
        assertThat(result.isCompletedExceptionally()).isFalse();
    }

    @Test
    void neverAnsweredCallTimesOutAndIsForgotten() {
        CompletableFuture<String> result = registry.call("waku_store_query", Duration.ofMillis(50), (cb, ud) -> LibWaku.RET_OK);

        assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(TimeoutException.class).hasMessageContaining("waku_store_query");
        awaitNoPending();
    }

    @Test
    void lateAnswerAfterTimeoutIsIgnored() throws Exception {
        AtomicReference<Runnable> lateAnswer = new AtomicReference<>();
        CompletableFuture<String> result = registry.call("waku_relay_publish", Duration.ofMillis(30), (cb, ud) -> {
            lateAnswer.set(() -> answer(cb, LibWaku.RET_OK, "0xabc", ud));
            return LibWaku.RET_OK;
        });
        assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(TimeoutException.class);

        foreign.submit(lateAnswer.get()).get(5, TimeUnit.SECONDS);
        flushHandOff();

        assertThat(result.isCompletedExceptionally()).isTrue();
        assertThat(registry.pendingCount()).isZero();
    }

    @Test
    void refusedCallFailsEvenWithoutCallback() {
        CompletableFuture<String> result = registry.call("waku_start", LONG, (cb, ud) -> LibWaku.RET_MISSING_CALLBACK);

        assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(LibWakuCallException.class)
                .satisfies(e -> assertThat(((LibWakuCallException) e).code()).isEqualTo(LibWaku.RET_MISSING_CALLBACK));
        awaitNoPending();
    }

    @Test
    void missingSymbolFailsTheCallInsteadOfThrowing() {
        CompletableFuture<String> result = registry.call("waku_is_online", LONG, (cb, ud) -> {
            throw new UnsatisfiedLinkError("Error looking up function 'waku_is_online'");
        });

        assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(UnsatisfiedLinkError.class);
        awaitNoPending();
    }

    @Test
    void oddMessagesAreCopiedSafely() {
        byte[] utf8 = "peer ✓ joined".getBytes(StandardCharsets.UTF_8);
        Memory memory = new Memory(utf8.length + 1L);
        memory.write(0, utf8, 0, utf8.length);
        memory.setByte(utf8.length, (byte) 0);

        assertThat(CallbackRegistry.copy(null, new SizeT(12))).isEmpty();
        assertThat(CallbackRegistry.copy(memory, new SizeT(0))).isEmpty();
        assertThat(CallbackRegistry.copy(memory, null)).isEmpty();
        assertThat(CallbackRegistry.copy(memory, new SizeT(4))).isEqualTo("peer");
        assertThat(CallbackRegistry.copy(memory, new SizeT(utf8.length))).isEqualTo("peer ✓ joined");
        // A length that cuts a character in half must not throw.
        assertThat(CallbackRegistry.copy(memory, new SizeT(6))).startsWith("peer ").hasSize(6);
    }

    @Test
    void messageMemoryMayBeFreedRightAfterTheCallback() throws Exception {
        CompletableFuture<String> result = registry.call("waku_listen_addresses", LONG, (cb, ud) -> {
            foreign.execute(() -> {
                byte[] bytes = "/ip4/127.0.0.1/tcp/60000".getBytes(StandardCharsets.UTF_8);
                Memory memory = new Memory(bytes.length);
                memory.write(0, bytes, 0, bytes.length);
                cb.invoke(LibWaku.RET_OK, memory, new SizeT(bytes.length), ud);
                memory.clear(); // nwaku reuses its buffer as soon as the callback returns
                memory.close();
            });
            return LibWaku.RET_OK;
        });

        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("/ip4/127.0.0.1/tcp/60000");
    }

    @Test
    void callFromInsideANativeCallbackFailsFastInsteadOfDeadlocking() throws Exception {
        // A direct hand-off would run continuations on nwaku's own thread: the guard must catch that.
        CallbackRegistry direct = new CallbackRegistry(Runnable::run, timer);
        CompletableFuture<CompletableFuture<String>> nested = new CompletableFuture<>();
        CountDownLatch continuationAttached = new CountDownLatch(1);

        CompletableFuture<String> outer = direct.call("waku_start", LONG, (cb, ud) -> {
            foreign.execute(() -> {
                awaitQuietly(continuationAttached);
                answer(cb, LibWaku.RET_OK, "", ud);
            });
            return LibWaku.RET_OK;
        });
        // Nobody waits on outer itself, so only the answering (nwaku) thread runs this continuation.
        outer.thenRun(() -> nested.complete(direct.call("waku_relay_subscribe", LONG, (cb, ud) -> LibWaku.RET_OK)));
        continuationAttached.countDown();

        assertThatThrownBy(() -> nested.get(5, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("deadlock");
    }

    @Test
    void eventsArriveInOrderOnTheHandOffThread() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        LibWaku.WakuCallback events = registry.eventCallback(event -> {
            received.add(event);
            threads.add(Thread.currentThread().getName());
        });

        foreign.submit(() -> {
            for (int i = 0; i < 50; i++) {
                answer(events, LibWaku.RET_OK, "{\"n\":" + i + "}", new Pointer(1));
            }
            answer(events, LibWaku.RET_ERR, "exception in handler", new Pointer(1));
        }).get(5, TimeUnit.SECONDS);
        flushHandOff();

        assertThat(received).hasSize(50).first().isEqualTo("{\"n\":0}");
        assertThat(received).last().isEqualTo("{\"n\":49}");
        assertThat(threads).containsOnly("hand-off");
    }

    private static void answer(LibWaku.WakuCallback callback, int code, String text, Pointer userData) {
        if (text.isEmpty()) {
            callback.invoke(code, null, new SizeT(0), userData);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Memory memory = new Memory(bytes.length);
        memory.write(0, bytes, 0, bytes.length);
        callback.invoke(code, memory, new SizeT(bytes.length), userData);
    }

    /** Keeps the hand-off thread busy until the returned latch opens, so continuations attach first. */
    private CountDownLatch holdHandOff() {
        CountDownLatch release = new CountDownLatch(1);
        handOff.execute(() -> awaitQuietly(release));
        return release;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void flushHandOff() throws Exception {
        handOff.submit(() -> { }).get(5, TimeUnit.SECONDS);
    }

    private void awaitNoPending() {
        try {
            flushHandOff();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(registry.pendingCount()).isZero();
    }
}
