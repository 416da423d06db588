package org.wakuchat.app.scan;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.image.Image;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.app.camera.Camera;
import org.wakuchat.app.camera.CameraDevice;
import org.wakuchat.app.camera.CameraException;
import org.wakuchat.app.camera.CameraFrame;
import org.wakuchat.app.camera.CameraFrames;
import org.wakuchat.app.camera.CameraSource;
import org.wakuchat.app.common.QrCodes;

/**
 * Scanning QR codes with a camera, without ever blocking the FX thread: the camera is listed,
 * opened and closed on a thread of its own (a driver may take seconds, or hang), which also
 * decodes the newest frame a few times a second; the FX thread only receives finished preview
 * images, one at a time (a new one is made only once it took the last), and the results.
 * Everything reported after {@link #stop()} or a switch to another camera is dropped.
 */
final class CameraScan {

    /** Called on the FX thread. */
    interface Listener {
        void listed(List<CameraDevice> devices);

        void opened(CameraDevice device);

        void preview(Image image);

        void found(String text);

        void failed(CameraException failure);
    }

    private static final Logger LOG = LoggerFactory.getLogger(CameraScan.class);
    private static final long DECODE_INTERVAL_MILLIS = 250;
    private static final int PREVIEW_WIDTH = 640;

    private final CameraSource source;
    private final Listener listener;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "camera");
        thread.setDaemon(true);
        return thread;
    });
    /** Bumped by every open and stop, so that frames and answers of an earlier camera are recognised. */
    private final AtomicInteger session = new AtomicInteger();
    private final AtomicReference<CameraFrame> newest = new AtomicReference<>();
    private final AtomicBoolean decodeScheduled = new AtomicBoolean();
    private final AtomicBoolean previewShowing = new AtomicBoolean();
    private volatile boolean scanning;
    private volatile String ignored = "";
    private Camera camera; // on the worker thread only

    CameraScan(CameraSource source, Listener listener) {
        this.source = source;
        this.listener = listener;
    }

    void list() {
        int current = session.get();
        submit(() -> {
            try {
                List<CameraDevice> devices = source.devices();
                onFx(current, () -> listener.listed(devices));
            } catch (CameraException | RuntimeException failure) {
                onFx(current, () -> listener.failed(asCameraException(failure)));
            }
        });
    }

    /** Closes the camera in use, if any, and opens this one. */
    void open(CameraDevice device) {
        int current = session.incrementAndGet();
        ignored = "";
        scanning = true;
        submit(() -> {
            closeCamera();
            if (session.get() != current) {
                return;
            }
            try {
                camera = source.open(device, frames(current));
                onFx(current, () -> listener.opened(device));
            } catch (CameraException | RuntimeException failure) {
                LOG.info("Camera {} did not open: {}", device, failure.toString());
                onFx(current, () -> listener.failed(asCameraException(failure)));
            }
        });
    }

    /** Scans on after a code that was not wanted, not reporting that same code again. */
    void resume(String ignoring) {
        ignored = ignoring;
        scanning = true;
    }

    void stop() {
        session.incrementAndGet();
        scanning = false;
        submit(this::closeCamera);
    }

    /** Stops and ends the thread once the camera is closed. */
    void shutdown() {
        stop();
        worker.shutdown();
    }

    private CameraFrames frames(int current) {
        return new CameraFrames() {
            @Override
            public void frame(CameraFrame frame) {
                if (session.get() == current) {
                    showPreview(current, frame);
                    scheduleDecode(current, frame);
                }
            }

            @Override
            public void failed(CameraException failure) {
                onFx(current, () -> listener.failed(failure));
            }
        };
    }

    private void showPreview(int current, CameraFrame frame) {
        if (previewShowing.compareAndSet(false, true)) {
            Image image = frame.toPreview(PREVIEW_WIDTH);
            Platform.runLater(() -> {
                previewShowing.set(false);
                if (session.get() == current) {
                    listener.preview(image);
                }
            });
        }
    }

    private void scheduleDecode(int current, CameraFrame frame) {
        if (!scanning) {
            return;
        }
        newest.set(frame);
        if (decodeScheduled.compareAndSet(false, true)) {
            try {
                worker.schedule(() -> decode(current), DECODE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shutDown) {
                decodeScheduled.set(false);
            }
        }
    }

    private void decode(int current) {
        decodeScheduled.set(false);
        CameraFrame frame = newest.getAndSet(null);
        if (frame == null || !scanning || session.get() != current) {
            return;
        }
        Optional<String> text = QrCodes.decode(frame.width(), frame.height(), frame.argb());
        if (text.isPresent() && !text.get().equals(ignored) && scanning) {
            scanning = false; // the first code wins; the listener resumes when it was not the right one
            onFx(current, () -> listener.found(text.get()));
        }
    }

    private void closeCamera() {
        newest.set(null);
        if (camera != null) {
            Camera closing = camera;
            camera = null;
            try {
                closing.close();
            } catch (RuntimeException failure) {
                LOG.warn("Closing the camera failed: {}", failure.toString());
            }
        }
    }

    private void onFx(int current, Runnable action) {
        Platform.runLater(() -> {
            if (session.get() == current) {
                action.run();
            }
        });
    }

    private void submit(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException shutDown) {
            LOG.debug("Camera already shut down");
        }
    }

    private static CameraException asCameraException(Exception failure) {
        return failure instanceof CameraException camera ? camera
                : new CameraException(CameraException.Reason.FAILED, "The camera failed: " + failure.getMessage(), failure);
    }
}
