package org.wakuchat.core.engine;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.session.Session;
import org.wakuchat.core.session.SessionException;
import org.wakuchat.core.store.MessageStore;
import org.wakuchat.core.store.SecretStore;
import org.wakuchat.core.store.StorageException;
import org.wakuchat.core.store.StoredConversation;
import org.wakuchat.core.sync.SyncChannel;
import org.wakuchat.core.transport.ContentTopic;

/**
 * The conversations of this account with their sessions and engine state, cached in memory
 * and written through to the databases. Not thread-safe: the engine serializes access.
 */
final class ConversationBook {

    private static final String SESSION = "session";

    private final MessageStore messages;
    private final SecretStore secrets;
    private final SecureRandom random;
    private final Map<ConversationId, StoredConversation> conversations = new HashMap<>();
    private final Map<ConversationId, ConversationState> states = new HashMap<>();
    private final Map<ConversationId, Session> sessions = new HashMap<>();
    private final Map<ContentTopic, ConversationId> byTopic = new HashMap<>();

    ConversationBook(MessageStore messages, SecretStore secrets, SecureRandom random) {
        this.messages = messages;
        this.secrets = secrets;
        this.random = random;
        for (StoredConversation stored : messages.conversations()) {
            conversations.put(stored.id(), stored);
            ConversationState state = parseState(stored);
            states.put(stored.id(), state);
            byTopic.put(ContentTopic.parse(state.getConversationTopic()), stored.id());
        }
    }

    List<ConversationId> ids() {
        return new ArrayList<>(conversations.keySet());
    }

    Optional<StoredConversation> stored(ConversationId id) {
        return Optional.ofNullable(conversations.get(id));
    }

    StoredConversation require(ConversationId id) {
        StoredConversation stored = conversations.get(id);
        if (stored == null) {
            throw new IllegalArgumentException("no conversation " + id);
        }
        return stored;
    }

    ConversationState state(ConversationId id) {
        return states.get(id);
    }

    Optional<ConversationId> byTopic(ContentTopic topic) {
        return Optional.ofNullable(byTopic.get(topic));
    }

    Optional<ConversationId> byBaseKey(byte[] baseKey) {
        return states.entrySet().stream()
                .filter(e -> Arrays.equals(e.getValue().getSessionBaseKey().toByteArray(), baseKey))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    Collection<ContentTopic> topics() {
        return List.copyOf(byTopic.keySet());
    }

    Session session(ConversationId id) {
        return sessions.computeIfAbsent(id, this::loadSession);
    }

    /** Adds a conversation, or replaces the session of an existing one (the contact started over). */
    void put(StoredConversation stored, Session session, String contactInboxTopic, long contactInviteExpiresAtMs) {
        ContentTopic topic = Topics.conversation(session.conversationKey());
        ConversationState previous = states.get(stored.id());
        ConversationState state = (previous == null ? ConversationState.newBuilder() : previous.toBuilder())
                .setSessionBaseKey(ByteString.copyFrom(session.baseKey()))
                .setContactInboxTopic(contactInboxTopic)
                .setConversationTopic(topic.toString())
                .setContactInviteExpiresAtMs(contactInviteExpiresAtMs)
                .build();
        if (previous != null) {
            byTopic.remove(ContentTopic.parse(previous.getConversationTopic()));
        }
        saveSession(stored.id(), session);
        conversations.put(stored.id(), stored);
        saveState(stored.id(), state);
        byTopic.put(topic, stored.id());
    }

    void saveSession(ConversationId id, Session session) {
        secrets.put(SESSION, id.value(), session.serialize());
        sessions.put(id, session);
    }

    void saveState(ConversationId id, ConversationState state) {
        StoredConversation stored = require(id);
        StoredConversation updated = new StoredConversation(stored.id(), stored.contactId(), stored.contactName(),
                stored.nickname(), stored.contactIdentityKey(), stored.verified(), stored.createdAt(), state.toByteArray());
        messages.upsertConversation(updated);
        conversations.put(id, updated);
        states.put(id, state);
    }

    SyncChannel sync(ConversationId id) {
        return SyncChannel.restore(state(id).getSync());
    }

    void saveSync(ConversationId id, SyncChannel channel) {
        saveState(id, state(id).toBuilder().setSync(channel.snapshot()).build());
    }

    void update(StoredConversation stored) {
        messages.upsertConversation(stored);
        conversations.put(stored.id(), stored);
    }

    /** The conversation as the list shows it: name, preview, unread count. */
    Conversation view(ConversationId id) {
        StoredConversation stored = require(id);
        Optional<ChatMessage> last = messages.lastMessage(id);
        return new Conversation(id, stored.contactId(), stored.contactName(), stored.nickname(),
                stored.contactIdentityKey(), stored.verified(), last.map(ChatMessage::text),
                last.map(m -> m.outgoing() ? m.sentAt() : m.receivedAt()).or(() -> Optional.of(stored.createdAt())),
                messages.unreadCount(id));
    }

    private Session loadSession(ConversationId id) {
        byte[] state = secrets.get(SESSION, id.value())
                .orElseThrow(() -> new StorageException("The session of conversation " + id + " is missing."));
        try {
            return Session.deserialize(state, random);
        } catch (SessionException e) {
            throw new StorageException("The session of conversation " + id + " is damaged.", e);
        }
    }

    private static ConversationState parseState(StoredConversation stored) {
        try {
            return ConversationState.parseFrom(stored.engineState());
        } catch (InvalidProtocolBufferException e) {
            throw new StorageException("The state of conversation " + stored.id() + " is damaged.", e);
        }
    }
}
