package org.wakuchat.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets the process's interrupt (Ctrl-C, SIGTERM) end a long-running command cleanly: the command
 * listens to {@link #requested()}, closes the account and returns its own exit code. A command
 * that runs a node says so with {@link #watch()}; before that (a passphrase prompt, {@code init})
 * an interrupt simply ends the process.
 */
public final class StopSignal {

    private final CompletableFuture<Void> requested = new CompletableFuture<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean watched;

    /** Asks the running command to stop and waits (bounded) until it has. */
    public void stopAndWait(long timeout, TimeUnit unit) throws InterruptedException {
        requested.complete(null);
        finished.await(timeout, unit);
    }

    /**
     * Asks a watching command to stop; false when no command watches or this is not the first
     * request, and the caller should end the process itself.
     */
    boolean request() {
        return watched && requested.complete(null);
    }

    /** The running command stops by itself once {@link #requested()} completes. */
    void watch() {
        watched = true;
    }

    boolean watching() {
        return watched;
    }

    CompletableFuture<Void> requested() {
        return requested;
    }

    void finished() {
        finished.countDown();
    }
}
