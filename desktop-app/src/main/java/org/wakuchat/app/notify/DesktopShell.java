package org.wakuchat.app.notify;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.wakuchat.app.notify.awt.AwtShell;
import org.wakuchat.app.notify.freedesktop.FreedesktopShell;
import org.wakuchat.core.ConversationId;

/**
 * The desktop the app runs on: its notification service and tray. Both are looked up lazily,
 * off the JavaFX thread, so that start-up does not wait for them; where the desktop has neither,
 * the app keeps its in-window notes.
 */
public interface DesktopShell extends AutoCloseable {

    /** The notification service, or empty when the desktop has none. {@code onClick} runs on any thread. */
    Optional<DesktopNotifier> notifier(Consumer<ConversationId> onClick);

    /** A tray icon, or empty when the desktop has no tray. */
    Optional<DesktopTray> tray(DesktopTray.Actions actions);

    @Override
    void close();

    /** Freedesktop D-Bus on Linux and the BSDs; AWT's system tray on Windows and macOS. */
    static DesktopShell forThisSystem() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac")) {
            return new AwtShell();
        }
        return FreedesktopShell.sessionBus();
    }

    /** No desktop services: notes stay inside the window, no tray. */
    static DesktopShell none() {
        return new DesktopShell() {
            @Override
            public Optional<DesktopNotifier> notifier(Consumer<ConversationId> onClick) {
                return Optional.empty();
            }

            @Override
            public Optional<DesktopTray> tray(DesktopTray.Actions actions) {
                return Optional.empty();
            }

            @Override
            public void close() {
            }
        };
    }
}
