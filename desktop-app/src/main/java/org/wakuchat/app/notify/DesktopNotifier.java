package org.wakuchat.app.notify;

import org.wakuchat.core.ConversationId;

/**
 * The desktop's own notifications (outside the window). Implementations are given a click
 * callback when they are made ({@link DesktopShell#notifier}). Called from one background thread,
 * never the JavaFX thread: the calls may wait for another process.
 */
public interface DesktopNotifier extends AutoCloseable {

    /** Shows the notice, replacing the one shown for the same conversation. */
    void show(Notice notice);

    /** Takes back what is shown for this conversation (it was opened). */
    void withdraw(ConversationId conversation);

    @Override
    void close();
}
