package org.wakuchat.app;

import java.awt.Desktop;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On macOS a {@code wakuchat://} link reaches the app as an Apple event, not on the command line:
 * AWT's desktop support delivers it (also the one that launched the app; AWT keeps it until a
 * handler is set). Other systems pass links as arguments, so AWT is not loaded there.
 */
final class MacOpenUriHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MacOpenUriHandler.class);

    private MacOpenUriHandler() {
    }

    static void installOnMac(Consumer<String> onLink) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac")) {
            return;
        }
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.APP_OPEN_URI)) {
                Desktop.getDesktop().setOpenURIHandler(event -> onLink.accept(event.getURI().toString()));
            }
        } catch (RuntimeException | LinkageError unsupported) {
            LOG.warn("wakuchat:// links cannot be received on this Mac: {}", unsupported.toString());
        }
    }
}
