package org.wakuchat.app.camera;

import java.util.List;

/**
 * The system's cameras: the seam between the UI and the camera library (GStreamer in the app,
 * fakes in tests). Both calls may block (loading libraries, opening a device), so call them off
 * the FX thread.
 */
public interface CameraSource {

    /** The cameras connected now; empty when there are none. */
    List<CameraDevice> devices() throws CameraException;

    /** Starts the camera; frames flow to {@code frames} until the returned camera is closed. */
    Camera open(CameraDevice device, CameraFrames frames) throws CameraException;
}
