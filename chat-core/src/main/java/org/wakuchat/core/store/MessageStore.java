package org.wakuchat.core.store;

import java.util.List;
import java.util.Optional;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.MessageId;

/**
 * Conversations and their messages. Thread-safe: calls are serialised, and
 * {@link #inTransaction} holds the store for the whole of its work.
 */
public interface MessageStore {

    /** Inserts the conversation or replaces all of its fields (the read mark is kept). */
    void upsertConversation(StoredConversation conversation);

    Optional<StoredConversation> conversation(ConversationId id);

    /** All conversations, oldest first. */
    List<StoredConversation> conversations();

    /** Saves a new message; {@code false}, and nothing changes, when a message with its id exists. */
    boolean insertMessage(StoredMessage message);

    Optional<StoredMessage> message(MessageId id);

    /**
     * Updates state, attempts, next attempt, engine state and order of a saved message; the
     * payload and times are kept. Throws {@link IllegalArgumentException} for an unknown id or a
     * message whose conversation or direction differs from the saved one.
     */
    void updateMessage(StoredMessage message);

    /**
     * Records when the recipient's device confirmed an outgoing message (the first time only: a
     * later confirmation of the same message keeps the first time).
     */
    void markDelivered(MessageId id, java.time.Instant at);

    /**
     * The delivery figures of every message (no content), oldest first: outgoing ones written at
     * or after {@code since}, incoming ones that arrived at or after it; only {@code conversation}'s when given.
     */
    List<MessageFigures> figures(java.time.Instant since, Optional<ConversationId> conversation);

    /** Messages ordered by (order, id); {@code fromIndex} counts from the oldest. */
    List<ChatMessage> page(ConversationId conversation, int fromIndex, int limit);

    int count(ConversationId conversation);

    /** Outgoing messages in {@link DeliveryState#QUEUED} or {@link DeliveryState#SENT}, oldest first. */
    List<StoredMessage> pendingOutgoing();

    /** How many outgoing messages are {@link DeliveryState#QUEUED}, without reading them. */
    int queuedOutgoingCount();

    /** The last message in display order. */
    Optional<ChatMessage> lastMessage(ConversationId conversation);

    /** Incoming messages saved after the read mark. */
    int unreadCount(ConversationId conversation);

    /** Moves the read mark past every message saved so far. */
    void markRead(ConversationId conversation);

    /**
     * Runs {@code work} atomically: every change it makes to this store is kept when it returns and
     * undone when it throws (the exception is rethrown). Nested calls undo only their own part. Do
     * not wait inside for threads that use this store.
     */
    void inTransaction(Runnable work);
}
