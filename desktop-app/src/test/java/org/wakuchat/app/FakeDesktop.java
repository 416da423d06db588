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

/** A desktop with a notification service that records what it shows and can be "clicked"; no tray. */
final class FakeDesktop implements DesktopShell {

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
        return Optional.empty();
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
