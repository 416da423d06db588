package org.wakuchat.app.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.Gst;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.app.common.QrCodes;

/**
 * The production pipeline (converter, scaler, appsink, frame conversion, QR decoding) with test
 * sources instead of a webcam. Needs GStreamer with the base and good plugins
 * ({@code apt-get install gstreamer1.0-plugins-base gstreamer1.0-plugins-good}); skipped with the
 * reason when they are missing.
 */
class GStreamerPipelineTest {

    private static final String INVITE = "wakuchat://invite/camera-test-1234567890";

    @TempDir
    Path folder;

    private final BlockingQueue<CameraFrame> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<CameraException> failures = new LinkedBlockingQueue<>();
    private final CameraFrames sink = new CameraFrames() {
        @Override
        public void frame(CameraFrame frame) {
            frames.offer(frame);
        }

        @Override
        public void failed(CameraException failure) {
            failures.offer(failure);
        }
    };

    @BeforeAll
    static void gstreamerIsInstalled() {
        try {
            GStreamerCameras.load();
        } catch (CameraException missing) {
            Assumptions.abort("GStreamer is not usable here, so the real pipeline cannot be tested: " + missing.getMessage());
        }
        Assumptions.assumeTrue(GStreamerCameras.hasElement("pngdec") && GStreamerCameras.hasElement("imagefreeze"),
                "pngdec or imagefreeze missing: apt-get install gstreamer1.0-plugins-good");
    }

    private CameraFrame firstFrame(String sourceDescription) throws Exception {
        Element source = Gst.parseBinFromDescription(sourceDescription, true);
        try (Camera camera = GStreamerPipeline.start(source, sink, GStreamerHelp.Os.current())) {
            CameraFrame frame = frames.poll(30, TimeUnit.SECONDS);
            assertThat(frame).as("a frame arrives").isNotNull();
            return frame;
        }
    }

    @Test
    void readsTheQrCodeOfAStillImageThroughThePipeline() throws Exception {
        Path png = folder.resolve("invite.png");
        QrCodes.savePng(QrCodes.matrix(INVITE), 5, png);

        CameraFrame frame = firstFrame("filesrc location=\"" + png + "\" ! pngdec ! imagefreeze");

        assertThat(QrCodes.decode(frame.width(), frame.height(), frame.argb())).contains(INVITE);
        assertThat(frame.argb()[0]).as("white quiet zone, opaque").isEqualTo(0xFFFFFFFF);
    }

    @Test
    void bigPicturesAreScaledDownAndHaveNoCode() throws Exception {
        CameraFrame frame = firstFrame("videotestsrc pattern=smpte ! capsfilter caps=video/x-raw,width=1920,height=1080");

        assertThat(frame.width()).isEqualTo(1280);
        assertThat(frame.height()).isEqualTo(720);
        assertThat(QrCodes.decode(frame.width(), frame.height(), frame.argb())).isEmpty();
    }

    @Test
    void aCameraThatCannotStartIsAnErrorNotACrash() {
        Element missing = Gst.parseBinFromDescription("filesrc location=\"" + folder.resolve("nothing.png") + "\" ! pngdec", true);

        assertThatThrownBy(() -> GStreamerPipeline.start(missing, sink, GStreamerHelp.Os.LINUX))
                .isInstanceOf(CameraException.class)
                .satisfies(failure -> assertThat(((CameraException) failure).reason()).isEqualTo(CameraException.Reason.FAILED));
    }

    @Test
    void listingCamerasWorksWithOrWithoutACamera() throws Exception {
        assertThat(new GStreamerCameraSource().devices()).allSatisfy(device -> {
            assertThat(device.id()).isNotBlank();
            assertThat(device.displayName()).isNotBlank();
        });
    }
}
