package org.wakuchat.app.conversations;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.group.Group;
import org.wakuchat.core.group.GroupMember;

/**
 * One row of the conversation list: a 1:1 chat or a group, with what the row shows and what
 * search looks at. {@code identityKey} draws a contact's identicon; a group shows its members' initials.
 */
record ChatListItem(ConversationId id, boolean group, String name, List<String> otherNames, byte[] identityKey,
                    boolean verified, Optional<String> preview, Optional<Instant> lastActivity, int unread) {

    ChatListItem {
        otherNames = List.copyOf(otherNames);
    }

    static ChatListItem of(Conversation c) {
        return new ChatListItem(c.id(), false, c.displayName(), List.of(c.contactName()), c.contactIdentityKey(),
                c.verified(), c.lastMessagePreview(), c.lastActivity(), c.unreadCount());
    }

    static ChatListItem of(Group g) {
        List<String> others = g.members().stream().filter(m -> !m.me()).map(GroupMember::name).toList();
        return new ChatListItem(g.id(), true, g.name(), others, new byte[0], false, g.lastMessagePreview(),
                g.lastActivity(), g.unreadCount());
    }

    /** Search finds a chat by its name, a contact's own name, a group's member names, or the last message. */
    boolean matches(String query) {
        String needle = query.strip().toLowerCase(Locale.ROOT);
        return needle.isEmpty()
                || name.toLowerCase(Locale.ROOT).contains(needle)
                || otherNames.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).contains(needle))
                || preview.orElse("").toLowerCase(Locale.ROOT).contains(needle);
    }
}
