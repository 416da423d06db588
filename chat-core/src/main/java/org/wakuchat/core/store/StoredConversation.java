package org.wakuchat.core.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.account.AccountId;

/**
 * A conversation as saved: the contact and the engine's opaque state for it (session data,
 * encrypted at rest like every field but id, verified and createdAt). A null engine state means empty.
 */
public record StoredConversation(ConversationId id, AccountId contactId, String contactName, Optional<String> nickname,
                                 byte[] contactIdentityKey, boolean verified, Instant createdAt, byte[] engineState) {

    public StoredConversation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(contactName, "contactName");
        Objects.requireNonNull(nickname, "nickname");
        contactIdentityKey = Objects.requireNonNull(contactIdentityKey, "contactIdentityKey").clone();
        Objects.requireNonNull(createdAt, "createdAt");
        engineState = engineState == null ? new byte[0] : engineState.clone();
    }

    @Override
    public byte[] contactIdentityKey() {
        return contactIdentityKey.clone();
    }

    @Override
    public byte[] engineState() {
        return engineState.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredConversation that && id.equals(that.id) && contactId.equals(that.contactId)
                && contactName.equals(that.contactName) && nickname.equals(that.nickname)
                && Arrays.equals(contactIdentityKey, that.contactIdentityKey) && verified == that.verified
                && createdAt.equals(that.createdAt) && Arrays.equals(engineState, that.engineState);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, contactId, contactName, nickname, Arrays.hashCode(contactIdentityKey), verified,
                createdAt, Arrays.hashCode(engineState));
    }

    /** Leaves out names and key material: this may end up in a log. */
    @Override
    public String toString() {
        return "StoredConversation[id=" + id + ", verified=" + verified + ", createdAt=" + createdAt
                + ", engineState=" + engineState.length + " bytes]";
    }
}
