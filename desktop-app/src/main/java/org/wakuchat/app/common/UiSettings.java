package org.wakuchat.app.common;

/**
 * What the user chose for the app's look and behaviour, and where the window was. Saved as JSON
 * in the data folder. {@code keepInTray}: closing the window hides it to the tray and the app keeps
 * receiving (only where a tray icon is shown). {@code camera}: the camera last used to scan a QR
 * code (a {@code CameraDevice} id), empty for none. {@code listenOn}: where the node listens,
 * {@code address:port} or {@code address} (e.g. {@code 127.0.0.1:60001}); empty for all interfaces,
 * port 60000. {@code network}: the preset; {@code clusterId} applies to a custom cluster,
 * {@code bootstrapNodes} (multiaddresses or an {@code enrtree://} URL, comma separated) are the
 * user's own peers on the community network or a custom cluster. {@code rln}: the RLN membership
 * for The Waku Network (its password is sealed in the account, never here).
 */
public record UiSettings(Theme theme, TextSize textSize, boolean notifications, NetworkPreset network,
                         String clusterId, String bootstrapNodes, WindowBounds window, boolean keepInTray,
                         String camera, String listenOn, RlnMembership rln) {

    public UiSettings {
        if (rln == null) {
            rln = RlnMembership.NONE;
        }
    }

    /** Without RLN settings (as before they existed). */
    public UiSettings(Theme theme, TextSize textSize, boolean notifications, NetworkPreset network, String clusterId,
                      String bootstrapNodes, WindowBounds window, boolean keepInTray, String camera, String listenOn) {
        this(theme, textSize, notifications, network, clusterId, bootstrapNodes, window, keepInTray, camera, listenOn,
                RlnMembership.NONE);
    }

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

    /**
     * COMMUNITY is the Waku Chat community network, the default for new accounts; PRIVATE_CLUSTER
     * is a custom cluster (its id and bootstrap list from the settings). Accounts that saved
     * THE_WAKU_NETWORK before COMMUNITY existed keep it.
     */
    public enum NetworkPreset { COMMUNITY, THE_WAKU_NETWORK, PRIVATE_CLUSTER }

    /**
     * An RLN membership on The Waku Network.
     *
     * @param keystore        the keystore file, empty for none
     * @param membershipIndex which membership of the keystore, a number (empty: 0)
     * @param ethRpcUrls      Ethereum RPC endpoints, comma separated
     */
    public record RlnMembership(String keystore, String membershipIndex, String ethRpcUrls) {

        public static final RlnMembership NONE = new RlnMembership("", "", "");

        public RlnMembership {
            keystore = keystore == null ? "" : keystore.strip();
            membershipIndex = membershipIndex == null ? "" : membershipIndex.strip();
            ethRpcUrls = ethRpcUrls == null ? "" : ethRpcUrls.strip();
        }

        public boolean isSet() {
            return !keystore.isEmpty();
        }
    }

    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    }

    public static UiSettings defaults() {
        return new UiSettings(Theme.SYSTEM, TextSize.NORMAL, true, NetworkPreset.COMMUNITY, "", "", null, false, "", "",
                RlnMembership.NONE);
    }

    public UiSettings withTheme(Theme value) {
        return new UiSettings(value, textSize, notifications, network, clusterId, bootstrapNodes, window, keepInTray, camera, listenOn, rln);
    }

    public UiSettings withTextSize(TextSize value) {
        return new UiSettings(theme, value, notifications, network, clusterId, bootstrapNodes, window, keepInTray, camera, listenOn, rln);
    }

    public UiSettings withNotifications(boolean value) {
        return new UiSettings(theme, textSize, value, network, clusterId, bootstrapNodes, window, keepInTray, camera, listenOn, rln);
    }

    public UiSettings withNetwork(NetworkPreset value, String cluster, String bootstrap) {
        return new UiSettings(theme, textSize, notifications, value, cluster, bootstrap, window, keepInTray, camera, listenOn, rln);
    }

    public UiSettings withWindow(WindowBounds value) {
        return new UiSettings(theme, textSize, notifications, network, clusterId, bootstrapNodes, value, keepInTray, camera, listenOn, rln);
    }

    public UiSettings withKeepInTray(boolean value) {
        return new UiSettings(theme, textSize, notifications, network, clusterId, bootstrapNodes, window, value, camera, listenOn, rln);
    }

    public UiSettings withListenOn(String value) {
        return new UiSettings(theme, textSize, notifications, network, clusterId, bootstrapNodes, window, keepInTray, camera, value, rln);
    }

    public UiSettings withRln(RlnMembership value) {
        return new UiSettings(theme, textSize, notifications, network, clusterId, bootstrapNodes, window, keepInTray, camera, listenOn,
                value);
    }

    public UiSettings withCamera(String value) {
        return new UiSettings(theme, textSize, notifications, network, clusterId, bootstrapNodes, window, keepInTray, value, listenOn, rln);
    }
}
