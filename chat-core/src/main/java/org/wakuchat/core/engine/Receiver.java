package org.wakuchat.core.engine;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
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
import org.wakuchat.core.session.IncomingSession;
import org.wakuchat.core.session.Session;
import org.wakuchat.core.session.SessionException;
import org.wakuchat.core.store.StoredConversation;
import org.wakuchat.core.store.StoredMessage;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.transport.ReceivedMessage;
import org.wakuchat.core.wire.Envelope;
import org.wakuchat.core.wire.PreKeyMessage;
import org.wakuchat.core.session.Envelopes;

/**
 * Everything that arrives: decrypts, stores each message once however often it comes, and
 * confirms it. Anything malformed, forged or replayed is dropped with a log line and changes nothing.
 */
final class Receiver {

    private static final Logger log = LoggerFactory.getLogger(Receiver.class);

    private final EngineParts parts;
    private final Outbox outbox;
    private final ContentTopic myInbox;

    Receiver(EngineParts parts, Outbox outbox) {
        this.parts = parts;
        this.outbox = outbox;
        this.myInbox = Topics.inbox(parts.keys().identity().publicKey());
    }

    ContentTopic inboxTopic() {
        return myInbox;
    }

    void onMessage(ReceivedMessage received) {
        byte[] payload = received.message().payload();
        if (outbox.isOwnEcho(payload)) {
            return;
        }
        try {
            Envelope envelope = Envelopes.parse(payload);
            ContentTopic topic = received.message().contentTopic();
            Optional<ConversationId> conversation = parts.book().byTopic(topic);
            if (conversation.isPresent()) {
                decryptInConversation(conversation.get(), envelope);
            } else if (topic.equals(myInbox) && envelope.hasPrekey()) {
                acceptSessionStart(envelope);
            }
        } catch (SessionException e) {
            log.debug("Dropped a message on {}: {}", received.message().contentTopic(), e.getMessage());
        }
    }

    private void decryptInConversation(ConversationId id, Envelope envelope) throws SessionException {
        Session session = parts.book().session(id);
        byte[] plaintext = session.decrypt(envelope);
        handleFrame(id, plaintext);
        parts.book().saveSession(id, session);
    }

    /**
     * A first message on my inbox topic. If both people scanned each other's invites, two
     * sessions start at once; both devices keep the one with the smaller base key.
     */
    private void acceptSessionStart(Envelope envelope) throws SessionException {
        PreKeyMessage start = envelope.getPrekey();
        byte[] baseKey = start.getBaseKey().toByteArray();
        Optional<ConversationId> known = parts.book().byBaseKey(baseKey);
        if (known.isPresent()) {
            decryptInConversation(known.get(), envelope);
            return;
        }
        IncomingSession incoming = Session.accept(parts.keys().identity(), parts.keys(), start,
                parts.config().random());
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
            parts.book().put(stored, incoming.session(), Topics.inbox(theirKey).toString());
            parts.node().subscribe(List.of(ContentTopic.parse(parts.book().state(id).getConversationTopic())));
            parts.events().publish(new ChatEvent.ConversationChanged(parts.book().view(id)));
        }
        handleFrame(id, incoming.plaintext());
    }

    private void handleFrame(ConversationId id, byte[] plaintext) throws SessionException {
        Frame frame;
        try {
            frame = Frame.parseFrom(plaintext);
        } catch (InvalidProtocolBufferException e) {
            throw new SessionException(SessionException.Reason.MALFORMED, "frame does not parse");
        }
        if (frame.hasContent()) {
            receiveContent(id, frame.getContent());
        }
        if (frame.getDeliveredCount() > 0) {
            outbox.confirmed(id, frame.getDeliveredList());
        }
    }

    private void receiveContent(ConversationId id, Content content) {
        if (content.getType() == 0 || content.getMessageId().isEmpty()) {
            log.debug("Dropped content without type or id in {}", id);
            return;
        }
        ConversationState state = parts.book().state(id);
        if (content.getLamport() > state.getLamport()) {
            parts.book().saveState(id, state.toBuilder().setLamport(content.getLamport()).build());
        }
        var message = new ChatMessage(new MessageId(content.getMessageId()), id, false,
                new Payload(content.getType(), content.getBody().toByteArray()),
                Instant.ofEpochMilli(content.getSentAtMs()), parts.config().scheduler().now(),
                DeliveryState.RECEIVED, content.getLamport());
        if (parts.messages().insertMessage(new StoredMessage(message, 0, Optional.empty(), new byte[0]))) {
            parts.events().publish(new ChatEvent.MessageAdded(message));
            parts.events().publish(new ChatEvent.ConversationChanged(parts.book().view(id)));
        }
        outbox.confirmLater(id, content.getMessageId());
    }
}
