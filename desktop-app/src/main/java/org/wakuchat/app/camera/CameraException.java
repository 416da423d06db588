package org.wakuchat.app.camera;

/** Why the camera cannot be used, with a message for the user that says what to do. */
public final class CameraException extends Exception {

    public enum Reason {
        /** The camera library (GStreamer) or one of its plugins is missing. */
        NOT_INSTALLED,
        PERMISSION_DENIED,
        BUSY,
        /** The camera went away (unplugged) or failed otherwise. */
        FAILED
    }

    private final Reason reason;

    public CameraException(Reason reason, String userMessage) {
        super(userMessage);
        this.reason = reason;
    }

    public CameraException(Reason reason, String userMessage, Throwable cause) {
        super(userMessage, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
