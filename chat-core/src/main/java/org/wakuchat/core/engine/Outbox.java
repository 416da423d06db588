package org.wakuchat.core.engine;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.Payload;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.session.Session;
import org.wakuchat.core.store.StoredMessage;
import org.wakuchat.core.time.Scheduler;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.transport.MessageHash;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.wire.Envelope;

/**
 * Everything that leaves this device: messages (saved first, then published, resent with
 * backoff until the recipient's device confirms them) and batched delivery confirmations.
 */
final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final int OWN_ECHOES_KEPT = 1024;

    private final EngineParts parts;
    private final Scheduler scheduler;
    private final Set<ConversationId> receiptFlushScheduled = new HashSet<>();
    private final Map<String, Boolean> ownPayloads = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > OWN_ECHOES_KEPT;
        }
    };
    private Scheduler.Cancellable nextPump;
    private Instant nextPumpAt;

    Outbox(EngineParts parts) {
        this.parts = parts;
        this.scheduler = parts.config().scheduler();
    }

    /** Saves a new outgoing message as queued and sends it when it can. */
    ChatMessage enqueue(ConversationId id, Payload payload) {
        ConversationState state = parts.book().state(id);
        long order = state.getLamport() + 1;
        parts.book().saveState(id, state.toBuilder().setLamport(order).build());
        Instant now = scheduler.now();
        var message = new ChatMessage(new MessageId(UUID.randomUUID().toString()), id, true, payload, now, now,
                DeliveryState.QUEUED, order);
        parts.messages().insertMessage(new StoredMessage(message, 0, Optional.empty(), new byte[0]));
        parts.events().publish(new ChatEvent.MessageAdded(message));
        parts.events().publish(new ChatEvent.ConversationChanged(parts.book().view(id)));
        pump();
        return message;
    }

    void retry(MessageId id) {
        StoredMessage stored = parts.messages().message(id)
                .filter(m -> m.message().outgoing())
                .orElseThrow(() -> new IllegalArgumentException("no outgoing message " + id));
        if (stored.message().state() != DeliveryState.FAILED) {
            return;
        }
        setState(new StoredMessage(stored.message(), 0, Optional.empty(), stored.engineState()), DeliveryState.QUEUED);
        pump();
    }

    /** Sends every message that is due; schedules itself for the next one. */
    void pump() {
        if (!parts.node().status().online()) {
            return;
        }
        Instant now = scheduler.now();
        Instant earliest = null;
        for (StoredMessage pending : parts.messages().pendingOutgoing()) {
            Instant due = pending.nextAttemptAt().orElse(now);
            if (!due.isAfter(now)) {
                due = attempt(pending, now);
            }
            if (due != null && (earliest == null || due.isBefore(earliest))) {
                earliest = due;
            }
        }
        schedulePump(earliest);
    }

    /** The recipient's device confirmed these messages. */
    void confirmed(ConversationId conversation, List<String> messageIds) {
        for (String id : messageIds) {
            parts.messages().message(new MessageId(id))
                    .filter(m -> m.message().outgoing() && m.message().conversation().equals(conversation))
                    .filter(m -> m.message().state() != DeliveryState.DELIVERED)
                    .ifPresent(m -> setState(m, DeliveryState.DELIVERED));
        }
    }

    /** Remembers to confirm a received message; confirmations go out together shortly after. */
    void confirmLater(ConversationId conversation, String messageId) {
        ConversationState state = parts.book().state(conversation);
        if (!state.getPendingReceiptsList().contains(messageId)) {
            parts.book().saveState(conversation, state.toBuilder().addPendingReceipts(messageId).build());
        }
        if (receiptFlushScheduled.add(conversation)) {
            scheduler.schedule(parts.config().delivery().receiptDelay(), () -> {
                synchronized (parts.lock()) {
                    receiptFlushScheduled.remove(conversation);
                    flushReceipts(conversation);
                }
            });
        }
    }

    void flushAllReceipts() {
        parts.book().ids().forEach(this::flushReceipts);
    }

    /** Whether a payload that just arrived is one this device published (nodes hear their own messages). */
    boolean isOwnEcho(byte[] payload) {
        return ownPayloads.containsKey(fingerprint(payload));
    }

    int queuedCount() {
        return (int) parts.messages().pendingOutgoing().stream()
                .filter(m -> m.message().state() == DeliveryState.QUEUED).count();
    }

    private Instant attempt(StoredMessage pending, Instant now) {
        ChatMessage message = pending.message();
        if (pending.attempts() >= parts.config().delivery().maxAttempts()) {
            setState(pending, DeliveryState.FAILED);
            return null;
        }
        Frame.Builder frame = Frame.newBuilder().setContent(Content.newBuilder()
                .setMessageId(message.id().value())
                .setType(message.payload().type())
                .setBody(ByteString.copyFrom(message.payload().body()))
                .setSentAtMs(message.sentAt().toEpochMilli())
                .setLamport(message.order()));
        takeReceipts(message.conversation(), frame);
        int attempts = pending.attempts() + 1;
        Instant next = now.plus(parts.config().delivery().backoff(attempts));
        var updated = new StoredMessage(message, attempts, Optional.of(next), pending.engineState());
        parts.messages().updateMessage(updated);
        publish(message.conversation(), frame.build()).whenComplete((hash, error) -> {
            synchronized (parts.lock()) {
                if (error != null) {
                    log.info("Publishing message {} failed (attempt {}): {}", message.id(), attempts, error.toString());
                } else {
                    parts.messages().message(message.id())
                            .filter(m -> m.message().state() == DeliveryState.QUEUED)
                            .ifPresent(m -> setState(m, DeliveryState.SENT));
                }
            }
        });
        return next;
    }

    private void flushReceipts(ConversationId conversation) {
        if (!parts.node().status().online() || parts.book().state(conversation).getPendingReceiptsCount() == 0) {
            return;
        }
        Frame.Builder frame = Frame.newBuilder();
        takeReceipts(conversation, frame);
        publish(conversation, frame.build());
    }

    private void takeReceipts(ConversationId conversation, Frame.Builder frame) {
        ConversationState state = parts.book().state(conversation);
        if (state.getPendingReceiptsCount() > 0) {
            frame.addAllDelivered(state.getPendingReceiptsList());
            parts.book().saveState(conversation, state.toBuilder().clearPendingReceipts().build());
        }
    }

    /** Encrypts a frame for the conversation and publishes it; the session is saved before anything leaves. */
    private CompletableFuture<MessageHash> publish(ConversationId conversation, Frame frame) {
        Session session = parts.book().session(conversation);
        Envelope envelope = session.encrypt(frame.toByteArray());
        parts.book().saveSession(conversation, session);
        ConversationState state = parts.book().state(conversation);
        ContentTopic topic = ContentTopic.parse(session.confirmed()
                ? state.getConversationTopic() : state.getContactInboxTopic());
        byte[] payload = envelope.toByteArray();
        ownPayloads.put(fingerprint(payload), Boolean.TRUE);
        long nowNanos = TimeUnit.MILLISECONDS.toNanos(scheduler.now().toEpochMilli());
        try {
            return parts.node().publish(WakuMessage.of(payload, topic, nowNanos));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void setState(StoredMessage stored, DeliveryState state) {
        ChatMessage message = stored.message().withState(state);
        parts.messages().updateMessage(new StoredMessage(message, stored.attempts(), stored.nextAttemptAt(),
                stored.engineState()));
        parts.events().publish(new ChatEvent.DeliveryChanged(message.conversation(), message.id(), state));
    }

    private void schedulePump(Instant at) {
        if (at == null || (nextPumpAt != null && !at.isBefore(nextPumpAt) && nextPump != null)) {
            return;
        }
        if (nextPump != null) {
            nextPump.cancel();
        }
        nextPumpAt = at;
        var delay = java.time.Duration.between(scheduler.now(), at);
        nextPump = scheduler.schedule(delay.isNegative() ? java.time.Duration.ZERO : delay, () -> {
            synchronized (parts.lock()) {
                nextPump = null;
                nextPumpAt = null;
                pump();
            }
        });
    }

    private static String fingerprint(byte[] payload) {
        return java.util.HexFormat.of().formatHex(Crypto.sha256(payload), 0, 16);
    }
}
