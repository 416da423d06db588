package org.wakuchat.core;

import java.time.Instant;
import java.util.Optional;
import org.wakuchat.core.account.AccountId;

/** A 1:1 conversation with one contact, as the conversation list shows it. */
public record Conversation(ConversationId id, AccountId contactId, String contactName, Optional<String> nickname,
                           byte[] contactIdentityKey, boolean verified, Optional<String> lastMessagePreview,
                           Optional<Instant> lastActivity, int unreadCount) {

    /** The name to show: the nickname I gave, else the name they chose. */
    public String displayName() {
        return nickname.filter(n -> !n.isBlank()).orElse(contactName);
    }

    @Override
    public byte[] contactIdentityKey() {
        return contactIdentityKey.clone();
    }
}
