package org.wakuchat.app.notify;

/**
 * The app's icon in the desktop's tray. Made by {@link DesktopShell#tray}; called from one
 * background thread, never the JavaFX thread.
 */
public interface DesktopTray extends AutoCloseable {

    /** Shows the unread badge while {@code count > 0}, and the count in the tooltip. */
    void showUnread(int count);

    @Override
    void close();

    /** What the tray's icon and menu ask of the app; called on any thread. */
    record Actions(Runnable activate, Runnable quit) {
    }
}
