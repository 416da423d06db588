package org.wakuchat.core.engine;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryFailure;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.Payload;
import org.wakuchat.core.account.AccountId;
import org.wakuchat.core.account.AccountIds;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.group.EpochKeys;
import org.wakuchat.core.group.GroupCipher;
import org.wakuchat.core.group.GroupDelivery;
import org.wakuchat.core.group.MemberEntry;
import org.wakuchat.core.group.MemberId;
import org.wakuchat.core.group.SigningKeyPair;
import org.wakuchat.core.session.Envelopes;
import org.wakuchat.core.store.GroupStore;
import org.wakuchat.core.store.StoredMessage;
import org.wakuchat.core.sync.proto.SdsMessage;
import org.wakuchat.core.time.Scheduler;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.transport.MessageHash;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.wire.Envelope;

/**
 * My group messages: each is sealed once ({@link GroupCipher#seal}) and published once on the
 * group's topic, whatever the group's size; resent with the 1:1 backoff until every member of
 * its epoch confirmed it or {@link DeliveryPolicy#maxAttempts()}. A resend is a new seal at my
 * chain's next index (new salt) carrying the same SDS message id: receivers drop it by id. Also
 * the content-less sync messages of a member who reads but does not write (at most one per
 * {@link #SYNC_INTERVAL} per group), at the rate limiter's SYNC priority, like 1:1 acknowledgements.
 */
final class GroupOutbox {

    private static final Logger log = LoggerFactory.getLogger(GroupOutbox.class);
    static final Duration SYNC_INTERVAL = Duration.ofSeconds(10);
    private static final int OWN_ECHOES_KEPT = 1024;

    private final EngineParts parts;
    private final GroupBook book;
    private final GroupStore store;
    private final RateLimiter limiter;
    private final Scheduler scheduler;
    private final Runnable statusMayHaveChanged;
    private final Set<ConversationId> syncScheduled = new HashSet<>();
    private final Map<String, Boolean> ownPayloads = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > OWN_ECHOES_KEPT;
        }
    };
    private final PumpTimer pumpTimer;
    /** Publishes since start (for measurements and tests). */
    private long publishes;

    GroupOutbox(EngineParts parts, GroupBook book, GroupStore store, RateLimiter limiter, Runnable statusMayHaveChanged) {
        this.parts = parts;
        this.pumpTimer = new PumpTimer(parts, this::pump);
        this.book = book;
        this.store = store;
        this.limiter = limiter;
        this.scheduler = parts.config().scheduler();
        this.statusMayHaveChanged = statusMayHaveChanged;
    }

    /**
     * Sent again on the user's request: written anew in the current epoch, for its members (the
     * epoch it was written in may have lost a fork, or its keys may be gone); those who confirmed
     * it before still count.
     */
    void retry(GroupBook.Entry entry, StoredMessage failed) {
        if (failed.message().state() != DeliveryState.FAILED) {
            return;
        }
        setState(new StoredMessage(failed.message(), 0, Optional.empty(), writtenNow(entry)), DeliveryState.QUEUED);
        pump();
    }

    /** The state of a message written now: the current epoch, its change and its other members. */
    private byte[] writtenNow(GroupBook.Entry entry) {
        GroupMessageState.Builder written = GroupMessageState.newBuilder().setEpoch(entry.epoch())
                .setEpochChangeHash(ByteString.copyFrom(entry.head().hash()));
        MemberId mine = book.myId(entry);
        entry.head().members().stream().filter(m -> !m.id(entry.gid).equals(mine))
                .forEach(m -> written.addAudience(ByteString.copyFrom(m.identityKey())));
        return written.build().toByteArray();
    }

    ChatMessage enqueue(GroupBook.Entry entry, Payload payload) {
        String messageId = PumpTimer.newMessageId(parts);
        GroupSync sync = entry.sync();
        Instant now = scheduler.now();
        long order = sync.append(messageId, book.myId(entry).hex(), now);
        entry.saveSync(sync);
        book.save(entry);
        var message = new ChatMessage(new MessageId(messageId), entry.id, true, payload, now, now, DeliveryState.QUEUED, order);
        byte[] state = writtenNow(entry);
        parts.messages().insertMessage(new StoredMessage(message, 0, Optional.empty(), state));
        parts.events().publish(new ChatEvent.MessageAdded(message));
        pump();
        return message;
    }

    /** Sends every group message that is due, within the rate limit. */
    void pump() {
        if (!parts.node().status().online()) {
            return;
        }
        Instant now = scheduler.now();
        Instant earliest = null;
        for (StoredMessage pending : parts.messages().pendingOutgoing()) {
            ConversationId conversation = pending.message().conversation();
            if (!GroupControl.isGroup(conversation)) {
                continue;
            }
            Optional<GroupBook.Entry> entry = book.get(conversation);
            if (entry.isEmpty() || !entry.get().member) {
                fail(pending);
                continue;
            }
            Instant due = pending.nextAttemptAt().orElse(now);
            if (!due.isAfter(now)) {
                if (pending.attempts() >= parts.config().delivery().maxAttempts()) {
                    fail(pending);
                    continue;
                }
                if (!limiter.tryAcquire(RateLimiter.Priority.CHAT, now)) {
                    due = limiter.nextSlot(now);
                    parts.report().rateLimited(now, due);
                } else {
                    due = attempt(entry.get(), pending, now);
                }
            }
            if (due != null && (earliest == null || due.isBefore(earliest))) {
                earliest = due;
            }
        }
        pumpTimer.pumpAt(earliest);
        statusMayHaveChanged.run();
    }

    private Instant attempt(GroupBook.Entry entry, StoredMessage pending, Instant now) {
        ChatMessage message = pending.message();
        Optional<Long> sealIn = sealingEpoch(entry, pending);
        if (sealIn.isEmpty()) {
            // Its epoch's keys are gone and the group has members who were not in it: a resend
            // would let them read what was written before their time. Those of its epoch who are
            // still waited for do not get it; the message says so.
            log.info("Group {}: message {} of epoch {} is no longer resent (that epoch's keys are gone)",
                    entry.id, message.id(), epochOf(pending));
            fail(pending);
            return null;
        }
        byte[] content = Content.newBuilder()
                .setType(message.payload().type())
                .setBody(ByteString.copyFrom(message.payload().body()))
                .setSentAtMs(message.sentAt().toEpochMilli())
                .build().toByteArray();
        GroupSync sync = entry.sync();
        SdsMessage sds = sync.message(message.id().value(), book.myId(entry).hex(), entry.gid.hex(), message.order(),
                Optional.of(content));
        entry.saveSync(sync);
        book.save(entry);
        int attempts = pending.attempts() + 1;
        Instant next = now.plus(parts.config().delivery().backoff(attempts));
        parts.messages().updateMessage(new StoredMessage(message, attempts, Optional.of(next), pending.engineState()));
        publish(entry, sealIn.get(), sds, now).whenComplete((hash, error) -> {
            synchronized (parts.lock()) {
                if (parts.closed().getAsBoolean()) {
                    return;
                }
                if (error != null) {
                    log.info("Publishing group message {} failed (attempt {}): {}", message.id(), attempts, error.toString());
                    return;
                }
                book.get(entry.id).ifPresent(latest -> {
                    GroupSync s = latest.sync();
                    s.published(message.id().value(), hash);
                    latest.saveSync(s);
                    book.save(latest);
                });
                parts.messages().message(message.id())
                        .filter(m -> m.message().state() == DeliveryState.QUEUED)
                        .ifPresent(m -> setState(m, DeliveryState.SENT));
            }
        });
        return next;
    }

    /**
     * The epoch a (re)send of my message is sealed in: the epoch it was written in, so that only
     * that epoch's members can read it, while that epoch's keys are kept (the current epoch, or
     * an earlier one during its grace) and no fork replaced it; else the latest later epoch I hold
     * whose members were all in its audience; else none (it can no longer be resent).
     */
    private Optional<Long> sealingEpoch(GroupBook.Entry entry, StoredMessage stored) {
        GroupMessageState written = stateOf(stored);
        long epoch = Math.min(written.getEpoch(), entry.epoch());
        if (stillTheEpochWrittenIn(entry, written) && (epoch == entry.epoch() || book.keys(entry, epoch).isPresent())) {
            return Optional.of(epoch);
        }
        // Its epoch's keys are gone, or that epoch lost a fork (nobody reads it any more): the
        // latest epoch whose keys I hold and whose members were all in the message's audience or
        // added no later than it was written (one added on the winning side of a fork while I
        // wrote on the losing one was a member by then; one added afterwards never reads it).
        Set<MemberId> audience = epochMembers(entry, stored);
        MemberId mine = book.myId(entry);
        Instant writtenAt = stored.message().sentAt();
        for (long e = entry.epoch(); e >= epoch; e--) {
            if (e != entry.epoch() && book.keys(entry, e).isEmpty()) {
                continue;
            }
            long at = e;
            Optional<List<MemberEntry>> members = book.membersOf(entry, e);
            if (members.isPresent() && members.get().stream().allMatch(m -> m.id(entry.gid).equals(mine)
                    || audience.contains(m.id(entry.gid))
                    || GroupBook.broughtIn(entry, m.identityKey(), at).map(c -> !c.at().isAfter(writtenAt)).orElse(false))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }


    /** Whether the epoch a message was written in is still, under its number, the one in the chain (no fork replaced it). */
    private static boolean stillTheEpochWrittenIn(GroupBook.Entry entry, GroupMessageState written) {
        if (written.getEpochChangeHash().isEmpty()) {
            return true;
        }
        byte[] hash = written.getEpochChangeHash().toByteArray();
        return entry.chain.changes().stream().filter(c -> c.epoch() == written.getEpoch()).findFirst()
                .map(c -> java.util.Arrays.equals(c.hash(), hash)).orElse(true);
    }

    /** Acknowledgements are due in the group: a sync message goes out unless one of mine carries them first. */
    void syncSoon(GroupBook.Entry entry) {
        if (!syncScheduled.add(entry.id)) {
            return;
        }
        Instant now = scheduler.now();
        Instant earliest = Instant.ofEpochMilli(entry.local.getLastSyncSentMs()).plus(SYNC_INTERVAL);
        Duration wait = Duration.between(now, earliest);
        Duration delay = wait.compareTo(parts.config().delivery().receiptDelay()) > 0 ? wait
                : parts.config().delivery().receiptDelay();
        scheduler.schedule(delay, () -> {
            synchronized (parts.lock()) {
                syncScheduled.remove(entry.id);
                if (!parts.closed().getAsBoolean()) {
                    book.get(entry.id).ifPresent(this::flushSync);
                }
            }
        });
    }

    void flushAllSyncs() {
        book.all().forEach(e -> {
            if (e.sync().hasPendingAcks()) {
                syncSoon(e);
            }
        });
    }

    private void flushSync(GroupBook.Entry entry) {
        if (!entry.member || !parts.node().status().online()) {
            return;
        }
        GroupSync sync = entry.sync();
        if (!sync.hasPendingAcks()) {
            return;
        }
        Instant now = scheduler.now();
        if (!limiter.tryAcquire(RateLimiter.Priority.SYNC, now)) {
            syncScheduled.add(entry.id);
            scheduler.schedule(Duration.between(now, limiter.nextSlot(now)), () -> {
                synchronized (parts.lock()) {
                    syncScheduled.remove(entry.id);
                    if (!parts.closed().getAsBoolean()) {
                        book.get(entry.id).ifPresent(this::flushSync);
                    }
                }
            });
            return;
        }
        SdsMessage sds = sync.message(PumpTimer.newMessageId(parts), book.myId(entry).hex(), entry.gid.hex(), sync.lamport(),
                Optional.empty());
        entry.saveSync(sync);
        entry.local = entry.local.toBuilder().setLastSyncSentMs(now.toEpochMilli()).build();
        book.save(entry);
        publish(entry, entry.epoch(), sds, now).whenComplete((hash, error) -> {
            if (error != null) {
                log.info("Publishing group acknowledgements failed: {}", error.toString());
            }
        });
        if (sync.hasPendingAcks()) {
            syncSoon(entry);
        }
    }

    /**
     * When a broadcast goes out again after its first publish: nothing acknowledges it, so it is
     * repeated, within the parent epoch's hour of grace, until every member it carries a secret
     * for has been seen writing in the new epoch (which it can only do once it has the change);
     * Store (catch-up, or a look-up when a later change's parent is unknown) covers the rest.
     */
    static final List<Duration> BROADCAST_COPIES = List.of(Duration.ZERO, Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(30),
            Duration.ofMinutes(55));

    /** A change's broadcast and who it still waits to see in the new epoch (in memory: after a restart, Store). */
    private record Awaiting(ConversationId group, long newEpoch, Set<MemberId> members) {
    }

    private final Map<String, Awaiting> awaiting = new HashMap<>();
    /** Broadcasts whose first copy has not been published yet (they count as queued: the CLI waits for them). */
    private final Set<String> firstCopyPending = new HashSet<>();
    /** Leave notices sealed while offline (the keys are gone right after), published once online. */
    private final List<WakuMessage> sealedNotices = new ArrayList<>();

    /**
     * Publishes {@code body} ({@link GroupBroadcastBody}) to the group on the topic of
     * {@code epoch} (the one the members it is for are in), as a group message of content type
     * {@link GroupControl#BROADCAST}: at once and at each of {@link #BROADCAST_COPIES} while
     * that epoch's keys are kept, within the rate limit (a copy with no slot waits for one), and
     * no more once each of {@code waitFor} was seen in {@code newEpoch} (all copies if it is empty:
     * a broadcast only for departed members).
     */
    void broadcast(GroupBook.Entry entry, long epoch, GroupBroadcastBody body, long newEpoch, Set<MemberId> waitFor) {
        PendingBroadcast pending = PendingBroadcast.newBuilder().setId(PumpTimer.newMessageId(parts)).setEpoch(epoch)
                .setContent(ByteString.copyFrom(broadcastContent(body))).setNewEpoch(newEpoch)
                .addAllWaitFor(waitFor.stream().map(MemberId::hex).sorted().toList())
                .setUntilMs(scheduler.now().plus(GroupBook.PREVIOUS_EPOCH_GRACE).toEpochMilli()).build();
        entry.local = entry.local.toBuilder().addPendingBroadcasts(pending).build();
        book.save(entry);
        startCopies(entry, pending);
    }

    /** At start: my broadcasts still within their hour are sent again at once and copied on from now. */
    void resumeBroadcasts(GroupBook.Entry entry) {
        long nowMs = scheduler.now().toEpochMilli();
        List<PendingBroadcast> live = entry.local.getPendingBroadcastsList().stream()
                .filter(p -> p.getUntilMs() > nowMs).toList();
        if (live.size() != entry.local.getPendingBroadcastsCount()) {
            updatePending(entry, live);
        }
        live.forEach(p -> startCopies(entry, p));
    }

    private void updatePending(GroupBook.Entry entry, List<PendingBroadcast> pending) {
        entry.local = entry.local.toBuilder().clearPendingBroadcasts().addAllPendingBroadcasts(pending).build();
        book.save(entry);
    }

    /** The broadcast is done (everyone it waited for was seen, or its hour is over): no more copies, not kept. */
    private void finished(ConversationId group, String id) {
        awaiting.remove(id);
        firstCopyPending.remove(id);
        book.get(group).ifPresent(e -> {
            if (e.local.getPendingBroadcastsList().stream().anyMatch(p -> p.getId().equals(id))) {
                updatePending(e, e.local.getPendingBroadcastsList().stream().filter(p -> !p.getId().equals(id)).toList());
            }
        });
        statusMayHaveChanged.run();
    }

    private void startCopies(GroupBook.Entry entry, PendingBroadcast pending) {
        String id = pending.getId();
        long epoch = pending.getEpoch();
        byte[] content = pending.getContent().toByteArray();
        if (pending.getWaitForCount() > 0) {
            Set<MemberId> waitFor = new HashSet<>();
            pending.getWaitForList().forEach(hex -> waitFor.add(MemberId.fromHex(hex)));
            awaiting.put(id, new Awaiting(entry.id, pending.getNewEpoch(), waitFor));
        }
        if (!pending.getPublished()) {
            firstCopyPending.add(id);
        }
        publishBroadcast(entry, epoch, id, content);
        Instant until = Instant.ofEpochMilli(pending.getUntilMs());
        for (Duration after : BROADCAST_COPIES.subList(1, BROADCAST_COPIES.size())) {
            if (scheduler.now().plus(after).isAfter(until)) {
                break;
            }
            scheduler.schedule(after, () -> {
                synchronized (parts.lock()) {
                    if (!parts.closed().getAsBoolean()) {
                        book.get(entry.id).ifPresent(e -> publishBroadcast(e, epoch, id, content));
                    }
                }
            });
        }
        scheduler.schedule(Duration.between(scheduler.now(), until).plusSeconds(1), () -> {
            synchronized (parts.lock()) {
                if (!parts.closed().getAsBoolean()) {
                    finished(entry.id, id);
                }
            }
        });
    }

    /** A message of {@code member} sealed in {@code epoch} was read: it has every change up to that epoch. */
    void seenIn(GroupBook.Entry entry, MemberId member, long epoch) {
        List<String> done = new ArrayList<>();
        awaiting.forEach((id, a) -> {
            if (a.group().equals(entry.id) && epoch >= a.newEpoch() && a.members().remove(member) && a.members().isEmpty()
                    && !firstCopyPending.contains(id)) {
                done.add(id);
            }
        });
        done.forEach(id -> finished(entry.id, id));
    }

    /**
     * Seals {@code body} now, while I still have the epoch's keys (I am about to lose them), and
     * publishes it at once if the node is online, else as soon as it is; within the rate limit or not.
     */
    void broadcastNow(GroupBook.Entry entry, long epoch, GroupBroadcastBody body) {
        if (book.keys(entry, epoch).isEmpty()) {
            return;
        }
        limiter.tryAcquire(RateLimiter.Priority.CHAT, scheduler.now());
        GroupSync sync = entry.sync();
        SdsMessage sds = sync.message(PumpTimer.newMessageId(parts), book.myId(entry).hex(), entry.gid.hex(),
                sync.lamport(), Optional.of(broadcastContent(body)));
        entry.saveSync(sync);
        book.save(entry);
        sealedNotices.add(seal(entry, epoch, sds, scheduler.now()));
        sendWaitingBroadcasts();
    }

    /** The node is online: first copies and sealed notices that could not go out yet go now. */
    void sendWaitingBroadcasts() {
        if (!parts.node().status().online()) {
            return;
        }
        for (WakuMessage notice : List.copyOf(sealedNotices)) {
            sealedNotices.remove(notice);
            publishes++;
            parts.node().publish(notice).whenComplete((hash, error) -> {
                synchronized (parts.lock()) {
                    if (error != null) {
                        log.info("Publishing a group notice failed: {}", error.toString());
                        sealedNotices.add(notice);
                    }
                    statusMayHaveChanged.run();
                }
            });
        }
        // The broadcasts themselves are in the groups' state (pending_broadcasts), not copied here.
        for (GroupBook.Entry e : book.all()) {
            for (PendingBroadcast p : List.copyOf(e.local.getPendingBroadcastsList())) {
                if (firstCopyPending.contains(p.getId())) {
                    publishBroadcast(e, p.getEpoch(), p.getId(), p.getContent().toByteArray());
                }
            }
        }
    }

    /** Broadcasts and notices not published even once yet (part of the engine's queued count). */
    int queuedBroadcasts() {
        return firstCopyPending.size() + sealedNotices.size();
    }

    private byte[] broadcastContent(GroupBroadcastBody body) {
        return Content.newBuilder().setType(GroupControl.BROADCAST).setBody(body.toByteString())
                .setSentAtMs(scheduler.now().toEpochMilli()).build().toByteArray();
    }

    private void publishBroadcast(GroupBook.Entry entry, long epoch, String id, byte[] content) {
        Awaiting waiting = awaiting.get(id);
        boolean stillKept = entry.local.getPendingBroadcastsList().stream().anyMatch(p -> p.getId().equals(id));
        if (!entry.member || !stillKept || book.keys(entry, epoch).isEmpty()
                || (waiting != null && waiting.members().isEmpty() && !firstCopyPending.contains(id))) {
            return;
        }
        Instant now = scheduler.now();
        if (!parts.node().status().online() || !limiter.tryAcquire(RateLimiter.Priority.CHAT, now)) {
            Instant slot = parts.node().status().online() ? limiter.nextSlot(now) : now.plusSeconds(5);
            scheduler.schedule(Duration.between(now, slot), () -> {
                synchronized (parts.lock()) {
                    if (!parts.closed().getAsBoolean()) {
                        book.get(entry.id).ifPresent(e -> publishBroadcast(e, epoch, id, content));
                    }
                }
            });
            return;
        }
        GroupSync sync = entry.sync();
        SdsMessage sds = sync.message(id, book.myId(entry).hex(), entry.gid.hex(), sync.lamport(), Optional.of(content));
        entry.saveSync(sync);
        book.save(entry);
        publish(entry, epoch, sds, now).whenComplete((hash, error) -> {
            synchronized (parts.lock()) {
                if (error != null) {
                    log.info("Publishing a group broadcast failed: {}", error.toString());
                } else if (firstCopyPending.remove(id)) {
                    book.get(entry.id).ifPresent(latest -> updatePending(latest, latest.local.getPendingBroadcastsList()
                            .stream().map(p -> p.getId().equals(id) ? p.toBuilder().setPublished(true).build() : p).toList()));
                    statusMayHaveChanged.run();
                }
            }
        });
    }

    /**
     * Seals the SDS message once for the whole epoch and publishes it on the group topic; my
     * chain's new state is saved before anything leaves.
     */
    private CompletableFuture<MessageHash> publish(GroupBook.Entry entry, long epoch, SdsMessage sds, Instant at) {
        try {
            WakuMessage message = seal(entry, epoch, sds, at);
            publishes++;
            return parts.node().publish(message);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private WakuMessage seal(GroupBook.Entry entry, long epoch, SdsMessage sds, Instant at) {
        EpochKeys keys = book.keys(entry, epoch)
                .orElseThrow(() -> new IllegalStateException("no keys for epoch " + epoch));
        MemberId me = book.myId(entry);
        SigningKeyPair signing = book.signingKey(entry.gid)
                .orElseThrow(() -> new IllegalStateException("no group signing key"));
        GroupCipher.Sealed sealed = GroupCipher.seal(entry.gid, keys, me, book.chain(entry, epoch, me),
                signing.privateKey(), sds.toByteArray(), parts.config().random());
        book.saveChainState(entry, epoch, me, sealed.next());
        byte[] payload = Envelope.newBuilder().setVersion(Envelopes.VERSION)
                .setGroup(ByteString.copyFrom(sealed.body())).build().toByteArray();
        ownPayloads.put(fingerprint(payload), Boolean.TRUE);
        ContentTopic topic = new ContentTopic(Topics.APPLICATION, Topics.VERSION, keys.topicName(), Topics.ENCODING);
        return WakuMessage.of(payload, topic, Outbox.wireTimestampNanos(at));
    }

    long publishes() {
        return publishes;
    }

    boolean isOwnEcho(byte[] payload) {
        return ownPayloads.containsKey(fingerprint(payload));
    }

    /** A member's message names these ids in its history: those that are my messages of this group are delivered to it. */
    void acknowledged(GroupBook.Entry entry, MemberId by, List<String> named) {
        Instant now = scheduler.now();
        for (String id : named) {
            Optional<StoredMessage> stored = parts.messages().message(new MessageId(id))
                    .filter(m -> m.message().outgoing() && m.message().conversation().equals(entry.id));
            if (stored.isEmpty() || !epochMembers(entry, stored.get()).contains(by)) {
                continue;
            }
            if (store.addDelivery(new MessageId(id), by.hex(), now)) {
                deliveryChanged(entry, stored.get());
            }
        }
    }

    /** The membership changed: messages no longer waiting for a departed member may be delivered now. */
    void membershipChanged(GroupBook.Entry entry) {
        for (StoredMessage pending : parts.messages().pendingOutgoing()) {
            if (pending.message().conversation().equals(entry.id)) {
                deliveryChanged(entry, pending);
            }
        }
    }

    private void deliveryChanged(GroupBook.Entry entry, StoredMessage stored) {
        GroupDelivery delivery = delivery(entry, stored);
        parts.events().publish(new ChatEvent.GroupDeliveryChanged(entry.id, delivery));
        if (delivery.waitingFor().isEmpty() && stored.message().state() != DeliveryState.DELIVERED
                && stored.message().state() != DeliveryState.FAILED) {
            parts.messages().markDelivered(stored.message().id(), scheduler.now());
            setState(parts.messages().message(stored.message().id()).orElseThrow(), DeliveryState.DELIVERED);
        }
    }

    GroupDelivery delivery(GroupBook.Entry entry, StoredMessage stored) {
        Map<String, Instant> confirmed = store.deliveries(stored.message().id());
        List<AccountId> delivered = new ArrayList<>();
        List<AccountId> waiting = new ArrayList<>();
        Set<MemberId> current = new HashSet<>();
        entry.head().members().forEach(m -> current.add(m.id(entry.gid)));
        MemberId me = book.myId(entry);
        for (byte[] identityKey : audienceKeys(entry, stored)) {
            MemberId id = MemberId.of(entry.gid, identityKey);
            if (id.equals(me)) {
                continue;
            }
            AccountId account = AccountIds.of(identityKey);
            if (confirmed.containsKey(id.hex())) {
                delivered.add(account);
            } else if (current.contains(id)) {
                // A member who left or was removed before confirming is not waited for.
                waiting.add(account);
            }
        }
        return new GroupDelivery(stored.message().id(), delivered, waiting);
    }

    /** Who a message of mine was written for: its epoch's members as I knew them then (all of that epoch's, for older rows). */
    private Set<MemberId> epochMembers(GroupBook.Entry entry, StoredMessage stored) {
        Set<MemberId> ids = new HashSet<>();
        audienceKeys(entry, stored).forEach(k -> ids.add(MemberId.of(entry.gid, k)));
        return ids;
    }

    private List<byte[]> audienceKeys(GroupBook.Entry entry, StoredMessage stored) {
        GroupMessageState written = stateOf(stored);
        if (!written.getEpochChangeHash().isEmpty()) {
            return written.getAudienceList().stream().map(ByteString::toByteArray).toList();
        }
        return book.membersOf(entry, written.getEpoch()).orElse(List.of()).stream().map(MemberEntry::identityKey).toList();
    }

    private static long epochOf(StoredMessage stored) {
        return stateOf(stored).getEpoch();
    }

    private static GroupMessageState stateOf(StoredMessage stored) {
        try {
            return GroupMessageState.parseFrom(stored.engineState());
        } catch (InvalidProtocolBufferException e) {
            return GroupMessageState.getDefaultInstance();
        }
    }

    private void fail(StoredMessage stored) {
        ChatMessage message = stored.message().failed(DeliveryFailure.NO_CONFIRMATION);
        parts.messages().updateMessage(new StoredMessage(message, stored.attempts(), stored.nextAttemptAt(),
                stored.engineState()));
        parts.events().publish(new ChatEvent.DeliveryChanged(message.conversation(), message.id(), DeliveryState.FAILED));
    }

    private void setState(StoredMessage stored, DeliveryState state) {
        ChatMessage message = stored.message().withState(state);
        parts.messages().updateMessage(new StoredMessage(message, stored.attempts(), stored.nextAttemptAt(),
                stored.engineState()));
        parts.events().publish(new ChatEvent.DeliveryChanged(message.conversation(), message.id(), state));
    }


    private static String fingerprint(byte[] payload) {
        return HexFormat.of().formatHex(Crypto.sha256(payload), 0, 16);
    }
}
