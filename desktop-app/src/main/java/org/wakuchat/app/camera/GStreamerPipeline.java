package org.wakuchat.app.camera;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.freedesktop.gstreamer.Buffer;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Caps;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.FlowReturn;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.Sample;
import org.freedesktop.gstreamer.State;
import org.freedesktop.gstreamer.StateChangeReturn;
import org.freedesktop.gstreamer.Structure;
import org.freedesktop.gstreamer.elements.AppSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code source ! videoconvert ! videoscale ! video/x-raw,format=BGRx,width<=1280 ! appsink}: the
 * camera's pictures as {@link CameraFrame}s, at most {@link #MAX_FPS} a second, the newest only
 * (the sink keeps one buffer and drops the rest, so a slow reader never piles up frames). The
 * source is a parameter: a camera's own element in the app, a still image in the tests.
 */
final class GStreamerPipeline implements Camera {

    static final List<String> NEEDED = List.of("videoconvert", "videoscale");
    static final int MAX_FPS = 15;
    private static final Logger LOG = LoggerFactory.getLogger(GStreamerPipeline.class);
    private static final String CAPS = "video/x-raw,format=BGRx,width=(int)[1,1280],height=(int)[1,1280],"
            + "pixel-aspect-ratio=(fraction)1/1";
    private static final long START_TIMEOUT_SECONDS = 10;
    private static final long FRAME_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1) / MAX_FPS;

    private final Pipeline pipeline = new Pipeline("camera");
    private final AtomicReference<CameraException> error = new AtomicReference<>();
    private final CountDownLatch errorSeen = new CountDownLatch(1);
    private final Bus.ERROR errorListener = (origin, code, message) -> onError(message);
    private final Bus.EOS endListener = origin -> onError("the camera sent no more pictures.");
    private final CameraFrames frames;
    private final GStreamerHelp.Os os;
    private volatile boolean started;
    private volatile boolean closed;
    private long lastFrameNanos;

    private GStreamerPipeline(CameraFrames frames, GStreamerHelp.Os os) {
        this.frames = frames;
        this.os = os;
    }

    /** Builds the pipeline behind {@code source} and plays it; returns once pictures flow or fails with why not. */
    static GStreamerPipeline start(Element source, CameraFrames frames, GStreamerHelp.Os os) throws CameraException {
        GStreamerPipeline camera = new GStreamerPipeline(frames, os);
        try {
            camera.build(source);
            camera.play();
            return camera;
        } catch (CameraException | RuntimeException failed) {
            camera.close();
            throw failed;
        }
    }

    private void build(Element source) throws CameraException {
        Element convert = ElementFactory.make("videoconvert", "convert");
        Element scale = ElementFactory.make("videoscale", "scale");
        AppSink sink = new AppSink("frames");
        sink.set("emit-signals", true);
        sink.set("max-buffers", 1);
        sink.set("drop", true);
        sink.set("sync", false);
        sink.setCaps(new Caps(CAPS));
        sink.connect((AppSink.NEW_SAMPLE) this::onSample);
        pipeline.addMany(source, convert, scale, sink);
        if (!Element.linkMany(source, convert, scale, sink)) {
            throw new CameraException(CameraException.Reason.FAILED, "This camera's pictures cannot be read (no matching format).");
        }
        pipeline.getBus().connect(errorListener);
        pipeline.getBus().connect(endListener);
    }

    private void play() throws CameraException {
        StateChangeReturn change = pipeline.play();
        State state = change == StateChangeReturn.FAILURE ? State.NULL
                : pipeline.getState(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        CameraException failure = error.get();
        if (failure == null && change == StateChangeReturn.FAILURE) {
            failure = awaitError();
        }
        if (failure != null) {
            throw failure;
        }
        if (state != State.PLAYING) {
            throw new CameraException(CameraException.Reason.FAILED, "The camera did not start (it stayed " + state + ").");
        }
        started = true;
    }

    /** The bus reports asynchronously; a failed start is explained by the error that follows it closely. */
    private CameraException awaitError() {
        try {
            errorSeen.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        CameraException failure = error.get();
        return failure != null ? failure : new CameraException(CameraException.Reason.FAILED, "The camera did not start.");
    }

    private void onError(String message) {
        LOG.warn("Camera pipeline error: {}", message);
        CameraException failure = GStreamerHelp.pipelineError(os, message);
        if (error.compareAndSet(null, failure)) {
            errorSeen.countDown();
            if (started && !closed) {
                frames.failed(failure);
            }
        }
    }

    private FlowReturn onSample(AppSink sink) {
        Sample sample = sink.pullSample();
        if (sample == null) {
            return FlowReturn.OK;
        }
        try {
            long now = System.nanoTime();
            if (!closed && now - lastFrameNanos >= FRAME_INTERVAL_NANOS) {
                lastFrameNanos = now;
                frames.frame(toFrame(sample));
            }
        } catch (RuntimeException unreadable) {
            LOG.warn("Dropping an unreadable camera frame: {}", unreadable.toString());
        } finally {
            sample.dispose();
        }
        return FlowReturn.OK;
    }

    /** BGRx bytes are, read as little-endian ints, 0xXXRRGGBB: ARGB once the unused byte is made opaque. */
    private static CameraFrame toFrame(Sample sample) {
        Structure format = sample.getCaps().getStructure(0);
        int width = format.getInteger("width");
        int height = format.getInteger("height");
        Buffer buffer = sample.getBuffer();
        try {
            ByteBuffer bytes = buffer.map(false);
            if (bytes == null || bytes.remaining() < width * height * 4) {
                throw new IllegalStateException("short frame buffer for " + width + "x" + height);
            }
            int[] argb = new int[width * height];
            bytes.order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(argb);
            for (int i = 0; i < argb.length; i++) {
                argb[i] |= 0xFF000000;
            }
            return new CameraFrame(width, height, argb);
        } finally {
            buffer.unmap();
            buffer.dispose();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pipeline.stop();
        pipeline.getBus().disconnect(errorListener);
        pipeline.getBus().disconnect(endListener);
        pipeline.dispose();
    }
}
