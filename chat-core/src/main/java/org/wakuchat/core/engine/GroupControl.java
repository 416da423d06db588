package org.wakuchat.core.engine;

import java.util.Optional;
import org.wakuchat.core.ConversationId;

/**
 * Group control messages inside 1:1 sessions (docs/groups.md, "Wire"): typed {@link Content}s
 * that are encrypted, queued, resent and acknowledged like any 1:1 message, but saved under a
 * hidden conversation id ({@code ctl-} + the 1:1 conversation's id) so that they never show as
 * chat messages, count as unread or become a conversation's preview.
 */
final class GroupControl {

    /** Content types 2..5: below {@link org.wakuchat.core.Payload#FIRST_CUSTOM_TYPE}, reserved to the engine. */
    static final int INVITE = 2;
    static final int JOIN = 3;
    static final int CHANGE = 4;
    static final int LEAVE = 5;
    /**
     * Content type 6 inside a group message (never a 1:1 one): a change or a leave notice for the
     * members the writer has no 1:1 session with ({@link GroupBroadcastBody}).
     */
    static final int BROADCAST = 6;

    private static final String PREFIX = "ctl-";

    private GroupControl() {
    }

    static boolean isControl(int contentType) {
        return contentType >= INVITE && contentType <= BROADCAST;
    }

    /** Where control messages over this 1:1 conversation are saved. */
    static ConversationId hidden(ConversationId oneToOne) {
        return new ConversationId(PREFIX + oneToOne.value());
    }

    static boolean isHidden(ConversationId id) {
        return id.value().startsWith(PREFIX);
    }

    /** The 1:1 conversation whose session carries a saved message. */
    static ConversationId session(ConversationId saved) {
        return isHidden(saved) ? new ConversationId(saved.value().substring(PREFIX.length())) : saved;
    }

    /** Whether a saved message belongs to a group (sent by {@link GroupOutbox}, not the 1:1 outbox). */
    static boolean isGroup(ConversationId id) {
        return id.value().startsWith("g-");
    }

    static Optional<ConversationId> oneToOneOf(ConversationId saved) {
        return isHidden(saved) ? Optional.of(session(saved)) : Optional.empty();
    }
}
