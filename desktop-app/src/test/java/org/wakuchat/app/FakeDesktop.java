package org.wakuchat.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.wakuchat.app.notify.DesktopNotifier;
import org.wakuchat.app.notify.DesktopShell;
import org.wakuchat.app.notify.DesktopTray;
import org.wakuchat.app.notify.Notice;
import org.wakuchat.core.ConversationId;

/**
 * A desktop with a notification service that records what it shows and can be "clicked", and,
 * made {@link #withTray()}, a tray icon that records the unread count and can be clicked too.
 */
final class FakeDesktop implements DesktopShell {

    private final boolean hasTray;
    private final List<Integer> unreadShown = new ArrayList<>();
    private volatile DesktopTray.Actions trayActions;

    FakeDesktop() {
        this(false);
    }

    private FakeDesktop(boolean hasTray) {
        this.hasTray = hasTray;
    }

    static FakeDesktop withTray() {
        return new FakeDesktop(true);
    }

    private final List<Notice> shown = new ArrayList<>();
    private final List<ConversationId> withdrawn = new ArrayList<>();
    private volatile Consumer<ConversationId> onClick;

    @Override
    public Optional<DesktopNotifier> notifier(Consumer<ConversationId> clicks) {
        onClick = clicks;
        return Optional.of(new DesktopNotifier() {
            @Override
            public void show(Notice notice) {
                synchronized (shown) {
                    shown.add(notice);
                }
            }

            @Override
            public void withdraw(ConversationId conversation) {
                synchronized (shown) {
                    withdrawn.add(conversation);
                }
            }

            @Override
            public void close() {
            }
        });
    }

    @Override
    public Optional<DesktopTray> tray(DesktopTray.Actions actions) {
        if (!hasTray) {
            return Optional.empty();
        }
        trayActions = actions;
        return Optional.of(new DesktopTray() {
            @Override
            public void showUnread(int count) {
                synchronized (unreadShown) {
                    unreadShown.add(count);
                }
            }

            @Override
            public void close() {
            }
        });
    }

    /** The tray's icon is shown (the app asked for it). */
    boolean trayShown() {
        return trayActions != null;
    }

    /** The user clicks the tray icon. */
    void clickTray() {
        trayActions.activate().run();
    }

    /** Unread counts the tray was given, in order. */
    List<Integer> unreadShown() {
        synchronized (unreadShown) {
            return List.copyOf(unreadShown);
        }
    }

    @Override
    public void close() {
    }

    List<Notice> shown() {
        synchronized (shown) {
            return List.copyOf(shown);
        }
    }

    List<ConversationId> withdrawn() {
        synchronized (shown) {
            return List.copyOf(withdrawn);
        }
    }

    /** What the desktop does when the user clicks the notification. */
    void click(Notice notice) {
        onClick.accept(notice.conversation());
    }
}
