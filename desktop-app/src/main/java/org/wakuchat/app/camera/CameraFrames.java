package org.wakuchat.app.camera;

/** Receives what an open camera produces, on a camera thread (never the FX thread). Must not block. */
public interface CameraFrames {

    void frame(CameraFrame frame);

    /** The camera stopped on its own (unplugged, taken by another app…); no frames follow. */
    void failed(CameraException failure);
}
