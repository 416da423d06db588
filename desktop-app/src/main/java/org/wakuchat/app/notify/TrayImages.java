package org.wakuchat.app.notify;

import java.net.URL;
import java.util.List;
import java.util.Objects;

/** The tray icon PNGs on the class path (copied from {@code icons/tray} by the build). */
public final class TrayImages {

    /** The sizes drawn, in pixels (square). */
    public static final List<Integer> SIZES = List.of(16, 22, 24, 32);

    private TrayImages() {
    }

    public static URL png(int size, boolean unread) {
        String name = "tray/wakuchat-tray-" + (unread ? "unread-" : "") + size + ".png";
        return Objects.requireNonNull(TrayImages.class.getResource(name), () -> "missing resource " + name);
    }
}
