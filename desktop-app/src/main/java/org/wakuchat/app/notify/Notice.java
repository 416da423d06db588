package org.wakuchat.app.notify;

import java.util.Objects;
import org.wakuchat.core.ConversationId;

/**
 * One desktop notification: who wrote ({@code title}), what ({@code body}, already shortened),
 * and the conversation a click opens. A later notice for the same conversation replaces it.
 */
public record Notice(ConversationId conversation, String title, String body) {

    /** Longest message preview in a notification, in characters. */
    public static final int PREVIEW_LENGTH = 100;

    public Notice {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
    }

    /** The message text on one line, cut at {@link #PREVIEW_LENGTH} characters with an ellipsis. */
    public static String preview(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        if (oneLine.codePointCount(0, oneLine.length()) <= PREVIEW_LENGTH) {
            return oneLine;
        }
        int end = oneLine.offsetByCodePoints(0, PREVIEW_LENGTH - 1);
        return oneLine.substring(0, end).stripTrailing() + "…";
    }
}
