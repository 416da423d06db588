package org.wakuchat.app.notify;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;

/**
 * Which incoming messages become a notification, and what it says. One notification per
 * conversation: while it has not been opened, further messages turn the text into
 * "3 new messages". Messages written before this session started (fetched when catching up
 * after being offline) notify nobody: the unread counts show them. Used on one thread.
 */
final class NotificationPolicy {

    private final Instant sessionStart;
    private final Map<ConversationId, Integer> unseen = new HashMap<>();

    NotificationPolicy(Instant sessionStart) {
        this.sessionStart = sessionStart;
    }

    /** The state of the app when a message arrives. {@code openConversation} may be null. */
    record Situation(boolean notificationsOn, boolean windowFocused, ConversationId openConversation) {
    }

    /** The notice to show for this message from {@code sender}, or empty when it should not notify. */
    Optional<Notice> incoming(ChatMessage message, String sender, Situation now) {
        return incoming(message, sender, null, now);
    }

    /**
     * As {@link #incoming(ChatMessage, String, Situation)}; a group message is titled with the
     * group's {@code title} and its text starts with its {@code author} ("Bob: see you").
     */
    Optional<Notice> incoming(ChatMessage message, String title, String author, Situation now) {
        String sender = title;
        ConversationId conversation = message.conversation();
        if (message.outgoing() || !now.notificationsOn() || message.sentAt().isBefore(sessionStart)) {
            return Optional.empty();
        }
        if (now.windowFocused() && conversation.equals(now.openConversation())) {
            unseen.remove(conversation);
            return Optional.empty();
        }
        int count = unseen.merge(conversation, 1, Integer::sum);
        String body = count == 1 ? (author == null ? "" : author + ": ") + preview(message) : count + " new messages";
        return Optional.of(new Notice(conversation, sender, body));
    }

    /** The conversation was opened: the next message starts a fresh notification. */
    void opened(ConversationId conversation) {
        unseen.remove(conversation);
    }

    private static String preview(ChatMessage message) {
        return message.payload().isText() ? Notice.preview(message.text()) : "New message";
    }
}
