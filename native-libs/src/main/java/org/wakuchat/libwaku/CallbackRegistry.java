package org.wakuchat.libwaku;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns libwaku's callbacks into futures. Each call gets a fresh id passed as {@code userData};
 * one long-lived {@link LibWaku.WakuCallback} (the dispatcher) copies the answer inside the
 * callback and hands it to {@code handOff}, where the first answer for an id completes its
 * future and any later one is logged and dropped. The pending entry is removed on completion or
 * timeout, so nothing leaks however nwaku behaves.
 *
 * <p>Why one dispatcher instead of a Callback per call: a late answer after our timeout would
 * otherwise jump into a callback stub JNA has already freed and crash the process.
 */
public final class CallbackRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackRegistry.class);
    /** Copies of nwaku messages are capped here; nothing legitimate comes close. */
    private static final long MAX_MESSAGE_BYTES = 256L * 1024 * 1024;

    private final Executor handOff;
    private final ScheduledExecutorService timer;
    private final Map<Long, PendingCall> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final ThreadLocal<Boolean> insideNativeCallback = ThreadLocal.withInitial(() -> false);
    private final LibWaku.WakuCallback dispatcher = this::onCallback;

    /**
     * @param handOff where answers and events are delivered; never nwaku's thread, and a single
     *                thread keeps events in order
     * @param timer   runs the timeouts
     */
    public CallbackRegistry(Executor handOff, ScheduledExecutorService timer) {
        this.handOff = handOff;
        this.timer = timer;
    }

    /** A call into libwaku that passes the given callback and user data through to nwaku. */
    @FunctionalInterface
    public interface NativeInvocation {
        int invoke(LibWaku.WakuCallback callback, Pointer userData);
    }

    /**
     * Invokes {@code invocation} and completes with nwaku's answer on the hand-off executor, or
     * exceptionally with {@link LibWakuCallException} or {@link TimeoutException}.
     */
    public CompletableFuture<String> call(String function, Duration timeout, NativeInvocation invocation) {
        CompletableFuture<String> future = new CompletableFuture<>();
        if (insideNativeCallback.get()) {
            future.completeExceptionally(new IllegalStateException(
                    function + " called from inside a libwaku callback, which deadlocks nwaku; hand off first"));
            return future;
        }
        long id = nextId.incrementAndGet();
        PendingCall call = new PendingCall(function, future);
        pending.put(id, call);
        try {
            call.timeoutTask = timer.schedule(() -> deliver(id, CallOutcome.timedOut(timeout)),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
            int code = invocation.invoke(dispatcher, new Pointer(id));
            if (code != LibWaku.RET_OK) {
                deliver(id, CallOutcome.failed(code, "libwaku refused the call"));
            }
        } catch (RuntimeException | LinkageError e) {
            // A missing symbol, a JNA conversion problem or a closed registry: report it, never crash.
            deliver(id, CallOutcome.thrown(e));
        }
        return future;
    }

    /**
     * A callback for nwaku's event stream: copies each event and hands it to {@code sink}. The
     * caller must keep the returned object reachable while nwaku may call it.
     */
    public LibWaku.WakuCallback eventCallback(Consumer<String> sink) {
        return (callerRet, msg, len, userData) -> {
            insideNativeCallback.set(true);
            try {
                String text = copy(msg, len);
                if (callerRet != LibWaku.RET_OK) {
                    LOG.warn("nwaku reported an event error (code {}): {}", callerRet, text);
                    return;
                }
                handOff.execute(() -> sink.accept(text));
            } catch (RejectedExecutionException e) {
                LOG.debug("event after shutdown dropped");
            } catch (Throwable t) {
                LOG.error("event callback failed", t);
            } finally {
                insideNativeCallback.set(false);
            }
        };
    }

    /** Calls still waiting for an answer; zero when every call has completed or timed out. */
    public int pendingCount() {
        return pending.size();
    }

    public Executor handOff() {
        return handOff;
    }

    private void onCallback(int callerRet, Pointer msg, SizeT len, Pointer userData) {
        insideNativeCallback.set(true);
        try {
            String text = copy(msg, len);
            long id = userData == null ? 0 : Pointer.nativeValue(userData);
            deliver(id, callerRet == LibWaku.RET_OK ? CallOutcome.answered(text) : CallOutcome.failed(callerRet, text));
        } catch (Throwable t) {
            // Nothing may propagate into nwaku's thread.
            LOG.error("libwaku callback failed", t);
        } finally {
            insideNativeCallback.set(false);
        }
    }

    private void deliver(long id, CallOutcome outcome) {
        try {
            handOff.execute(() -> finish(id, outcome));
        } catch (RejectedExecutionException e) {
            finish(id, outcome);
        }
    }

    private void finish(long id, CallOutcome outcome) {
        PendingCall call = pending.remove(id);
        if (call == null) {
            LOG.warn("libwaku answer for call #{} ignored: it already completed or timed out ({})", id, outcome);
            return;
        }
        if (call.timeoutTask != null) {
            call.timeoutTask.cancel(false);
        }
        outcome.complete(call.function, call.future);
    }

    static String copy(Pointer msg, SizeT len) {
        long length = len == null ? 0 : len.longValue();
        if (msg == null || length <= 0) {
            return "";
        }
        int bytes = (int) Math.min(length, MAX_MESSAGE_BYTES);
        return new String(msg.getByteArray(0, bytes), StandardCharsets.UTF_8);
    }

    private static final class PendingCall {
        final String function;
        final CompletableFuture<String> future;
        volatile ScheduledFuture<?> timeoutTask;

        PendingCall(String function, CompletableFuture<String> future) {
            this.function = function;
            this.future = future;
        }
    }

    /** What happened to a call; applied to its future by the first delivery. */
    private record CallOutcome(Kind kind, int code, String text, Throwable error) {

        enum Kind { ANSWERED, FAILED, TIMED_OUT, THROWN }

        static CallOutcome answered(String text) {
            return new CallOutcome(Kind.ANSWERED, LibWaku.RET_OK, text, null);
        }

        static CallOutcome failed(int code, String text) {
            return new CallOutcome(Kind.FAILED, code, text, null);
        }

        static CallOutcome timedOut(Duration timeout) {
            return new CallOutcome(Kind.TIMED_OUT, -1, "no answer within " + timeout.toMillis() + " ms", null);
        }

        static CallOutcome thrown(Throwable error) {
            return new CallOutcome(Kind.THROWN, -1, String.valueOf(error), error);
        }

        void complete(String function, CompletableFuture<String> future) {
            switch (kind) {
                case ANSWERED -> future.complete(text);
                case FAILED -> future.completeExceptionally(new LibWakuCallException(function, code, text));
                case TIMED_OUT -> future.completeExceptionally(new TimeoutException(function + ": nwaku gave " + text));
                case THROWN -> future.completeExceptionally(error);
            }
        }

        @Override
        public String toString() {
            return kind + (text.isEmpty() ? "" : ": " + abbreviate(text));
        }

        private static String abbreviate(String text) {
            return text.length() <= 200 ? text : text.substring(0, 200) + "…";
        }
    }
}
