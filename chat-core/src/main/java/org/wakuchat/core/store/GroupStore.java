package org.wakuchat.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.MessageId;

/**
 * Private groups in messages.db (docs/storage.md): each group's row, its current members, its
 * hash chain of changes, and which members confirmed each of my group messages. The messages
 * themselves are in the message table under the group's conversation id. Secrets (epoch secrets,
 * chain states, my signing key) are in the {@link SecretStore}. Thread-safe; transactions are the
 * message store's ({@link MessageStore#inTransaction}), as both live in one database.
 */
public interface GroupStore {

    /** Inserts or replaces the group and replaces its member list. */
    void saveGroup(StoredGroup group, List<StoredGroupMember> members);

    /** All groups, oldest first. */
    List<StoredGroup> groups();

    List<StoredGroupMember> members(ConversationId group);

    /** Saves the change of one epoch (replacing one of the same epoch: a fork that lost). */
    void putChange(ConversationId group, long epoch, byte[] change);

    /** Forgets the changes after {@code epoch} (they lost a fork). */
    void dropChangesAfter(ConversationId group, long epoch);

    /** The group's changes, oldest first. */
    List<byte[]> changes(ConversationId group);

    /** Records that a member confirmed my message; {@code false} when it had already. */
    boolean addDelivery(MessageId message, String memberId, Instant at);

    /** Who confirmed my message, by member id (hex), with when. */
    Map<String, Instant> deliveries(MessageId message);
}
