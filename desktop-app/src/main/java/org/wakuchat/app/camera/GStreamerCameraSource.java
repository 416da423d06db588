package org.wakuchat.app.camera;

import java.util.List;

/**
 * The app's cameras, through GStreamer. Cheap to create: GStreamer (and every class that touches
 * it) is loaded only by the first call, which happens off the FX thread when the user asks for the
 * camera. When GStreamer is missing, every call says how to install it.
 */
public final class GStreamerCameraSource implements CameraSource {

    private GStreamerCameras cameras;

    @Override
    public List<CameraDevice> devices() throws CameraException {
        return cameras().devices();
    }

    @Override
    public Camera open(CameraDevice device, CameraFrames frames) throws CameraException {
        return cameras().open(device, frames);
    }

    private synchronized GStreamerCameras cameras() throws CameraException {
        if (cameras == null) {
            cameras = GStreamerCameras.load();
        }
        return cameras;
    }
}
