package org.wakuchat.app.common;

/**
 * What the user chose for the app's look and behaviour, and where the window was. Saved as JSON
 * in the data folder. {@code keepInTray}: closing the window hides it to the tray and the app keeps
 * receiving (only where a tray icon is shown). {@code camera}: the camera last used to scan a QR
 * code (a {@code CameraDevice} id), empty for none. {@code listenOn}: where the node listens,
 * {@code address:port} or {@code address} (e.g. {@code 127.0.0.1:60001}); empty for all interfaces,
 * port 60000.
 */
public record UiSettings(Theme theme, TextSize textSize, boolean notifications, NetworkPreset network,
                         String clusterId, String bootstrapNodes, WindowBounds window, boolean keepInTray,
                         String camera, String listenOn) {

    public enum Theme { SYSTEM, LIGHT, DARK }

    public enum TextSize {
        SMALL(12), NORMAL(14), LARGE(16), LARGER(18);

        private final int points;

        TextSize(int points) {
            this.points = points;
        }

        public int points() {
            return points;
        }
    }

    public enum NetworkPreset { THE_WAKU_NETWORK, PRIVATE_CLUSTER }

    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    }

    public static UiSettings defaults() {
        return new UiSettings(Theme.SYSTEM, TextSize.NORMAL, true, NetworkPreset.THE_WAKU_NETWORK, "", "", null, false, "", "");
    }

    public UiSettings withTheme(Theme value) {
        return new UiSettings(value, textSize, notifications, network, clusterId, bootstrapNodes, window, keepInTray, camera, listenOn);
    }

    public UiSettings withTextSize(TextSize value) {
        return new UiSettings(theme, value, notifications, network, clusterId, bootstrapNodes, window, keepInTray, camera, listenOn);
    }

    public UiSettings withNotifications(boolean value) {
        return new UiSettings(theme, textSize, value, network, clusterId, bootstrapNodes, window, keepInTray, camera, listenOn);
    }

    public UiSettings withNetwork(NetworkPreset value, String cluster, String bootstrap) {
        return new UiSettings(theme, textSize, notifications, value, cluster, bootstrap, window, keepInTray, camera, listenOn);
    }

    public UiSettings withWindow(WindowBounds value) {
        return new UiSettings(theme, textSize, notifications, network, clusterId, bootstrapNodes, value, keepInTray, camera, listenOn);
    }

    public UiSettings withKeepInTray(boolean value) {
        return new UiSettings(theme, textSize, notifications, network, clusterId, bootstrapNodes, window, value, camera, listenOn);
    }

    public UiSettings withListenOn(String value) {
        return new UiSettings(theme, textSize, notifications, network, clusterId, bootstrapNodes, window, keepInTray, camera, value);
    }

    public UiSettings withCamera(String value) {
        return new UiSettings(theme, textSize, notifications, network, clusterId, bootstrapNodes, window, keepInTray, value, listenOn);
    }
}
