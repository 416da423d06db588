package org.wakuchat.app.notify.awt;

import java.awt.AWTException;
import java.awt.Image;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.Toolkit;
import java.awt.TrayIcon;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.app.notify.DesktopNotifier;
import org.wakuchat.app.notify.DesktopShell;
import org.wakuchat.app.notify.DesktopTray;
import org.wakuchat.app.notify.Notice;
import org.wakuchat.app.notify.TrayImages;
import org.wakuchat.core.ConversationId;

/**
 * Windows and macOS through AWT's system tray: one tray icon with a menu (Open Waku Chat, Quit)
 * that also shows the notifications as balloons. AWT is loaded only here, on first use, off the
 * JavaFX thread. Not run in the build (no Windows or macOS there): see docs/desktop-integration.md.
 */
public final class AwtShell implements DesktopShell {

    private static final Logger LOG = LoggerFactory.getLogger(AwtShell.class);

    private TrayIcon icon;
    private boolean tried;
    private volatile Runnable activate = () -> { };
    private volatile Runnable quit = () -> { };
    private volatile Consumer<ConversationId> onClick = conversation -> { };
    /** The conversation of the last balloon: clicking the balloon (or icon) opens it. */
    private volatile ConversationId lastShown;
    private volatile int unread;

    @Override
    public synchronized Optional<DesktopNotifier> notifier(Consumer<ConversationId> onNoticeClick) {
        this.onClick = onNoticeClick;
        return icon().map(present -> new Balloons());
    }

    @Override
    public synchronized Optional<DesktopTray> tray(DesktopTray.Actions actions) {
        this.activate = actions.activate();
        this.quit = actions.quit();
        return icon().map(present -> new Tray());
    }

    @Override
    public synchronized void close() {
        if (icon != null) {
            SystemTray.getSystemTray().remove(icon);
            icon = null;
        }
    }

    private Optional<TrayIcon> icon() {
        if (!tried) {
            tried = true;
            try {
                if (SystemTray.isSupported()) {
                    icon = newIcon();
                    SystemTray.getSystemTray().add(icon);
                } else {
                    LOG.info("No system tray here; notes stay in the window");
                }
            } catch (AWTException | RuntimeException unsupported) {
                LOG.info("No system tray: {}", unsupported.toString());
                icon = null;
            }
        }
        return Optional.ofNullable(icon);
    }

    private TrayIcon newIcon() {
        PopupMenu menu = new PopupMenu();
        MenuItem open = new MenuItem("Open Waku Chat");
        open.addActionListener(event -> activate.run());
        MenuItem exit = new MenuItem("Quit");
        exit.addActionListener(event -> quit.run());
        menu.add(open);
        menu.add(exit);
        TrayIcon created = new TrayIcon(image(false), "Waku Chat", menu);
        created.setImageAutoSize(true);
        // a click on the balloon, or a double click on the icon (Windows)
        created.addActionListener(event -> {
            ConversationId conversation = lastShown;
            if (conversation != null) {
                lastShown = null;
                onClick.accept(conversation);
            } else {
                activate.run();
            }
        });
        return created;
    }

    private static Image image(boolean unread) {
        int wanted = SystemTray.getSystemTray().getTrayIconSize().height;
        int size = TrayImages.SIZES.stream().filter(s -> s >= wanted).findFirst().orElse(32);
        return Toolkit.getDefaultToolkit().getImage(TrayImages.png(size, unread));
    }

    private final class Balloons implements DesktopNotifier {
        @Override
        public void show(Notice notice) {
            lastShown = notice.conversation();
            icon.displayMessage(notice.title(), notice.body(), TrayIcon.MessageType.NONE);
        }

        @Override
        public void withdraw(ConversationId conversation) {
            if (conversation.equals(lastShown)) {
                lastShown = null; // AWT cannot take a balloon back; at least its click no longer applies
            }
        }

        @Override
        public void close() {
        }
    }

    private final class Tray implements DesktopTray {
        @Override
        public void showUnread(int count) {
            boolean badgeChanged = (unread > 0) != (count > 0);
            unread = count;
            if (badgeChanged) {
                icon.setImage(image(count > 0));
            }
            icon.setToolTip(count == 0 ? "Waku Chat" : "Waku Chat (" + count + " unread)");
        }

        @Override
        public void close() {
        }
    }
}
