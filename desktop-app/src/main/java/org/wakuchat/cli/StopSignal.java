package org.wakuchat.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets the process's interrupt (Ctrl-C, SIGTERM) end a long-running command cleanly: the command
 * listens to {@link #requested()}, and the shutdown hook waits until it has closed the account.
 */
public final class StopSignal {

    private final CompletableFuture<Void> requested = new CompletableFuture<>();
    private final CountDownLatch finished = new CountDownLatch(1);

    /** Asks the running command to stop and waits (bounded) until it has. */
    public void stopAndWait(long timeout, TimeUnit unit) throws InterruptedException {
        requested.complete(null);
        finished.await(timeout, unit);
    }

    CompletableFuture<Void> requested() {
        return requested;
    }

    void finished() {
        finished.countDown();
    }
}
