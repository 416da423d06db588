package org.wakuchat.core.tools;

import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.group.GroupHistoryEntry;

/** What tests wait for after creating or adding: how many joins the group's history records. */
public final class GroupJoins {

    private GroupJoins() {
    }

    /**
     * Members the engine's history of the group records as joined: the subjects of its join
     * changes (KEY_REFRESHED with subjects; joins that arrive close together share one change).
     */
    public static long joinedCount(ChatEngine engine, ConversationId group) {
        return engine.groupHistory(group).stream().filter(e -> e.kind() == GroupHistoryEntry.Kind.KEY_REFRESHED)
                .mapToLong(e -> e.subjects().size()).sum();
    }
}
