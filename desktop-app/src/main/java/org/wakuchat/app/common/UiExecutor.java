package org.wakuchat.app.common;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs engine calls that may touch disk off the FX thread, one at a time and in order (so two
 * sends keep their order), and hands results back on the FX thread.
 */
public final class UiExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UiExecutor.class);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "engine-calls");
        thread.setDaemon(true);
        return thread;
    });

    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
        executor.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (Exception failure) {
                LOG.debug("Background call failed: {}", failure.toString());
                Platform.runLater(() -> onFailure.accept(failure));
            }
        });
    }

    /** Fire and forget; failures are logged. */
    public void run(Runnable work) {
        run(() -> {
            work.run();
            return null;
        }, ignored -> { }, failure -> { });
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
