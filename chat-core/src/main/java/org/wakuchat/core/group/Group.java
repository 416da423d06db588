package org.wakuchat.core.group;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.wakuchat.core.ConversationId;

/**
 * A private group as the conversation list shows it. Its {@code id} is a conversation id, so
 * {@code sendText}, {@code messages}, {@code markRead} and search work on it as on a 1:1 chat.
 * {@code member} is false once I left or was removed: the group and its history stay readable,
 * nothing new arrives.
 */
public record Group(ConversationId id, String name, List<GroupMember> members, long epoch, boolean member,
                    Optional<String> lastMessagePreview, Optional<Instant> lastActivity, int unreadCount) {

    /** At most this many members, me included (docs/groups.md, "limits"). */
    public static final int MAX_MEMBERS = 50;

    public Group {
        members = List.copyOf(members);
    }

    public Optional<GroupMember> me() {
        return members.stream().filter(GroupMember::me).findFirst();
    }

    /** Whether I may add, remove and rename. */
    public boolean iAmAdmin() {
        return me().map(GroupMember::admin).orElse(false);
    }
}
