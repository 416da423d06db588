package org.wakuchat.app.camera;

/** A camera the system offers: a stable id (remembered in the settings) and a name for people. */
public record CameraDevice(String id, String displayName) {
}
