package org.wakuchat.app.camera;

/** An open camera, delivering frames until closed. */
public interface Camera extends AutoCloseable {

    /** Stops the camera and frees it for other apps; may block briefly, so never on the FX thread. Idempotent. */
    @Override
    void close();
}
