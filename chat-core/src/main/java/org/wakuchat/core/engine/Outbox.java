package org.wakuchat.core.engine;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryFailure;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.Payload;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.invite.PreKey;
import org.wakuchat.core.session.Session;
import org.wakuchat.core.store.StoredMessage;
import org.wakuchat.core.sync.SyncChannel;
import org.wakuchat.core.sync.proto.SdsMessage;
import org.wakuchat.core.time.Scheduler;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.transport.MessageHash;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.wire.Envelope;

/**
 * Everything that leaves this device: messages (saved first, then published, resent with
 * backoff until the recipient's device acknowledges them) and batched acknowledgements, all
 * within the outbound rate limit, chat messages first.
 */
final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final int OWN_ECHOES_KEPT = 1024;

    private final EngineParts parts;
    private final Scheduler scheduler;
    private final RateLimiter limiter;
    /** Per conversation, the acknowledgement flush scheduled and when it fires. */
    private final Map<ConversationId, ScheduledFlush> ackFlushes = new HashMap<>();
    private final Map<String, Boolean> ownPayloads = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > OWN_ECHOES_KEPT;
        }
    };
    /** When I last wrote in each conversation (this run): whether a reply of mine is likely soon. */
    private final Map<ConversationId, Instant> lastWritten = new HashMap<>();
    private final PumpTimer pumpTimer;

    private final Runnable statusMayHaveChanged;

    Outbox(EngineParts parts, RateLimiter limiter, Runnable statusMayHaveChanged) {
        this.parts = parts;
        this.pumpTimer = new PumpTimer(parts, this::pump);
        this.scheduler = parts.config().scheduler();
        this.limiter = limiter;
        this.statusMayHaveChanged = statusMayHaveChanged;
    }

    /** Saves a new outgoing message as queued and sends it when it can. */
    ChatMessage enqueue(ConversationId id, Payload payload) {
        String messageId = PumpTimer.newMessageId(parts);
        SyncChannel channel = parts.book().sync(id);
        Instant now = scheduler.now();
        long order = channel.append(messageId, now);
        parts.book().saveSync(id, channel);
        lastWritten.put(id, now);
        var message = new ChatMessage(new MessageId(messageId), id, true, payload, now, now, DeliveryState.QUEUED, order);
        parts.messages().insertMessage(new StoredMessage(message, 0, Optional.empty(), new byte[0]));
        parts.events().publish(new ChatEvent.MessageAdded(message));
        parts.events().publish(new ChatEvent.ConversationChanged(parts.book().view(id)));
        pump();
        return message;
    }

    /**
     * Saves a group control message for the 1:1 conversation's session (hidden: no chat message,
     * no events) and sends it like any message: resent until acknowledged.
     */
    void enqueueControl(ConversationId oneToOne, Payload payload) {
        String messageId = PumpTimer.newMessageId(parts);
        SyncChannel channel = parts.book().sync(oneToOne);
        Instant now = scheduler.now();
        long order = channel.append(messageId, now);
        parts.book().saveSync(oneToOne, channel);
        var message = new ChatMessage(new MessageId(messageId), GroupControl.hidden(oneToOne), true, payload, now, now,
                DeliveryState.QUEUED, order);
        parts.messages().insertMessage(new StoredMessage(message, 0, Optional.empty(), new byte[0]));
        pump();
    }

    void retry(MessageId id) {
        StoredMessage stored = parts.messages().message(id)
                .filter(m -> m.message().outgoing())
                .orElseThrow(() -> new IllegalArgumentException("no outgoing message " + id));
        if (stored.message().state() != DeliveryState.FAILED) {
            return;
        }
        setState(new StoredMessage(stored.message(), 0, Optional.empty(), stored.engineState()), DeliveryState.QUEUED);
        statusMayHaveChanged.run();
        pump();
    }

    /** Sends every message that is due, within the rate limit; schedules itself for the next one. */
    void pump() {
        if (!parts.node().status().online()) {
            return;
        }
        Instant now = scheduler.now();
        Instant earliest = null;
        for (StoredMessage pending : parts.messages().pendingOutgoing()) {
            if (GroupControl.isGroup(pending.message().conversation())) {
                continue; // GroupOutbox sends these
            }
            Instant due = pending.nextAttemptAt().orElse(now);
            if (!due.isAfter(now)) {
                if (!limiter.tryAcquire(RateLimiter.Priority.CHAT, now)) {
                    due = limiter.nextSlot(now);
                    parts.report().rateLimited(now, due);
                } else {
                    due = attempt(pending, now);
                }
            }
            if (due != null && (earliest == null || due.isBefore(earliest))) {
                earliest = due;
            }
        }
        pumpTimer.pumpAt(earliest);
        statusMayHaveChanged.run();
    }

    /** The peer's history says it has these messages. */
    void acknowledged(ConversationId conversation, List<String> messageIds) {
        for (String id : messageIds) {
            parts.messages().message(new MessageId(id))
                    .filter(m -> m.message().outgoing()
                            && GroupControl.session(m.message().conversation()).equals(conversation))
                    .filter(m -> m.message().state() != DeliveryState.DELIVERED)
                    .ifPresent(m -> {
                        parts.messages().markDelivered(m.message().id(), scheduler.now());
                        setState(m, DeliveryState.DELIVERED);
                    });
        }
    }

    /**
     * Acknowledgements are due in this conversation. For a new message, while I am in the
     * conversation (wrote in it within {@link DeliveryPolicy#REPLY_LIKELY_WITHIN}), they wait up to
     * the {@linkplain DeliveryPolicy#ackWindow ack window} for my next message to carry them (and
     * cover whatever else arrives meanwhile), then go alone. Otherwise no reply is likely and they
     * go after the short {@linkplain DeliveryPolicy#receiptDelay receipt delay}, as does the
     * confirmation of a copy of a message I already had (the sender is resending: my confirmation
     * has not reached it).
     */
    void acknowledgeSoon(ConversationId conversation, boolean alreadyHad) {
        DeliveryPolicy delivery = parts.config().delivery();
        Instant wrote = lastWritten.get(conversation);
        boolean replyLikely = wrote != null
                && !Duration.between(wrote, scheduler.now()).minus(DeliveryPolicy.REPLY_LIKELY_WITHIN).isPositive();
        flushAcksAfter(conversation, alreadyHad || !replyLikely ? delivery.receiptDelay() : delivery.ackWindow());
    }

    void flushAllAcks() {
        parts.book().ids().forEach(this::flushAcks);
    }

    /** Whether a payload that just arrived is one this device published (nodes hear their own messages). */
    boolean isOwnEcho(byte[] payload) {
        return ownPayloads.containsKey(fingerprint(payload));
    }

    int queuedCount() {
        // Counted in SQL: this runs on every status refresh, and reading the messages would make
        // each send cost more the more messages wait for their acknowledgement.
        return parts.messages().queuedOutgoingCount();
    }

    RateLimiter limiter() {
        return limiter;
    }

    private Instant attempt(StoredMessage pending, Instant now) {
        ChatMessage message = pending.message();
        ConversationId conversation = GroupControl.session(message.conversation());
        boolean answered = parts.book().session(conversation).confirmed();
        if (!answered && inviteExpired(conversation, now)) {
            // Their device refuses session starts for this invite by now: sending costs quota for nothing.
            fail(pending, DeliveryFailure.INVITE_EXPIRED);
            return null;
        }
        if (pending.attempts() >= parts.config().delivery().maxAttempts()) {
            fail(pending, answered ? DeliveryFailure.NO_CONFIRMATION : DeliveryFailure.NO_ANSWER_TO_INVITE);
            return null;
        }
        SyncChannel channel = parts.book().sync(conversation);
        byte[] content = Content.newBuilder()
                .setType(message.payload().type())
                .setBody(ByteString.copyFrom(message.payload().body()))
                .setSentAtMs(message.sentAt().toEpochMilli())
                .build().toByteArray();
        SdsMessage sds = channel.contentMessage(message.id().value(), message.order(), content);
        parts.book().saveSync(conversation, channel);
        int attempts = pending.attempts() + 1;
        Instant next = now.plus(parts.config().delivery().backoff(attempts));
        parts.messages().updateMessage(new StoredMessage(message, attempts, Optional.of(next), pending.engineState()));
        publish(conversation, sds, now).whenComplete((hash, error) -> {
            synchronized (parts.lock()) {
                if (parts.closed().getAsBoolean()) {
                    return;
                }
                if (error != null) {
                    log.info("Publishing message {} failed (attempt {}): {}", message.id(), attempts, error.toString());
                    return;
                }
                SyncChannel latest = parts.book().sync(conversation);
                latest.published(message.id().value(), hash);
                parts.book().saveSync(conversation, latest);
                parts.messages().message(message.id())
                        .filter(m -> m.message().state() == DeliveryState.QUEUED)
                        .ifPresent(m -> setState(m, DeliveryState.SENT));
            }
        });
        return next;
    }

    private void flushAcks(ConversationId conversation) {
        if (!parts.node().status().online()) {
            return;
        }
        SyncChannel channel = parts.book().sync(conversation);
        if (!channel.hasPendingAcks()) {
            return;
        }
        Instant now = scheduler.now();
        if (!limiter.tryAcquire(RateLimiter.Priority.SYNC, now)) {
            flushAcksAfter(conversation, Duration.between(now, limiter.nextSlot(now)));
            return;
        }
        channel.syncMessage(PumpTimer.newMessageId(parts)).ifPresent(sync -> {
            parts.book().saveSync(conversation, channel);
            publish(conversation, sync, now).whenComplete((hash, error) -> {
                if (error != null) {
                    log.info("Publishing acknowledgements failed: {}", error.toString());
                }
            });
        });
        if (channel.hasPendingAcks()) {
            // One message carries at most MAX_ACKS_PER_MESSAGE; after a burst the rest go now,
            // not with the sender's resends.
            flushAcksAfter(conversation, Duration.ZERO);
        }
    }

    /** Flushes the conversation's acknowledgements after {@code wait}, or earlier if a flush is already due sooner. */
    private void flushAcksAfter(ConversationId conversation, Duration wait) {
        Instant due = scheduler.now().plus(wait);
        ScheduledFlush scheduled = ackFlushes.get(conversation);
        if (scheduled != null) {
            if (!due.isBefore(scheduled.due())) {
                return;
            }
            scheduled.task().cancel();
        }
        var flush = new Object() {
            ScheduledFlush self;
        };
        flush.self = new ScheduledFlush(due, scheduler.schedule(wait, () -> {
            synchronized (parts.lock()) {
                // remove only this flush: a sooner one may have replaced it
                ackFlushes.remove(conversation, flush.self);
                if (!parts.closed().getAsBoolean()) {
                    flushAcks(conversation);
                }
            }
        }));
        ackFlushes.put(conversation, flush.self);
    }

    private record ScheduledFlush(Instant due, Scheduler.Cancellable task) {
    }

    /**
     * Encrypts an SDS message for the conversation and publishes it; the session is saved before
     * anything leaves. The Waku timestamp is {@code at}, the instant the rate limiter charged it
     * to, {@linkplain #wireTimestampNanos rounded down to the second}.
     */
    private CompletableFuture<MessageHash> publish(ConversationId conversation, SdsMessage sds, Instant at) {
        Session session = parts.book().session(conversation);
        Envelope envelope = session.encrypt(sds.toByteArray());
        parts.book().saveSession(conversation, session);
        ConversationState state = parts.book().state(conversation);
        ContentTopic topic = ContentTopic.parse(session.confirmed()
                ? state.getConversationTopic() : state.getContactInboxTopic());
        byte[] payload = envelope.toByteArray();
        ownPayloads.put(fingerprint(payload), Boolean.TRUE);
        try {
            return parts.node().publish(WakuMessage.of(payload, topic, wireTimestampNanos(at)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The Waku timestamp (14/WAKU2-MESSAGE, Unix nanoseconds, unencrypted: every relay peer and
     * Store node sees it) of a message published at {@code at}: whole seconds, rounded down. That is
     * all Waku needs: nwaku's relay validator refuses timestamps more than 20 s from its clock, RLN
     * epochs are whole seconds (rounding down never leaves the epoch the rate limiter charged), and
     * Store time queries have a catch-up margin of minutes. The exact sending time travels
     * encrypted, in {@code Content.sent_at_ms}; message hashes stay distinct because every payload
     * is a fresh encryption.
     */
    static long wireTimestampNanos(Instant at) {
        return TimeUnit.SECONDS.toNanos(at.getEpochSecond());
    }

    /** Whether the invite I started this (still unanswered) session from is past its expiry and grace. */
    private boolean inviteExpired(ConversationId conversation, Instant now) {
        long expiresAtMs = parts.book().state(conversation).getContactInviteExpiresAtMs();
        return expiresAtMs != 0 && Instant.ofEpochMilli(expiresAtMs).plus(PreKey.RETENTION_GRACE).isBefore(now);
    }

    private void fail(StoredMessage stored, DeliveryFailure why) {
        ChatMessage message = stored.message().failed(why);
        parts.messages().updateMessage(new StoredMessage(message, stored.attempts(), stored.nextAttemptAt(),
                stored.engineState()));
        if (!GroupControl.isHidden(message.conversation())) {
            parts.events().publish(new ChatEvent.DeliveryChanged(message.conversation(), message.id(), DeliveryState.FAILED));
        }
    }

    private void setState(StoredMessage stored, DeliveryState state) {
        ChatMessage message = stored.message().withState(state);
        parts.messages().updateMessage(new StoredMessage(message, stored.attempts(), stored.nextAttemptAt(),
                stored.engineState()));
        if (!GroupControl.isHidden(message.conversation())) {
            parts.events().publish(new ChatEvent.DeliveryChanged(message.conversation(), message.id(), state));
        }
    }


    private static String fingerprint(byte[] payload) {
        return HexFormat.of().formatHex(Crypto.sha256(payload), 0, 16);
    }
}
