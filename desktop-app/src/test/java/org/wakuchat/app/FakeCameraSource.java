package org.wakuchat.app;

import com.google.zxing.common.BitMatrix;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.wakuchat.app.camera.Camera;
import org.wakuchat.app.camera.CameraDevice;
import org.wakuchat.app.camera.CameraException;
import org.wakuchat.app.camera.CameraFrame;
import org.wakuchat.app.camera.CameraFrames;
import org.wakuchat.app.camera.CameraSource;
import org.wakuchat.app.common.QrCodes;

/**
 * Cameras for UI tests: each open camera sends {@link #showing} again and again from its own
 * thread, like a webcam pointed at whatever the test holds up.
 */
final class FakeCameraSource implements CameraSource {

    static final int WIDTH = 640;
    static final int HEIGHT = 480;

    volatile List<CameraDevice> devices = List.of(new CameraDevice("/dev/video0", "Integrated Camera"));
    volatile CameraFrame showing = blank();
    volatile CameraException openFailure;
    volatile CameraException listFailure;
    final List<CameraDevice> opened = new CopyOnWriteArrayList<>();
    final AtomicInteger openNow = new AtomicInteger();
    final AtomicInteger listings = new AtomicInteger();

    @Override
    public List<CameraDevice> devices() throws CameraException {
        listings.incrementAndGet();
        if (listFailure != null) {
            throw listFailure;
        }
        return devices;
    }

    @Override
    public Camera open(CameraDevice device, CameraFrames frames) throws CameraException {
        if (openFailure != null) {
            throw openFailure;
        }
        opened.add(device);
        openNow.incrementAndGet();
        Thread sender = Thread.ofPlatform().daemon().name("fake-camera").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                frames.frame(showing);
                try {
                    Thread.sleep(40);
                } catch (InterruptedException closed) {
                    return;
                }
            }
        });
        return new Camera() {
            private boolean closed;

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    sender.interrupt();
                    try {
                        sender.join();
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    openNow.decrementAndGet();
                }
            }
        };
    }

    /** A grey picture without any code. */
    static CameraFrame blank() {
        int[] pixels = new int[WIDTH * HEIGHT];
        Arrays.fill(pixels, 0xFF808080);
        return new CameraFrame(WIDTH, HEIGHT, pixels);
    }

    /** A grey picture with the QR code of {@code text} in the middle, as a camera would see a phone's screen. */
    static CameraFrame qr(String text) {
        BitMatrix matrix = QrCodes.matrix(text);
        int scale = Math.min(WIDTH, HEIGHT) * 3 / 4 / matrix.getWidth();
        int left = (WIDTH - matrix.getWidth() * scale) / 2;
        int top = (HEIGHT - matrix.getHeight() * scale) / 2;
        CameraFrame frame = blank();
        for (int y = 0; y < matrix.getHeight() * scale; y++) {
            for (int x = 0; x < matrix.getWidth() * scale; x++) {
                frame.argb()[(top + y) * WIDTH + left + x] = matrix.get(x / scale, y / scale) ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        return frame;
    }
}
