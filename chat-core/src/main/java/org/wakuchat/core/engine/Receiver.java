package org.wakuchat.core.engine;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.Payload;
import org.wakuchat.core.account.AccountIds;
import org.wakuchat.core.session.Envelopes;
import org.wakuchat.core.session.IncomingSession;
import org.wakuchat.core.session.Session;
import org.wakuchat.core.session.SessionException;
import org.wakuchat.core.store.StoredConversation;
import org.wakuchat.core.store.StoredMessage;
import org.wakuchat.core.sync.SyncChannel;
import org.wakuchat.core.sync.proto.SdsMessage;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.transport.MessageHash;
import org.wakuchat.core.transport.ReceivedMessage;
import org.wakuchat.core.wire.Envelope;
import org.wakuchat.core.wire.PreKeyMessage;

/**
 * Everything that arrives, from relay or Store: decrypts, stores each message once however
 * often it comes, reads acknowledgements and gaps from its causal history. Anything malformed,
 * forged or replayed is dropped with a log line and changes nothing.
 */
final class Receiver {

    private static final Logger log = LoggerFactory.getLogger(Receiver.class);

    private final EngineParts parts;
    private final Outbox outbox;
    private final Recovery recovery;
    private final ContentTopic myInbox;
    /** Conversations whose contact's rollback was already announced while this engine runs. */
    private final java.util.Set<ConversationId> rollbackAnnounced = new java.util.HashSet<>();

    /** Where group control messages go once saved (GroupEngine); runs after the message is handled. */
    private java.util.function.BiConsumer<ConversationId, Content> controlHandler = (c, m) -> { };

    private final java.util.List<Runnable> afterMessage = new java.util.ArrayList<>();

    void onControl(java.util.function.BiConsumer<ConversationId, Content> handler) {
        this.controlHandler = handler;
    }

    Receiver(EngineParts parts, Outbox outbox, Recovery recovery) {
        this.parts = parts;
        this.outbox = outbox;
        this.recovery = recovery;
        this.myInbox = Topics.inbox(parts.keys().identity().publicKey());
    }

    ContentTopic inboxTopic() {
        return myInbox;
    }

    /** Whether the message being handled came from Store (a lookup or a catch-up), not relay. */
    private boolean fromStore;

    /** A message Store returned (a catch-up or a lookup of missing messages). */
    boolean onStoreMessage(ReceivedMessage received) {
        boolean outer = fromStore;
        fromStore = true;
        try {
            return onMessage(received);
        } finally {
            fromStore = outer;
        }
    }

    /** Returns whether the message was one for this account that it could read. */
    boolean onMessage(ReceivedMessage received) {
        try {
            return handle(received);
        } finally {
            while (!afterMessage.isEmpty()) {
                try {
                    afterMessage.removeFirst().run();
                } catch (RuntimeException e) {
                    log.warn("Handling a group control message failed", e);
                }
            }
        }
    }

    private boolean handle(ReceivedMessage received) {
        byte[] payload = received.message().payload();
        if (outbox.isOwnEcho(payload)) {
            return false;
        }
        try {
            Envelope envelope = Envelopes.parse(payload);
            ContentTopic topic = received.message().contentTopic();
            Optional<ConversationId> conversation = parts.book().byTopic(topic);
            if (conversation.isPresent()) {
                decryptInConversation(conversation.get(), envelope, received.hash());
                return true;
            } else if (topic.equals(myInbox) && envelope.hasPrekey()) {
                acceptSessionStart(envelope, received.hash());
                return true;
            }
        } catch (SessionException e) {
            log.debug("Dropped a message on {}: {}", received.message().contentTopic(), e.getMessage());
        }
        return false;
    }

    private void decryptInConversation(ConversationId id, Envelope envelope, MessageHash hash) throws SessionException {
        Session session = parts.book().session(id);
        byte[] plaintext;
        try {
            plaintext = session.decrypt(envelope);
        } catch (SessionException refused) {
            if (refused.reason() == SessionException.Reason.ROLLED_BACK && rollbackAnnounced.add(id)) {
                log.warn("The contact of conversation {} restored an older copy of its session state: {}", id,
                        refused.getMessage());
                parts.events().publish(new ChatEvent.ContactStateRolledBack(id));
            }
            throw refused;
        }
        handleSds(id, plaintext, hash);
        parts.book().saveSession(id, session);
    }

    /**
     * A first message on my inbox topic. If both people scanned each other's invites, two
     * sessions start at once; both devices keep the one with the smaller base key.
     */
    private void acceptSessionStart(Envelope envelope, MessageHash hash) throws SessionException {
        PreKeyMessage start = envelope.getPrekey();
        byte[] baseKey = start.getBaseKey().toByteArray();
        Optional<ConversationId> known = parts.book().byBaseKey(baseKey);
        if (known.isPresent()) {
            decryptInConversation(known.get(), envelope, hash);
            return;
        }
        // A session start seen before whose session is not (or no longer) ours: a replay, e.g. of
        // the session dropped when both people accepted each other's invites at once. Dropped
        // before any key agreement, and never acknowledged (an acknowledgement costs RLN quota).
        if (parts.keys().seenBaseKey(baseKey)) {
            throw new SessionException(SessionException.Reason.DUPLICATE, "replayed start of a session not kept");
        }
        IncomingSession incoming = Session.accept(parts.keys().identity(), parts.keys(), start,
                parts.config().random());
        parts.keys().rememberBaseKey(incoming.prekeyId(), baseKey);
        byte[] theirKey = incoming.theirIdentityKey();
        ConversationId id = Topics.conversationId(parts.keys().identity().publicKey(), theirKey);
        Optional<StoredConversation> existing = parts.book().stored(id);
        boolean keepExisting = existing.isPresent()
                && Arrays.compareUnsigned(parts.book().state(id).getSessionBaseKey().toByteArray(), baseKey) < 0;
        if (!keepExisting) {
            Instant now = parts.config().scheduler().now();
            StoredConversation stored = existing
                    .map(e -> new StoredConversation(e.id(), e.contactId(), incoming.theirDisplayName(), e.nickname(),
                            theirKey, e.verified() && Arrays.equals(e.contactIdentityKey(), theirKey), e.createdAt(),
                            e.engineState()))
                    .orElseGet(() -> new StoredConversation(id, AccountIds.of(theirKey), incoming.theirDisplayName(),
                            Optional.empty(), theirKey, false, now, new byte[0]));
            parts.openConversation(stored, incoming.session(), 0);
        }
        handleSds(id, incoming.plaintext(), hash);
    }

    private void handleSds(ConversationId id, byte[] plaintext, MessageHash hash) throws SessionException {
        SdsMessage sds;
        Content content = null;
        try {
            sds = SdsMessage.parseFrom(plaintext);
            if (sds.hasContent()) {
                content = Content.parseFrom(sds.getContent());
            }
        } catch (InvalidProtocolBufferException e) {
            throw new SessionException(SessionException.Reason.MALFORMED, "SDS message does not parse");
        }
        if (sds.getMessageId().isEmpty() || (content != null && content.getType() == 0)) {
            throw new SessionException(SessionException.Reason.MALFORMED, "SDS message without id or content type");
        }
        Instant now = parts.config().scheduler().now();
        SyncChannel channel = parts.book().sync(id);
        boolean wasReportedLost = sds.hasContent() && channel.missing().stream()
                .anyMatch(m -> m.getReportedLost() && m.getMessageId().equals(sds.getMessageId()));
        SyncChannel.Received received = channel.receive(sds, hash,
                messageId -> parts.messages().message(new MessageId(messageId)).isPresent(), now);
        // The message and the sync state it advanced commit together: one durable write, not two
        // (catching up, each received message waited on three fsyncs; the session follows below).
        Content body = content;
        boolean control = body != null && GroupControl.isControl(body.getType());
        parts.messages().inTransaction(() -> {
            if (received.isNew()) {
                var message = new ChatMessage(new MessageId(sds.getMessageId()), control ? GroupControl.hidden(id) : id, false,
                        new Payload(body.getType(), body.getBody().toByteArray()),
                        Instant.ofEpochMilli(body.getSentAtMs()), now, DeliveryState.RECEIVED,
                        SyncChannel.lamportOf(sds));
                parts.messages().insertMessage(new StoredMessage(message, 0, Optional.empty(), new byte[0]));
            }
            parts.book().saveSync(id, channel);
        });
        if (received.isNew() && control) {
            // After this message's session is saved (end of onMessage): handling it may send over the same session.
            afterMessage.add(() -> controlHandler.accept(id, body));
        } else if (received.isNew()) {
            ChatMessage stored = parts.messages().message(new MessageId(sds.getMessageId())).orElseThrow().message();
            parts.events().publish(new ChatEvent.MessageAdded(stored));
            parts.events().publish(new ChatEvent.ConversationChanged(parts.book().view(id)));
        }
        if (received.recoveredMissing() && !recovery.missingSinceThisBatch(id, sds.getMessageId())) {
            parts.report().missingArrived(id, fromStore, wasReportedLost);
        }
        outbox.acknowledged(id, received.acknowledged());
        if (received.content()) {
            outbox.acknowledgeSoon(id);
        }
        recovery.changed(id, channel, received);
    }
}
