package org.wakuchat.core.engine;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatEvent.MissingState;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.Payload;
import org.wakuchat.core.account.AccountId;
import org.wakuchat.core.account.AccountIds;
import org.wakuchat.core.group.GroupCipher;
import org.wakuchat.core.group.GroupCipherException;
import org.wakuchat.core.group.MemberEntry;
import org.wakuchat.core.group.MemberId;
import org.wakuchat.core.session.Envelopes;
import org.wakuchat.core.store.StoredMessage;
import org.wakuchat.core.sync.proto.SdsMessage;
import org.wakuchat.core.transport.MessageHash;
import org.wakuchat.core.transport.ReceivedMessage;
import org.wakuchat.core.transport.StoreQuery;
import org.wakuchat.core.wire.Envelope;

/**
 * Group messages that arrive on a group topic, from relay or Store: opened with the keys in
 * storage ({@link GroupCipher#open}: signature and AEAD before any state changes), the sender's
 * chain committed only after that, each message stored once by its SDS id; acknowledgements in
 * its history go to {@link GroupOutbox}, gaps are looked up in Store by retrieval hint and
 * reported per sender. A message signed with a key not known yet (a newcomer writes before the
 * change carrying its key arrives) is kept, at most {@value #MAX_KEPT} per group, and opened
 * when that change arrives.
 */
final class GroupReceiver {

    private static final Logger log = LoggerFactory.getLogger(GroupReceiver.class);
    static final int MAX_KEPT = 200;
    /**
     * Store lookups of missing messages, as for 1:1 ({@link Recovery}). The user is told of a gap
     * only once the first lookup has answered: a gap that it (or the rest of a catch-up page) fills,
     * or that names a message of an epoch I never had, is no news.
     */
    private static final List<Duration> LOOKUPS = List.of(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(30));

    enum Outcome { READ, KEPT, NOT_READABLE, DROPPED, NOT_A_GROUP_TOPIC }

    private final EngineParts parts;
    private final GroupBook book;
    private final GroupOutbox outbox;
    private final Map<ConversationId, Deque<ReceivedMessage>> kept = new HashMap<>();
    /** Group and sender ("group/sender") whose missing messages the user was told about (RECOVERED then follows). */
    private final java.util.Set<String> announced = new java.util.HashSet<>();

    private final java.util.function.Consumer<GroupBook.Entry> viewChanged;
    private final BroadcastHandler broadcasts;
    /** A new message with content was stored, sealed in the given epoch (the key refresh counts them). */
    private final java.util.function.ObjLongConsumer<GroupBook.Entry> contentRead;

    /** Takes what a member says on the group topic to those it has no 1:1 session with (content type {@link GroupControl#BROADCAST}). */
    interface BroadcastHandler {
        void onBroadcast(GroupBook.Entry entry, MemberEntry sender, GroupBroadcastBody body);
    }

    GroupReceiver(EngineParts parts, GroupBook book, GroupOutbox outbox,
                  java.util.function.Consumer<GroupBook.Entry> viewChanged,
                  java.util.function.ObjLongConsumer<GroupBook.Entry> contentRead, BroadcastHandler broadcasts) {
        this.viewChanged = viewChanged;
        this.contentRead = contentRead;
        this.broadcasts = broadcasts;
        this.parts = parts;
        this.book = book;
        this.outbox = outbox;
    }

    boolean handles(ReceivedMessage message) {
        return book.byTopic(message.message().contentTopic()).isPresent();
    }

    Outcome onMessage(ReceivedMessage received) {
        Optional<GroupBook.Entry> found = book.byTopic(received.message().contentTopic());
        if (found.isEmpty()) {
            return Outcome.NOT_A_GROUP_TOPIC;
        }
        return onMessage(found.get(), received);
    }

    /** A message of this group (from its topic, or found in Store by its hash, whatever its topic). */
    private Outcome onMessage(GroupBook.Entry entry, ReceivedMessage received) {
        byte[] payload = received.message().payload();
        if (outbox.isOwnEcho(payload)) {
            return Outcome.DROPPED;
        }
        Envelope envelope;
        try {
            envelope = Envelope.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            GroupBook.logDropped(entry.id, "not an envelope");
            return Outcome.DROPPED;
        }
        if (envelope.getVersion() != Envelopes.VERSION || envelope.getBodyCase() != Envelope.BodyCase.GROUP) {
            GroupBook.logDropped(entry.id, "not a group message of wire version " + Envelopes.VERSION);
            return Outcome.DROPPED;
        }
        Instant now = parts.config().scheduler().now();
        GroupCipher.Opened opened;
        try {
            opened = GroupCipher.open(entry.gid, envelope.getGroup().toByteArray(), book.keyring(entry, now));
        } catch (GroupCipherException e) {
            if (e.reason() == GroupCipherException.Reason.UNKNOWN_SIGNING_KEY) {
                Deque<ReceivedMessage> queue = kept.computeIfAbsent(entry.id, k -> new ArrayDeque<>());
                queue.addLast(received);
                while (queue.size() > MAX_KEPT) {
                    queue.removeFirst();
                }
                return Outcome.KEPT;
            }
            GroupBook.logDropped(entry.id, e.reason() + ": " + e.getMessage());
            return e.reason() == GroupCipherException.Reason.NOT_FOR_US ? Outcome.NOT_READABLE : Outcome.DROPPED;
        }
        return handleOpened(entry, opened, received.hash(), now);
    }

    private Outcome handleOpened(GroupBook.Entry entry, GroupCipher.Opened opened, MessageHash hash, Instant now) {
        MemberId me = book.myId(entry);
        if (opened.sender().equals(me)) {
            return Outcome.DROPPED;
        }
        SdsMessage wire;
        Content content = null;
        try {
            wire = SdsMessage.parseFrom(opened.plaintext());
            if (wire.hasContent()) {
                content = Content.parseFrom(wire.getContent());
            }
        } catch (InvalidProtocolBufferException e) {
            GroupBook.logDropped(entry.id, "SDS message does not parse");
            return Outcome.DROPPED;
        }
        // Senders leave out sender_id and channel_id (known from the header and the keys); if a
        // message carries them they must match.
        if ((!wire.getSenderId().isEmpty() && !wire.getSenderId().equals(opened.sender().hex()))
                || (!wire.getChannelId().isEmpty() && !wire.getChannelId().equals(entry.gid.hex()))) {
            GroupBook.logDropped(entry.id, "SDS message with a wrong sender or channel");
            return Outcome.DROPPED;
        }
        GroupBroadcastBody broadcast = null;
        if (content != null && content.getType() == GroupControl.BROADCAST) {
            try {
                broadcast = GroupBroadcastBody.parseFrom(content.getBody());
            } catch (InvalidProtocolBufferException e) {
                GroupBook.logDropped(entry.id, "group broadcast does not parse");
                return Outcome.DROPPED;
            }
            // Not a chat message: for SDS it is a sync message (its acknowledgements count).
            wire = wire.toBuilder().clearContent().build();
            content = null;
        }
        SdsMessage sds = wire.toBuilder().setSenderId(opened.sender().hex()).setChannelId(entry.gid.hex()).build();
        if (sds.getMessageId().isEmpty()
                || (content != null && (content.getType() <= 0 || GroupControl.isControl(content.getType())))) {
            GroupBook.logDropped(entry.id, "SDS message with a wrong sender, channel, id or content type");
            return Outcome.DROPPED;
        }
        Optional<MemberEntry> sender = book.member(entry, opened.epoch(), opened.sender());
        if (sender.isEmpty()) {
            return Outcome.DROPPED;
        }
        AccountId senderAccount = AccountIds.of(sender.get().identityKey());
        GroupSync sync = entry.sync();
        Set<String> missingBefore = sync.missing().stream().map(GroupMissingEntry::getMessageId).collect(Collectors.toSet());
        // Long after I joined, an acknowledgement naming a message I lack is a gap like any other:
        // it cannot be looked up in Store (no hint), but if its writer gives up I am told LOST
        // instead of never hearing of it (the default group soak found such a silent loss).
        boolean hintlessGaps = book.joinedAt(entry).map(at -> now.isAfter(at.plus(GroupBook.PREVIOUS_EPOCH_GRACE)))
                .orElse(false);
        GroupSync.Received received = sync.receive(sds, hash,
                id -> parts.messages().message(new MessageId(id)).isPresent(), now, hintlessGaps);
        Content body = content;
        // The message and the SDS state commit together, then the chain: after a crash in between
        // the message is known and its copy is a duplicate, while the older chain still opens it.
        parts.messages().inTransaction(() -> {
            if (received.isNew()) {
                var message = new ChatMessage(new MessageId(sds.getMessageId()), entry.id, false,
                        new Payload(body.getType(), body.getBody().toByteArray()),
                        Instant.ofEpochMilli(body.getSentAtMs()), now, DeliveryState.RECEIVED,
                        org.wakuchat.core.sync.SyncChannel.lamportOf(sds), Optional.empty(), Optional.of(senderAccount));
                parts.messages().insertMessage(new StoredMessage(message, 0, Optional.empty(), new byte[0]));
            }
            entry.saveSync(sync);
            book.save(entry);
        });
        book.saveChainState(entry, opened.epoch(), opened.sender(), opened.next());
        if (received.isNew()) {
            ChatMessage stored = parts.messages().message(new MessageId(sds.getMessageId())).orElseThrow().message();
            parts.events().publish(new ChatEvent.MessageAdded(stored));
            viewChanged.accept(entry);
        }
        outbox.acknowledged(entry, opened.sender(), received.named());
        outbox.seenIn(entry, opened.sender(), opened.epoch());
        if (received.content()) {
            outbox.syncSoon(entry);
        }
        if (!received.newlyMissing().isEmpty()) {
            scheduleLookups(entry.id, received.newlyMissing());
        }
        if (received.recoveredMissing() && missingBefore.contains(sds.getMessageId())) {
            reportMissing(entry, sds.getSenderId(), MissingState.RECOVERING);
        }
        if (received.isNew()) {
            contentRead.accept(entry, opened.epoch());
        }
        if (broadcast != null) {
            broadcasts.onBroadcast(entry, sender.get(), broadcast);
        }
        return Outcome.READ;
    }

    /** A change made new signing keys known: the messages kept for them are opened now. */
    void retryKept(GroupBook.Entry entry) {
        Deque<ReceivedMessage> queue = kept.remove(entry.id);
        if (queue == null) {
            return;
        }
        for (ReceivedMessage message : queue) {
            onMessage(message);
        }
    }

    int keptCount(ConversationId group) {
        return kept.getOrDefault(group, new ArrayDeque<>()).size();
    }

    /** At start: missing messages found before a restart are still looked up and, in time, reported. */
    void resume() {
        for (GroupBook.Entry entry : book.all()) {
            List<GroupMissingEntry> open = entry.sync().missing().stream().filter(m -> !m.getReportedLost()).toList();
            if (!open.isEmpty()) {
                scheduleLookups(entry.id, open);
            }
        }
    }

    private void scheduleLookups(ConversationId group, List<GroupMissingEntry> missing) {
        List<MessageHash> hints = missing.stream()
                .filter(m -> m.getRetrievalHint().size() == 32)
                .map(m -> new MessageHash(m.getRetrievalHint().toByteArray()))
                .toList();
        for (int i = 0; i < LOOKUPS.size(); i++) {
            boolean first = i == 0;
            parts.config().scheduler().schedule(LOOKUPS.get(i), () -> lookUp(group, hints, first));
        }
        parts.config().scheduler().schedule(parts.config().delivery().missingPatience().plusSeconds(1),
                () -> giveUpOverdue(group));
    }

    private void lookUp(ConversationId group, List<MessageHash> hints, boolean first) {
        List<MessageHash> stillMissing;
        synchronized (parts.lock()) {
            Optional<GroupBook.Entry> entry = book.get(group);
            if (parts.closed().getAsBoolean() || entry.isEmpty() || !entry.get().member) {
                return;
            }
            List<ByteString> open = entry.get().sync().missing().stream().map(GroupMissingEntry::getRetrievalHint).toList();
            stillMissing = hints.stream().filter(h -> open.contains(ByteString.copyFrom(h.bytes()))).toList();
            if (stillMissing.isEmpty() || !parts.node().status().online()) {
                if (first && !stillMissing.isEmpty()) {
                    reportAllMissing(entry.get());
                }
                return;
            }
        }
        parts.node().storeQuery(StoreQuery.byHashes(stillMissing)).whenComplete((page, error) -> {
            synchronized (parts.lock()) {
                if (parts.closed().getAsBoolean()) {
                    return;
                }
                Optional<GroupBook.Entry> entry = book.get(group);
                if (entry.isEmpty()) {
                    return;
                }
                if (error != null) {
                    log.info("Store lookup of {} missing group messages failed: {}", stillMissing.size(), error.toString());
                } else {
                    Set<String> forgotten = new java.util.LinkedHashSet<>();
                    for (ReceivedMessage message : page.messages()) {
                        Outcome outcome = book.get(group).map(e -> onMessage(e, message)).orElse(Outcome.DROPPED);
                        if (outcome == Outcome.NOT_READABLE || outcome == Outcome.DROPPED) {
                            // Found, but sent in an epoch I was never in (before I joined) or no longer
                            // read, or not readable at all: not mine to recover, and not lost either.
                            forgotten.addAll(forgetByHint(book.get(group).orElseThrow(), message.hash()));
                        }
                    }
                    // The user was told of these gaps: say how many are left (RECOVERED at none).
                    GroupBook.Entry now = book.get(group).orElseThrow();
                    forgotten.stream().filter(sender -> announced.contains(now.id.value() + "/" + sender))
                            .forEach(sender -> reportMissing(now, sender, MissingState.RECOVERING));
                }
                if (first) {
                    reportAllMissing(book.get(group).orElseThrow());
                }
            }
        });
    }

    /**
     * Forgets the missing entries with this retrieval hint that may be from before I joined;
     * returns their senders. Only a gap seen within {@link GroupBook#PREVIOUS_EPOCH_GRACE} of my
     * join can be that: later, an unreadable message is one of an epoch I was in whose keys are
     * gone, and it stays missing, to be reported LOST (a silent loss otherwise: the default group
     * soak found one).
     */
    private Set<String> forgetByHint(GroupBook.Entry entry, MessageHash hash) {
        GroupSync sync = entry.sync();
        ByteString hint = ByteString.copyFrom(hash.bytes());
        Set<String> senders = new java.util.LinkedHashSet<>();
        long preJoinUntilMs = book.joinedAt(entry).map(at -> at.plus(GroupBook.PREVIOUS_EPOCH_GRACE).toEpochMilli())
                .orElse(Long.MAX_VALUE);
        sync.missing().stream().filter(m -> m.getRetrievalHint().equals(hint))
                .filter(m -> m.getDetectedAtMs() <= preJoinUntilMs).forEach(m -> {
            sync.forgetMissing(m.getMessageId());
            senders.add(m.getSenderId());
        });
        entry.saveSync(sync);
        book.save(entry);
        return senders;
    }

    private void reportAllMissing(GroupBook.Entry entry) {
        entry.sync().missing().stream().filter(m -> !m.getReportedLost()).map(GroupMissingEntry::getSenderId)
                .distinct().forEach(sender -> reportMissing(entry, sender, MissingState.RECOVERING));
    }

    /** Tells how many of one sender's messages are missing now (RECOVERED once none is). */
    private void reportMissing(GroupBook.Entry entry, String senderId, MissingState state) {
        Optional<MemberEntry> sender = book.anyMember(entry, senderId);
        if (sender.isEmpty()) {
            return;
        }
        long count = entry.sync().missing().stream().filter(m -> m.getSenderId().equals(senderId))
                .filter(m -> state != MissingState.LOST || m.getReportedLost()).count();
        MissingState shown = count == 0 && state == MissingState.RECOVERING ? MissingState.RECOVERED : state;
        String key = entry.id.value() + "/" + senderId;
        if (shown == MissingState.RECOVERED) {
            if (!announced.remove(key)) {
                return; // filled before the user was told of the gap: nothing to say
            }
        } else {
            announced.add(key);
        }
        parts.events().publish(new ChatEvent.GroupMissingMessages(entry.id, AccountIds.of(sender.get().identityKey()),
                (int) count, shown));
    }

    private void giveUpOverdue(ConversationId group) {
        synchronized (parts.lock()) {
            Optional<GroupBook.Entry> found = book.get(group);
            // Once removed (or gone) nothing of the group can be recovered any more, and the
            // device says so by showing the removal, not by a LOST count for a group it left.
            if (parts.closed().getAsBoolean() || found.isEmpty() || !found.get().member) {
                return;
            }
            GroupBook.Entry entry = found.get();
            GroupSync sync = entry.sync();
            List<GroupMissingEntry> lost = sync.giveUp(parts.config().scheduler().now(),
                    parts.config().delivery().missingPatience());
            if (lost.isEmpty()) {
                return;
            }
            entry.saveSync(sync);
            book.save(entry);
            Map<String, Integer> bySender = new LinkedHashMap<>();
            lost.forEach(m -> bySender.merge(m.getSenderId(), 1, Integer::sum));
            bySender.keySet().forEach(sender -> reportMissing(entry, sender, MissingState.LOST));
        }
    }

    static List<String> ids(List<GroupMissingEntry> entries) {
        List<String> ids = new ArrayList<>();
        entries.forEach(e -> ids.add(e.getMessageId()));
        return ids;
    }
}
