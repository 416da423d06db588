package org.wakuchat.core.engine;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.Payload;
import org.wakuchat.core.account.AccountId;
import org.wakuchat.core.account.AccountIds;
import org.wakuchat.core.group.Group;
import org.wakuchat.core.crypto.X25519KeyPair;
import org.wakuchat.core.group.EpochSecretWrap;
import org.wakuchat.core.group.GroupChain;
import org.wakuchat.core.group.GroupChange;
import org.wakuchat.core.group.GroupCipherException;
import org.wakuchat.core.group.GroupDelivery;
import org.wakuchat.core.group.GroupException;
import org.wakuchat.core.group.GroupHistoryEntry;
import org.wakuchat.core.group.GroupId;
import org.wakuchat.core.group.GroupMember;
import org.wakuchat.core.group.GroupRole;
import org.wakuchat.core.group.GroupSigning;
import org.wakuchat.core.group.MemberEntry;
import org.wakuchat.core.group.MemberId;
import org.wakuchat.core.group.SigningKeyPair;
import org.wakuchat.core.store.GroupStore;
import org.wakuchat.core.store.StoredConversation;
import org.wakuchat.core.store.StoredMessage;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.transport.ReceivedMessage;

/**
 * Private groups in the engine (docs/groups.md; what is built: /work/group-protocol.md as
 * recorded in docs/groups.md): membership changes written by the admin and carried over the 1:1
 * sessions as control messages ({@link GroupControl}), group messages through {@link GroupOutbox}
 * and {@link GroupReceiver}. Every change makes a new epoch; its hash chain is the history every
 * member sees. Not thread-safe: the engine serializes access.
 */
final class GroupEngine {

    private static final Logger log = LoggerFactory.getLogger(GroupEngine.class);
    static final int MAX_NAME_LENGTH = 64;
    /** Changes kept that arrived before the one they build on (1:1 messages are not ordered). */
    private static final int MAX_PENDING_CHANGES = 50;
    /** At most this many epochs before the current one are still read (each for its grace). */
    private static final int MAX_EARLIER_EPOCHS = 4;
    /**
     * The kind of the change that records a joined member's signing key. Joining makes a new
     * epoch like every change; the history shows it as a key change of that member.
     */
    static final GroupHistoryEntry.Kind JOINED = GroupHistoryEntry.Kind.KEY_REFRESHED;
    /**
     * How long the admin waits, after a join, for the other invitees still to answer before it
     * writes the change that records the joins it has: long enough for the answers to a new
     * group's invites to arrive together, short enough that a newcomer's first messages are read
     * soon (they wait at the receivers for the key this change lists).
     */
    static final java.time.Duration JOIN_BATCH_WINDOW = java.time.Duration.ofSeconds(2);
    /**
     * The kind of the automatic key refresh ({@link GroupKeyRefresh}): the same members, no
     * subjects (a join has the joiner as its subject).
     */
    static final GroupHistoryEntry.Kind REFRESHED = GroupHistoryEntry.Kind.KEY_REFRESHED;

    private final EngineParts parts;
    private final Outbox outbox;
    private final GroupBook book;
    private final GroupOutbox groupOutbox;
    private final GroupReceiver receiver;
    private final byte[] me;
    /** Per group I am the admin of: the timer that refreshes its keys when the current epoch is old enough. */
    private final java.util.Map<ConversationId, org.wakuchat.core.time.Scheduler.Cancellable> refreshTimers =
            new java.util.HashMap<>();
    /** Groups whose key refresh check is queued (one check each at a time). */
    private final Set<ConversationId> refreshChecks = new java.util.HashSet<>();
    /** When each group last asked Store for changes it missed (a change's parent was unknown). */
    private final java.util.Map<ConversationId, Long> changeLookups = new java.util.HashMap<>();
    private static final java.time.Duration CHANGE_LOOKUP_INTERVAL = java.time.Duration.ofMinutes(1);

    GroupEngine(EngineParts parts, GroupStore store, Outbox outbox, Runnable statusMayHaveChanged) {
        this.parts = parts;
        this.outbox = outbox;
        this.me = parts.keys().identity().publicKey();
        this.book = new GroupBook(store, parts.secrets(), me, now());
        this.groupOutbox = new GroupOutbox(parts, book, store, outbox.limiter(), statusMayHaveChanged);
        this.receiver = new GroupReceiver(parts, book, groupOutbox, this::announce, this::countMessage,
                this::onBroadcast);
    }

    // ---- what the engine asks

    static boolean isGroup(ConversationId id) {
        return GroupId.of(id).isPresent();
    }

    List<ContentTopic> topics() {
        return book.topics();
    }

    boolean handles(ReceivedMessage message) {
        return receiver.handles(message);
    }

    boolean onMessage(ReceivedMessage message) {
        return receiver.onMessage(message) == GroupReceiver.Outcome.READ;
    }

    void resume() {
        receiver.resume();
        book.all().forEach(this::scheduleGraceEnd);
        book.all().stream().filter(e -> e.member).forEach(groupOutbox::resumeBroadcasts);
        book.all().stream().filter(e -> e.member && e.local.getPendingJoinsCount() > 0)
                .forEach(e -> scheduleJoins(e, java.time.Duration.ZERO));
        // The refresh itself waits for the node to be online (online()); the count was saved.
        book.all().forEach(this::scheduleRefreshByAge);
    }

    /**
     * When the previous epoch's grace ends its topic is left and its keys deleted: late messages
     * of that epoch are no longer read (docs/groups.md, "Late messages").
     */
    private void scheduleGraceEnd(GroupBook.Entry entry) {
        long nowMs = now().toEpochMilli();
        Set<Long> ends = new java.util.TreeSet<>(entry.local.getEarlierEpochUntilMsMap().values());
        ends.add(entry.local.getPreviousEpochUntilMs());
        for (long until : ends) {
            if (!entry.member || until <= nowMs) {
                continue;
            }
            parts.config().scheduler().schedule(java.time.Duration.ofMillis(until - nowMs + 1), () -> {
                synchronized (parts.lock()) {
                    if (!parts.closed().getAsBoolean()) {
                        book.get(entry.id).filter(e -> e.member).ifPresent(this::forgetEndedEpochs);
                    }
                }
            });
        }
    }

    /** Forgets the keys of earlier epochs whose grace ended (or that exceed the number kept) and leaves their topics. */
    private void forgetEndedEpochs(GroupBook.Entry e) {
        long nowMs = now().toEpochMilli();
        long current = e.epoch();
        java.util.TreeMap<Long, Long> kept = new java.util.TreeMap<>(e.local.getEarlierEpochUntilMsMap());
        kept.entrySet().removeIf(x -> x.getKey() >= current || x.getValue() <= nowMs);
        while (kept.size() > MAX_EARLIER_EPOCHS) {
            kept.pollFirstEntry();
        }
        boolean previousInLegacyGrace = current > 0 && !e.local.getEarlierEpochUntilMsMap().containsKey(current - 1)
                && e.local.getPreviousEpochUntilMs() > nowMs;
        e.local = e.local.toBuilder().clearEarlierEpochUntilMs().putAllEarlierEpochUntilMs(kept).build();
        book.forgetEpochs(e, x -> x < current && !kept.containsKey(x) && !(previousInLegacyGrace && x == current - 1));
        book.save(e);
        GroupBook.TopicChange topics = book.refreshTopics(e, now());
        if (!topics.added().isEmpty()) {
            parts.node().subscribe(topics.added());
        }
        if (!topics.removed().isEmpty()) {
            parts.node().unsubscribe(topics.removed());
        }
    }

    void online() {
        groupOutbox.sendWaitingBroadcasts();
        groupOutbox.pump();
        groupOutbox.flushAllSyncs();
        // A refresh that fell due while offline (or before a restart) is written now.
        book.all().forEach(this::refreshSoon);
    }

    void pump() {
        groupOutbox.pump();
    }

    /** The user sends a FAILED message of mine again: to the group as it is now. */
    void retry(StoredMessage failed) {
        GroupBook.Entry entry = book.get(failed.message().conversation())
                .orElseThrow(() -> new IllegalArgumentException("no group " + failed.message().conversation()));
        if (!entry.member) {
            throw new GroupException("You are no longer a member of this group.");
        }
        groupOutbox.retry(entry, failed);
    }

    long publishes() {
        return groupOutbox.publishes();
    }

    /** Group broadcasts and notices not published yet (they count as queued in the engine's status). */
    int queuedBroadcasts() {
        return groupOutbox.queuedBroadcasts();
    }

    /** The keys of the group's current epoch on this device (tests: what a removed member still holds). */
    Optional<org.wakuchat.core.group.EpochKeys> currentKeys(ConversationId id) {
        return book.get(id).flatMap(e -> book.keys(e, e.epoch()));
    }

    /**
     * A copy, taken now, of what this device holds to read the group's current epoch: its keys,
     * every member's chain state and the signing keys listed (tests: a thief who copies a
     * member's state, post-compromise security).
     */
    Optional<org.wakuchat.core.group.GroupCipher.Keyring> copyOfCurrentState(ConversationId id) {
        return book.get(id).flatMap(e -> book.keys(e, e.epoch()).map(keys -> {
            long epoch = e.epoch();
            java.util.Map<org.wakuchat.core.group.MemberId, org.wakuchat.core.group.ChainState> chains =
                    new java.util.HashMap<>();
            keys.members().forEach(m -> chains.put(m, book.chain(e, epoch, m)));
            java.util.Map<org.wakuchat.core.group.MemberId, byte[]> signing = new java.util.HashMap<>();
            e.head().members().forEach(m -> m.signingPublicKey().ifPresent(k -> signing.put(m.id(e.gid), k)));
            return new org.wakuchat.core.group.GroupCipher.Keyring() {
                @Override
                public List<org.wakuchat.core.group.EpochKeys> epochs() {
                    return List.of(keys);
                }

                @Override
                public Optional<byte[]> signingKey(long at, org.wakuchat.core.group.MemberId member) {
                    return at == epoch ? Optional.ofNullable(signing.get(member)) : Optional.empty();
                }

                @Override
                public org.wakuchat.core.group.ChainState chain(long at, org.wakuchat.core.group.MemberId member) {
                    org.wakuchat.core.group.ChainState chain = at == epoch ? chains.get(member) : null;
                    if (chain == null) {
                        throw new IllegalStateException("no chain of " + member + " in epoch " + at);
                    }
                    return chain;
                }
            };
        }));
    }

    /** Group messages kept until their sender's signing key is known (tests). */
    int keptCount(ConversationId id) {
        return receiver.keptCount(id);
    }

    List<Group> groups() {
        return book.all().stream().map(this::view)
                .sorted(Comparator.comparing((Group g) -> g.lastActivity().orElse(Instant.EPOCH)).reversed())
                .toList();
    }

    Group group(ConversationId id) {
        return view(require(id));
    }

    List<GroupHistoryEntry> history(ConversationId id) {
        GroupBook.Entry entry = require(id);
        List<GroupHistoryEntry> entries = new ArrayList<>();
        List<GroupChange> changes = entry.chain.changes();
        for (int i = 0; i < changes.size(); i++) {
            entries.add(historyEntry(changes.get(i), i == 0 ? null : changes.get(i - 1)));
        }
        return entries;
    }

    GroupDelivery delivery(MessageId message) {
        StoredMessage stored = parts.messages().message(message)
                .filter(m -> m.message().outgoing() && isGroup(m.message().conversation()))
                .orElseThrow(() -> new GroupException("no group message of mine: " + message));
        return groupOutbox.delivery(require(stored.message().conversation()), stored);
    }

    ChatMessage send(ConversationId id, Payload payload) {
        GroupBook.Entry entry = require(id);
        if (!entry.member) {
            throw new GroupException("You are no longer a member of this group.");
        }
        ChatMessage message = groupOutbox.enqueue(entry, payload);
        announce(entry);
        countMessage(entry, entry.epoch());
        return message;
    }

    void markRead(ConversationId id) {
        GroupBook.Entry entry = require(id);
        parts.messages().markRead(id);
        announce(entry);
    }

    // ---- membership

    Group create(String name, List<ConversationId> contacts) {
        String groupName = checkName(name);
        List<StoredConversation> people = contactsToAdd(contacts, Set.of());
        if (people.isEmpty()) {
            throw new GroupException("A group needs at least one contact besides you.");
        }
        if (people.size() + 1 > Group.MAX_MEMBERS) {
            throw new GroupException("A group has at most " + Group.MAX_MEMBERS + " members.");
        }
        GroupId gid = GroupId.random(parts.config().random());
        SigningKeyPair signing = GroupSigning.generate(parts.config().random());
        X25519KeyPair wrap = X25519KeyPair.generate(parts.config().random());
        List<MemberEntry> members = new ArrayList<>();
        members.add(new MemberEntry(me, myName(), GroupRole.ADMIN, Optional.of(signing.publicKey()), true,
                Optional.of(wrap.publicKey())));
        people.forEach(c -> members.add(new MemberEntry(c.contactIdentityKey(), c.contactName(), GroupRole.MEMBER,
                Optional.empty(), false)));
        GroupChange created = GroupChange.signed(gid, 0, new byte[0], me, GroupHistoryEntry.Kind.CREATED,
                List.of(), groupName, members, now(), signing.privateKey());
        GroupChain chain;
        try {
            chain = GroupChain.start(created);
        } catch (GroupCipherException impossible) {
            throw new IllegalStateException(impossible);
        }
        GroupBook.Entry entry = new GroupBook.Entry(gid, now(), true, chain, GroupLocalState.getDefaultInstance());
        book.putSigningKey(gid, signing);
        book.putWrapKey(gid, wrap);
        byte[] secret = newSecret();
        book.putEpochSecret(entry, 0, secret);
        book.save(entry);
        book.saveChain(entry, -1);
        subscribe(entry);
        parts.events().publish(new ChatEvent.GroupHistoryAdded(entry.id, historyEntry(created, null)));
        announce(entry);
        scheduleRefreshByAge(entry);
        byte[] chainBytes = entry.chain.toBytes();
        for (StoredConversation c : people) {
            sendControl(c.id(), GroupControl.INVITE, GroupInviteBody.newBuilder().setGroupId(bytes(gid.bytes()))
                    .setChain(bytes(chainBytes)).setEpochSecret(bytes(secret)).build().toByteArray());
        }
        return view(entry);
    }

    void add(ConversationId id, List<ConversationId> contacts) {
        GroupBook.Entry entry = requireAdmin(id);
        writeJoins(entry);
        Set<String> present = new LinkedHashSet<>();
        entry.head().members().forEach(m -> present.add(AccountIds.of(m.identityKey()).value()));
        List<StoredConversation> people = contactsToAdd(contacts, present);
        if (people.isEmpty()) {
            throw new GroupException("Everyone chosen is a member already.");
        }
        if (entry.head().members().size() + people.size() > Group.MAX_MEMBERS) {
            throw new GroupException("A group has at most " + Group.MAX_MEMBERS + " members.");
        }
        List<MemberEntry> members = new ArrayList<>(entry.head().members());
        List<byte[]> subjects = new ArrayList<>();
        for (StoredConversation c : people) {
            members.add(new MemberEntry(c.contactIdentityKey(), c.contactName(), GroupRole.MEMBER, Optional.empty(), false));
            subjects.add(c.contactIdentityKey());
        }
        writeChange(entry, GroupHistoryEntry.Kind.ADDED, subjects, entry.name(), members, subjects, List.of());
    }

    void remove(ConversationId id, AccountId member) {
        GroupBook.Entry entry = requireAdmin(id);
        writeJoins(entry);
        MemberEntry subject = entry.head().members().stream()
                .filter(m -> AccountIds.of(m.identityKey()).equals(member)).findFirst()
                .orElseThrow(() -> new GroupException("They are not a member of this group."));
        if (Arrays.equals(subject.identityKey(), me)) {
            leave(id);
            return;
        }
        writeChange(entry, GroupHistoryEntry.Kind.REMOVED, List.of(subject.identityKey()), entry.name(),
                without(entry.head().members(), subject.identityKey()), List.of(), List.of(subject.identityKey()));
    }

    void rename(ConversationId id, String name) {
        GroupBook.Entry entry = requireAdmin(id);
        String newName = checkName(name);
        if (newName.equals(entry.name())) {
            return;
        }
        writeJoins(entry);
        writeChange(entry, GroupHistoryEntry.Kind.RENAMED, List.of(), newName, entry.head().members(), List.of(),
                List.of());
    }

    /** Makes a joined member an admin, or an admin a member again (admins only; a group keeps at least one admin). */
    void setRole(ConversationId id, AccountId member, GroupRole role) {
        GroupBook.Entry entry = requireAdmin(id);
        MemberEntry subject = entry.head().members().stream()
                .filter(m -> AccountIds.of(m.identityKey()).equals(member)).findFirst()
                .orElseThrow(() -> new GroupException("They are not a member of this group."));
        if (subject.role() == role) {
            return;
        }
        if (role == GroupRole.ADMIN && !subject.joined()) {
            throw new GroupException("They have not joined the group yet.");
        }
        if (role != GroupRole.ADMIN && entry.head().members().stream().filter(MemberEntry::admin).count() == 1) {
            throw new GroupException("A group needs an admin: make someone else admin first.");
        }
        writeJoins(entry);
        List<MemberEntry> members = entry.head().members().stream()
                .map(m -> Arrays.equals(m.identityKey(), subject.identityKey()) ? m.withRole(role) : m).toList();
        writeChange(entry, role == GroupRole.ADMIN ? GroupHistoryEntry.Kind.PROMOTED : GroupHistoryEntry.Kind.DEMOTED,
                List.of(subject.identityKey()), entry.name(), members, List.of(), List.of());
    }

    void leave(ConversationId id) {
        GroupBook.Entry entry = require(id);
        if (!entry.member) {
            return;
        }
        if (iAmAdmin(entry)) {
            writeJoins(entry);
            // The admin writes its own departure. If nobody else is admin, the longest-standing
            // joined member becomes one in the same change, so the group can still be changed.
            List<MemberEntry> rest = without(entry.head().members(), me);
            if (rest.stream().noneMatch(MemberEntry::admin)) {
                Optional<MemberEntry> heir = rest.stream().filter(MemberEntry::joined).findFirst();
                rest = rest.stream().map(m -> heir.isPresent() && Arrays.equals(m.identityKey(), heir.get().identityKey())
                        ? m.withRole(GroupRole.ADMIN) : m).toList();
            }
            writeChange(entry, GroupHistoryEntry.Kind.LEFT, List.of(me), entry.name(), rest, List.of(), List.of());
            return;
        }
        // Every admin I have a session with is told over it; if there is none, the group is, in a
        // notice on its topic that the first admin to read writes down.
        List<MemberEntry> admins = entry.head().members().stream().filter(MemberEntry::admin).toList();
        boolean told = false;
        for (MemberEntry admin : admins) {
            ConversationId withAdmin = Topics.conversationId(me, admin.identityKey());
            if (parts.book().stored(withAdmin).isPresent()) {
                sendControl(withAdmin, GroupControl.LEAVE,
                        GroupLeaveBody.newBuilder().setGroupId(bytes(entry.gid.bytes())).build().toByteArray());
                told = true;
            }
        }
        if (!told) {
            groupOutbox.broadcastNow(entry, entry.epoch(),
                    GroupBroadcastBody.newBuilder().setLeave(GroupLeaveNotice.getDefaultInstance()).build());
        }
        stopBeingMember(entry);
        book.save(entry);
        announce(entry);
    }

    // ---- control messages over 1:1 sessions

    void onControl(ConversationId from, Content content) {
        Optional<StoredConversation> contact = parts.book().stored(from);
        if (contact.isEmpty()) {
            return;
        }
        byte[] sender = contact.get().contactIdentityKey();
        try {
            switch (content.getType()) {
                case GroupControl.INVITE -> onInvite(from, sender, GroupInviteBody.parseFrom(content.getBody()));
                case GroupControl.JOIN -> onJoin(sender, GroupJoinBody.parseFrom(content.getBody()));
                case GroupControl.CHANGE -> onChange(sender, GroupChangeBody.parseFrom(content.getBody()));
                case GroupControl.LEAVE -> onLeave(sender, GroupLeaveBody.parseFrom(content.getBody()));
                default -> { }
            }
        } catch (InvalidProtocolBufferException | GroupCipherException | IllegalArgumentException e) {
            log.info("Dropped a group control message from conversation {}: {}", from, e.getMessage());
        }
    }

    private void onInvite(ConversationId from, byte[] sender, GroupInviteBody invite) throws GroupCipherException {
        GroupChain chain = GroupChain.fromBytes(invite.getChain().toByteArray());
        GroupChange head = chain.head();
        GroupId gid = head.group();
        if (!Arrays.equals(gid.bytes(), invite.getGroupId().toByteArray())) {
            throw new IllegalArgumentException("invite for another group");
        }
        if (!isAdminIn(head, sender)) {
            throw new IllegalArgumentException("invite not from the group's admin");
        }
        if (find(head, me).isEmpty()) {
            throw new IllegalArgumentException("invite that does not list me");
        }
        Optional<GroupBook.Entry> existing = book.get(gid.conversationId());
        if (existing.isPresent() && existing.get().member && !takesOver(existing.get().chain.changes(), chain.changes())) {
            return; // a copy, older than what I have, or on the losing side of a fork
        }
        List<GroupChange> known = existing.map(e -> e.chain.changes()).orElse(List.of());
        GroupBook.Entry entry = new GroupBook.Entry(gid, existing.map(e -> e.createdAt).orElse(now()), true, chain,
                existing.map(e -> e.local).orElse(GroupLocalState.getDefaultInstance()));
        // Invited again while still in (my addition lost a fork and its admin wrote it again):
        // I keep the keys I joined with, which the chain may already record for me (the admin
        // ignores a second join); new ones would make the others refuse all I sign.
        boolean stillIn = existing.isPresent() && existing.get().member;
        Optional<SigningKeyPair> kept = stillIn ? book.signingKey(gid) : Optional.empty();
        Optional<X25519KeyPair> keptWrap = stillIn ? book.wrapKey(gid) : Optional.empty();
        SigningKeyPair signing = kept.isPresent() && keptWrap.isPresent() ? kept.get() : GroupSigning.generate(parts.config().random());
        X25519KeyPair wrap = kept.isPresent() && keptWrap.isPresent() ? keptWrap.get() : X25519KeyPair.generate(parts.config().random());
        book.putSigningKey(gid, signing);
        book.putWrapKey(gid, wrap);
        firstDifferentEpoch(known, chain.changes()).ifPresent(lost -> book.forgetEpochs(entry, epoch -> epoch >= lost));
        book.putEpochSecret(entry, head.epoch(), invite.getEpochSecret().toByteArray());
        book.save(entry);
        book.saveChain(entry, -1);
        subscribe(entry);
        List<PendingGroupChange> early = book.takeEarly(gid);
        for (int i = 0; i < chain.changes().size(); i++) {
            GroupChange c = chain.changes().get(i);
            if (known.stream().noneMatch(k -> Arrays.equals(k.hash(), c.hash()))) {
                parts.events().publish(new ChatEvent.GroupHistoryAdded(entry.id,
                        historyEntry(c, i == 0 ? null : chain.changes().get(i - 1))));
            }
        }
        if (!early.isEmpty()) {
            List<PendingGroupChange> pending = new ArrayList<>(entry.local.getPendingList());
            early.stream().filter(p -> !pending.contains(p)).limit(Math.max(0, MAX_PENDING_CHANGES - pending.size()))
                    .forEach(pending::add);
            entry.local = entry.local.toBuilder().clearPending().addAllPending(pending).build();
            book.save(entry);
        }
        // Changes kept for later (early ones, and those that waited for this invite's epoch when I
        // was invited again after a lost fork) may follow on now.
        if (entry.local.getPendingCount() > 0) {
            retryPending(entry);
        }
        announce(entry);
        sendControl(from, GroupControl.JOIN, GroupJoinBody.newBuilder().setGroupId(bytes(gid.bytes()))
                .setSigningPublicKey(bytes(signing.publicKey())).setWrapPublicKey(bytes(wrap.publicKey()))
                .build().toByteArray());
    }

    /**
     * Whether an invite's chain replaces mine: it goes further on the same branch, or it wins the
     * first fork between them (the smaller hash, as in {@link GroupChain}). An invite again after my
     * addition lost a fork carries the same epoch number as my lost branch, but the other branch.
     */
    private static boolean takesOver(List<GroupChange> mine, List<GroupChange> invite) {
        GroupChange head = invite.getLast();
        if (mine.stream().anyMatch(c -> Arrays.equals(c.hash(), head.hash()))) {
            return false;
        }
        java.util.OptionalLong fork = firstDifferentEpoch(mine, invite);
        if (fork.isEmpty()) {
            return head.epoch() > mine.getLast().epoch();
        }
        byte[] myHash = mine.stream().filter(c -> c.epoch() == fork.getAsLong()).findFirst().orElseThrow().hash();
        byte[] theirHash = invite.stream().filter(c -> c.epoch() == fork.getAsLong()).findFirst().orElseThrow().hash();
        return Arrays.compareUnsigned(theirHash, myHash) < 0;
    }

    /** The first epoch whose change in {@code known} differs from the one in {@code chain} (a fork my chain lost). */
    private static java.util.OptionalLong firstDifferentEpoch(List<GroupChange> known, List<GroupChange> chain) {
        for (GroupChange mine : known) {
            for (GroupChange theirs : chain) {
                if (theirs.epoch() == mine.epoch() && !Arrays.equals(theirs.hash(), mine.hash())) {
                    return java.util.OptionalLong.of(mine.epoch());
                }
            }
        }
        return java.util.OptionalLong.empty();
    }

    /**
     * An invitee joined: its signing key waits in the group's state until the change that records
     * it is written, at once if no other invitee is still to answer, else after
     * {@link #JOIN_BATCH_WINDOW}, so that the joins of a new group (or of several people added at
     * once) share one change and one round of 1:1 messages instead of one each (≈ n instead of n²).
     */
    private void onJoin(byte[] sender, GroupJoinBody join) {
        Optional<GroupBook.Entry> found = book.get(new GroupId(join.getGroupId().toByteArray()).conversationId());
        if (found.isEmpty() || !found.get().member || !iAmAdmin(found.get())) {
            return;
        }
        GroupBook.Entry entry = found.get();
        byte[] key = join.getSigningPublicKey().toByteArray();
        Optional<MemberEntry> joiner = find(entry.head(), sender);
        if (joiner.isEmpty() || key.length != 32 || joiner.get().joined()) {
            // A joined member's signing key never changes while it stays (GroupChain refuses it).
            return;
        }
        List<PendingJoin> joins = new ArrayList<>(entry.local.getPendingJoinsList());
        boolean firstWaiting = joins.isEmpty();
        joins.removeIf(j -> Arrays.equals(j.getIdentityKey().toByteArray(), sender));
        byte[] wrapKey = join.getWrapPublicKey().toByteArray();
        joins.add(PendingJoin.newBuilder().setIdentityKey(bytes(sender)).setSigningPublicKey(bytes(key))
                .setWrapPublicKey(bytes(wrapKey.length == 32 ? wrapKey : new byte[0]))
                .setReceivedMs(now().toEpochMilli()).build());
        entry.local = entry.local.toBuilder().clearPendingJoins().addAllPendingJoins(joins).build();
        book.save(entry);
        if (everyInviteeAnswered(entry)) {
            writeJoins(entry);
        } else if (firstWaiting) {
            scheduleJoins(entry, JOIN_BATCH_WINDOW);
        }
    }

    private boolean everyInviteeAnswered(GroupBook.Entry entry) {
        return entry.head().members().stream()
                .filter(m -> !m.joined() && !Arrays.equals(m.identityKey(), me))
                .allMatch(m -> entry.local.getPendingJoinsList().stream()
                        .anyMatch(j -> Arrays.equals(j.getIdentityKey().toByteArray(), m.identityKey())));
    }

    private void scheduleJoins(GroupBook.Entry entry, java.time.Duration after) {
        parts.config().scheduler().schedule(after, () -> {
            synchronized (parts.lock()) {
                if (!parts.closed().getAsBoolean()) {
                    book.get(entry.id).filter(e -> e.member && iAmAdmin(e)).ifPresent(this::writeJoins);
                }
            }
        });
    }

    /** Writes the waiting joins, if any, as one change (before any other change the admin makes). */
    private void writeJoins(GroupBook.Entry entry) {
        List<PendingJoin> joins = entry.local.getPendingJoinsList();
        if (joins.isEmpty()) {
            return;
        }
        entry.local = entry.local.toBuilder().clearPendingJoins().build();
        List<byte[]> subjects = new ArrayList<>();
        List<MemberEntry> members = new ArrayList<>();
        for (MemberEntry m : entry.head().members()) {
            Optional<PendingJoin> join = m.joined() ? Optional.empty() : joins.stream()
                    .filter(j -> Arrays.equals(j.getIdentityKey().toByteArray(), m.identityKey())).findFirst();
            if (join.isPresent()) {
                subjects.add(m.identityKey());
                byte[] wrapKey = join.get().getWrapPublicKey().toByteArray();
                members.add(m.joinedWith(join.get().getSigningPublicKey().toByteArray(),
                        wrapKey.length == 32 ? Optional.of(wrapKey) : Optional.empty()));
            } else {
                members.add(m);
            }
        }
        if (subjects.isEmpty()) {
            book.save(entry);
            return;
        }
        writeChange(entry, JOINED, subjects, entry.name(), members, List.of(), List.of());
    }

    private void onChange(byte[] sender, GroupChangeBody body) throws GroupCipherException {
        GroupChange change = GroupChange.fromBytes(body.getChange().toByteArray());
        Optional<GroupBook.Entry> found = book.get(change.group().conversationId());
        if (!Arrays.equals(change.group().bytes(), body.getGroupId().toByteArray())) {
            return;
        }
        // The secret counts only from the change's own author, or from an admin of the new state
        // relaying it to the invitee it added (who has no session with the author yet).
        boolean fromAdmin = change.member(sender).map(MemberEntry::admin).orElse(false);
        byte[] secret = Arrays.equals(sender, change.authorIdentityKey()) || fromAdmin
                ? body.getEpochSecret().toByteArray() : new byte[0];
        if (found.isEmpty()) {
            // It overtook the invite (1:1 messages are not ordered) and the 1:1 layer has
            // acknowledged it: kept until the invite comes, then offered like a pending change.
            book.keepEarly(change.group(), change.epoch(), change.hash(), PendingGroupChange.newBuilder()
                    .setChange(bytes(change.toBytes())).setEpochSecret(bytes(secret)).build());
            return;
        }
        GroupBook.Entry entry = found.get();
        offer(entry, change, secret);
        retryPending(entry);
    }

    private void onLeave(byte[] sender, GroupLeaveBody body) {
        book.get(new GroupId(body.getGroupId().toByteArray()).conversationId()).ifPresent(e -> onLeaveOf(e, sender));
    }

    /** A member told me it leaves: if I am an admin and it is still listed, I write its departure. */
    private void onLeaveOf(GroupBook.Entry entry, byte[] sender) {
        if (!entry.member || !iAmAdmin(entry) || Arrays.equals(sender, me) || find(entry.head(), sender).isEmpty()) {
            return;
        }
        writeJoins(entry);
        writeChange(entry, GroupHistoryEntry.Kind.LEFT, List.of(sender), entry.name(),
                without(entry.head().members(), sender), List.of(), List.of(sender));
    }

    /** What a member said on the group topic to those it has no 1:1 session with (authenticated by its group signature). */
    private void onBroadcast(GroupBook.Entry entry, MemberEntry sender, GroupBroadcastBody body) {
        switch (body.getBodyCase()) {
            case CHANGE -> onBroadcastChange(entry, sender, body.getChange());
            case LEAVE -> onLeaveOf(entry, sender.identityKey());
            case BODY_NOT_SET -> log.info("Group {}: an empty broadcast dropped", entry.id);
        }
    }

    private void onBroadcastChange(GroupBook.Entry entry, MemberEntry sender, GroupChangeBroadcast body) {
        GroupChange change;
        try {
            change = GroupChange.fromBytes(body.getChange().toByteArray());
        } catch (GroupCipherException e) {
            log.info("Group {}: a broadcast change does not parse: {}", entry.id, e.getMessage());
            return;
        }
        // Only its author broadcasts a change (the chain then checks that it was an admin).
        if (!Arrays.equals(change.group().bytes(), entry.gid.bytes())
                || !Arrays.equals(change.authorIdentityKey(), sender.identityKey())) {
            return;
        }
        List<EpochSecretWrap.Wrapped> wraps = body.getWrapsList().stream()
                .map(w -> new EpochSecretWrap.Wrapped(w.getRecipientIdentityKey().toByteArray(),
                        w.getEphemeralPublicKey().toByteArray(), w.getCiphertext().toByteArray()))
                .toList();
        Optional<byte[]> secret = book.wrapKey(entry.gid).flatMap(key -> EpochSecretWrap.unwrap(change, wraps, me, key));
        if (secret.isEmpty() && find(change, me).isPresent()) {
            // I stay a member but my secret is not in here: it comes over my session with the
            // author, with the change; taking the change without it would leave me keyless.
            return;
        }
        offer(entry, change, secret.orElse(new byte[0]));
        retryPending(entry);
    }

    /** Offers a change to the group's chain and applies it if it fits; returns whether it was used up. */
    private boolean offer(GroupBook.Entry entry, GroupChange change, byte[] secret) {
        long before = entry.epoch();
        switch (entry.chain.offer(change)) {
            case GroupChain.Accepted accepted -> {
                apply(entry, accepted.chain(), before, secret, List.of(change));
                relayToMyInvitees(entry, change, secret);
                return true;
            }
            case GroupChain.Replaced replaced when !entry.member -> {
                // I left on a change that now loses a fork (an admin removed me, or I left): my
                // device does not come back (it reads nothing after that), and its history keeps
                // the change it left on; the winner's author writes it again for the others.
                return true;
            }
            case GroupChain.Replaced replaced -> {
                // The keys kept under the lost epochs' numbers are not the winners': nobody reads
                // those epochs any more, and my resends must not be sealed in them.
                book.forgetEpochs(entry, epoch -> epoch >= change.epoch());
                apply(entry, replaced.chain(), change.epoch() - 1, secret, List.of(change));
                relayToMyInvitees(entry, change, secret);
                redoLost(entry, replaced.dropped());
                return true;
            }
            case GroupChain.Duplicate duplicate -> {
                return true;
            }
            case GroupChain.NeedsEarlier needs -> {
                lookForMissedChanges(entry);
                PendingGroupChange pending = PendingGroupChange.newBuilder().setChange(bytes(change.toBytes()))
                        .setEpochSecret(bytes(secret)).build();
                if (!entry.local.getPendingList().contains(pending)
                        && entry.local.getPendingCount() < MAX_PENDING_CHANGES) {
                    entry.local = entry.local.toBuilder().addPending(pending).build();
                    book.save(entry);
                }
                return false;
            }
            case GroupChain.Rejected rejected -> {
                log.info("Group {}: change of epoch {} refused: {}", entry.id, change.epoch(), rejected.reason());
                return true;
            }
        }
    }

    /**
     * A change's parent is unknown here. Changes over 1:1 sessions are resent until acknowledged,
     * but a broadcast is not: the one I lack may be on my group topics in Store. Asked at most
     * once a minute per group, for the last hour (the parent epoch's grace), at most 5 pages.
     */
    private void lookForMissedChanges(GroupBook.Entry entry) {
        long nowMs = now().toEpochMilli();
        Long last = changeLookups.get(entry.id);
        if ((last != null && nowMs - last < CHANGE_LOOKUP_INTERVAL.toMillis()) || !parts.node().status().online()) {
            return;
        }
        changeLookups.put(entry.id, nowMs);
        List<ContentTopic> topics = book.topics(entry);
        if (topics.isEmpty()) {
            return;
        }
        long toNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(nowMs + 1000);
        long fromNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(nowMs - GroupBook.PREVIOUS_EPOCH_GRACE.toMillis());
        fetchChanges(org.wakuchat.core.transport.StoreQuery.byTopics(topics, fromNanos, toNanos), 5);
    }

    private void fetchChanges(org.wakuchat.core.transport.StoreQuery query, int pagesLeft) {
        parts.node().storeQuery(query).whenComplete((page, error) -> {
            synchronized (parts.lock()) {
                if (parts.closed().getAsBoolean()) {
                    return;
                }
                if (error != null) {
                    log.info("Store look-up of missed group changes failed: {}", error.toString());
                    return;
                }
                page.messages().forEach(receiver::onMessage);
                if (pagesLeft > 1) {
                    page.cursor().ifPresent(cursor -> fetchChanges(query.nextPage(cursor), pagesLeft - 1));
                }
            }
        });
    }

    private void retryPending(GroupBook.Entry entry) {
        boolean progress = true;
        while (progress && entry.local.getPendingCount() > 0) {
            progress = false;
            List<PendingGroupChange> left = new ArrayList<>();
            for (PendingGroupChange p : entry.local.getPendingList()) {
                try {
                    GroupChange change = GroupChange.fromBytes(p.getChange().toByteArray());
                    entry.local = entry.local.toBuilder().clearPending().addAllPending(left).build();
                    if (offer(entry, change, p.getEpochSecret().toByteArray())) {
                        progress = true;
                    } else {
                        left.add(p);
                    }
                } catch (GroupCipherException e) {
                    progress = true;
                }
            }
            entry.local = entry.local.toBuilder().clearPending().addAllPending(left).build();
            book.save(entry);
        }
    }

    /**
     * The admin writes a change: new epoch, new secret, signed, sent over 1:1 to every member of
     * the new epoch (newcomers get the whole group), and without the secret to those who left.
     */
    private void writeChange(GroupBook.Entry entry, GroupHistoryEntry.Kind kind, List<byte[]> subjects, String name,
                             List<MemberEntry> members, List<byte[]> invitees, List<byte[]> departed) {
        SigningKeyPair signing = book.signingKey(entry.gid)
                .orElseThrow(() -> new GroupException("This device has no signing key for the group."));
        GroupChange head = entry.head();
        byte[] secret = newSecret();
        GroupChange change = GroupChange.signed(entry.gid, head.epoch() + 1, head.hash(), me, kind, subjects, name,
                members, now(), signing.privateKey());
        if (!(entry.chain.offer(change) instanceof GroupChain.Accepted accepted)) {
            throw new IllegalStateException("my own change does not extend my chain");
        }
        apply(entry, accepted.chain(), head.epoch(), secret, List.of(change));
        byte[] changeBytes = change.toBytes();
        byte[] chainBytes = entry.chain.toBytes();
        // Each member of the new epoch gets the secret over our 1:1 session if there is one (its
        // ratchet keeps it forward secret); the others, who were in the parent epoch, in one
        // broadcast on the parent epoch's topic, sealed to their wrap keys (any admin can thus
        // change a group whose members are not all its contacts).
        List<MemberEntry> sealedTo = new ArrayList<>();
        boolean broadcast = false;
        boolean departedWithoutSession = false;
        for (MemberEntry m : members) {
            if (Arrays.equals(m.identityKey(), me)) {
                continue;
            }
            ConversationId to = Topics.conversationId(me, m.identityKey());
            boolean session = parts.book().stored(to).isPresent();
            boolean invitee = invitees.stream().anyMatch(k -> Arrays.equals(k, m.identityKey()));
            if (invitee && session) {
                sendControl(to, GroupControl.INVITE, GroupInviteBody.newBuilder().setGroupId(bytes(entry.gid.bytes()))
                        .setChain(bytes(chainBytes)).setEpochSecret(bytes(secret)).build().toByteArray());
            } else if (session) {
                sendControl(to, GroupControl.CHANGE, GroupChangeBody.newBuilder().setGroupId(bytes(entry.gid.bytes()))
                        .setChange(bytes(changeBytes)).setEpochSecret(bytes(secret)).build().toByteArray());
            } else if (!invitee && m.wrapPublicKey().isPresent() && find(head, m.identityKey()).isPresent()) {
                sealedTo.add(m);
                broadcast = true;
            } else {
                log.warn("Group {}: no session with a member and no wrap key, the change cannot reach it", entry.id);
            }
        }
        for (byte[] gone : departed) {
            ConversationId to = Topics.conversationId(me, gone);
            if (parts.book().stored(to).isPresent()) {
                sendControl(to, GroupControl.CHANGE, GroupChangeBody.newBuilder().setGroupId(bytes(entry.gid.bytes()))
                        .setChange(bytes(changeBytes)).build().toByteArray());
            } else {
                broadcast = true; // it reads the parent epoch: the broadcast tells it, without a secret for it
                departedWithoutSession = true;
            }
        }
        if (broadcast) {
            GroupChangeBroadcast.Builder body = GroupChangeBroadcast.newBuilder().setChange(bytes(changeBytes));
            for (EpochSecretWrap.Wrapped w : EpochSecretWrap.wrap(change, secret, sealedTo, parts.config().random())) {
                body.addWraps(WrappedEpochSecret.newBuilder().setRecipientIdentityKey(bytes(w.recipientIdentityKey()))
                        .setEphemeralPublicKey(bytes(w.ephemeralPublicKey())).setCiphertext(bytes(w.ciphertext())));
            }
            // Copies end once everyone it carries a secret for is seen in the new epoch; one for a
            // departed member is never seen there, so then every copy goes (an empty set).
            Set<MemberId> waitFor = new java.util.HashSet<>();
            if (!departedWithoutSession) {
                sealedTo.forEach(m -> waitFor.add(m.id(entry.gid)));
            }
            groupOutbox.broadcast(entry, head.epoch(), GroupBroadcastBody.newBuilder().setChange(body).build(),
                    change.epoch(), waitFor);
        }
        java.util.Arrays.fill(secret, (byte) 0);
    }

    /**
     * Another admin's change reached me: the members I invited who have not joined yet have no
     * wrap key and maybe no session with its author, so I pass it on to them over our sessions,
     * with the epoch secret (they would otherwise miss the epochs between invite and join).
     */
    private void relayToMyInvitees(GroupBook.Entry entry, GroupChange change, byte[] secret) {
        if (secret.length == 0 || Arrays.equals(change.authorIdentityKey(), me) || !entry.member) {
            return;
        }
        for (MemberEntry m : change.members()) {
            if (m.joined() || Arrays.equals(m.identityKey(), me) || !invitedByMe(entry, m.identityKey())) {
                continue;
            }
            ConversationId to = Topics.conversationId(me, m.identityKey());
            if (parts.book().stored(to).isPresent()) {
                sendControl(to, GroupControl.CHANGE, GroupChangeBody.newBuilder().setGroupId(bytes(entry.gid.bytes()))
                        .setChange(bytes(change.toBytes())).setEpochSecret(bytes(secret)).build().toByteArray());
            }
        }
    }

    /** Whether the change that brought this member in (the latest CREATED or ADDED listing it) is mine. */
    private boolean invitedByMe(GroupBook.Entry entry, byte[] member) {
        return GroupBook.broughtIn(entry, member, Long.MAX_VALUE).map(c -> Arrays.equals(c.authorIdentityKey(), me))
                .orElse(false);
    }

    /**
     * Another admin's change won a fork over mine (two children of one parent: the smaller hash
     * wins, the same on every device): what mine did is written again on top of the winner,
     * where it still applies. Invitees of a lost addition get a new invite.
     */
    private void redoLost(GroupBook.Entry entry, List<GroupChange> dropped) {
        for (GroupChange lost : dropped) {
            if (!Arrays.equals(lost.authorIdentityKey(), me) || !entry.member || !iAmAdmin(entry)) {
                continue;
            }
            GroupChange head = entry.head();
            List<byte[]> subjects = lost.subjectIdentityKeys();
            log.info("Group {}: my {} change of epoch {} lost a fork, written again", entry.id, lost.kind(), lost.epoch());
            switch (lost.kind()) {
                case ADDED -> {
                    List<byte[]> newcomers = subjects.stream().filter(k -> find(head, k).isEmpty()).toList();
                    if (!newcomers.isEmpty() && head.members().size() + newcomers.size() <= Group.MAX_MEMBERS) {
                        List<MemberEntry> members = new ArrayList<>(head.members());
                        newcomers.forEach(k -> find(lost, k).ifPresent(m ->
                                members.add(MemberEntry.invited(m.identityKey(), m.name(), GroupRole.MEMBER))));
                        writeChange(entry, GroupHistoryEntry.Kind.ADDED, newcomers, entry.name(), members, newcomers,
                                List.of());
                    }
                }
                case REMOVED -> {
                    List<byte[]> still = subjects.stream().filter(k -> find(head, k).isPresent()).toList();
                    if (!still.isEmpty()) {
                        List<MemberEntry> members = head.members();
                        for (byte[] k : still) {
                            members = without(members, k);
                        }
                        writeChange(entry, GroupHistoryEntry.Kind.REMOVED, still, entry.name(), members, List.of(), still);
                    }
                }
                case LEFT -> subjects.stream().filter(k -> find(entry.head(), k).isPresent()).forEach(k -> {
                    if (Arrays.equals(k, me)) {
                        leave(entry.id);
                    } else {
                        onLeaveOf(entry, k);
                    }
                });
                case RENAMED -> {
                    if (!lost.name().equals(entry.name())) {
                        writeChange(entry, GroupHistoryEntry.Kind.RENAMED, List.of(), lost.name(), head.members(),
                                List.of(), List.of());
                    }
                }
                case PROMOTED, DEMOTED -> subjects.forEach(k -> find(lost, k).ifPresent(wanted ->
                        find(entry.head(), k).filter(now -> now.role() != wanted.role() && (wanted.admin() || now.joined()))
                                .ifPresent(now -> {
                                    try {
                                        setRole(entry.id, AccountIds.of(k), wanted.role());
                                    } catch (GroupException notAnyMore) {
                                        log.info("Group {}: role change not written again: {}", entry.id, notAnyMore.getMessage());
                                    }
                                })));
                case KEY_REFRESHED -> {
                    List<MemberEntry> members = new ArrayList<>();
                    List<byte[]> joined = new ArrayList<>();
                    for (MemberEntry m : head.members()) {
                        Optional<MemberEntry> then = find(lost, m.identityKey()).filter(MemberEntry::joined);
                        if (!m.joined() && then.isPresent() && then.get().signingPublicKey().isPresent()) {
                            members.add(m.joinedWith(then.get().signingPublicKey().get(), then.get().wrapPublicKey()));
                            joined.add(m.identityKey());
                        } else {
                            members.add(m);
                        }
                    }
                    // A lost key refresh is not written again: the winner made a new epoch too.
                    if (!joined.isEmpty()) {
                        writeChange(entry, JOINED, joined, entry.name(), members, List.of(), List.of());
                    }
                }
                case CREATED -> { }
            }
        }
    }

    /** A new chain was accepted: secrets, topics, deliveries, kept messages, events. */
    private void apply(GroupBook.Entry entry, GroupChain chain, long keptUpTo, byte[] secret, List<GroupChange> added) {
        entry.chain = chain;
        GroupChange head = chain.head();
        boolean listed = find(head, me).isPresent();
        if (listed && entry.member) {
            if (secret.length > 0) {
                book.putEpochSecret(entry, head.epoch(), secret);
            }
            long until = now().plus(GroupBook.PREVIOUS_EPOCH_GRACE).toEpochMilli();
            GroupLocalState.Builder local = entry.local.toBuilder().setPreviousEpochUntilMs(until);
            if (head.epoch() > 0) {
                // Each earlier epoch is read for the grace after the change that ended it, not only
                // the previous one: a join makes two epochs in a row, and messages (and resends,
                // sealed in their own epoch) of the one before must still be read.
                local.putEarlierEpochUntilMs(head.epoch() - 1, until);
            }
            entry.local = local.build();
            forgetEndedEpochs(entry);
            scheduleGraceEnd(entry);
        } else if (entry.member) {
            stopBeingMember(entry);
        }
        book.saveChain(entry, keptUpTo);
        book.save(entry);
        GroupBook.TopicChange topics = book.refreshTopics(entry, now());
        if (!topics.added().isEmpty()) {
            parts.node().subscribe(topics.added());
        }
        if (!topics.removed().isEmpty()) {
            parts.node().unsubscribe(topics.removed());
        }
        List<GroupChange> all = chain.changes();
        for (GroupChange c : added) {
            int i = all.indexOf(c);
            parts.events().publish(new ChatEvent.GroupHistoryAdded(entry.id, historyEntry(c, i > 0 ? all.get(i - 1) : null)));
        }
        announce(entry);
        groupOutbox.membershipChanged(entry);
        if (entry.member) {
            receiver.retryKept(entry);
            groupOutbox.pump();
        }
        scheduleRefreshByAge(entry);
    }

    // ---- automatic key refresh (post-compromise security, docs/groups.md "Membership")

    /**
     * A group message with content, sealed in {@code epoch}, was accepted (mine when I write it,
     * another member's when it is stored): the admin counts those of the current epoch, and the
     * count is saved with the group so a restart neither resets it nor counts again.
     */
    private void countMessage(GroupBook.Entry entry, long epoch) {
        if (!iAmAdmin(entry) || epoch != entry.epoch()) {
            return;
        }
        long count = messagesThisEpoch(entry) + 1;
        entry.local = entry.local.toBuilder().setEpochMessages(count).setCountedEpoch(epoch).build();
        book.save(entry);
        if (count >= parts.config().groupKeyRefresh().maxMessagesPerEpoch() + adminRank(entry) * REFRESH_STAGGER_MESSAGES) {
            // Not from inside the handling of the message that reached the limit: a change
            // moves the group to a new epoch while that handling still works on it.
            refreshSoon(entry);
        }
    }

    /**
     * With several admins the first listed refreshes at the limits and each next one only that
     * much later (unless a change came first): one refresh, not a fork of all of them at once.
     */
    private static final java.time.Duration REFRESH_STAGGER_TIME = java.time.Duration.ofMinutes(10);
    private static final int REFRESH_STAGGER_MESSAGES = 50;

    /** My place among the group's admins, in member-list order (0: the first). */
    private int adminRank(GroupBook.Entry entry) {
        int rank = 0;
        for (MemberEntry m : entry.head().members()) {
            if (Arrays.equals(m.identityKey(), me)) {
                return rank;
            }
            if (m.admin()) {
                rank++;
            }
        }
        return rank;
    }

    private static long messagesThisEpoch(GroupBook.Entry entry) {
        return entry.local.getCountedEpoch() == entry.epoch() ? entry.local.getEpochMessages() : 0;
    }

    private void refreshSoon(GroupBook.Entry entry) {
        if (!iAmAdmin(entry) || !refreshChecks.add(entry.id)) {
            return;
        }
        parts.config().scheduler().execute(() -> {
            synchronized (parts.lock()) {
                refreshChecks.remove(entry.id);
                if (!parts.closed().getAsBoolean()) {
                    book.get(entry.id).ifPresent(this::refreshIfDue);
                }
            }
        });
    }

    /** Replaces the group's age timer with one for its current epoch (none unless I am its admin). */
    private void scheduleRefreshByAge(GroupBook.Entry entry) {
        org.wakuchat.core.time.Scheduler.Cancellable before = refreshTimers.remove(entry.id);
        if (before != null) {
            before.cancel();
        }
        if (!iAmAdmin(entry)) {
            return;
        }
        long epoch = entry.epoch();
        Instant due = entry.head().at().plus(parts.config().groupKeyRefresh().maxEpochAge())
                .plus(REFRESH_STAGGER_TIME.multipliedBy(adminRank(entry)));
        java.time.Duration wait = java.time.Duration.between(now(), due);
        refreshTimers.put(entry.id, parts.config().scheduler().schedule(wait.isNegative() ? java.time.Duration.ZERO : wait,
                () -> {
                    synchronized (parts.lock()) {
                        if (parts.closed().getAsBoolean()) {
                            return;
                        }
                        book.get(entry.id).filter(e -> e.epoch() == epoch).ifPresent(e -> {
                            if (now().isBefore(due)) {
                                scheduleRefreshByAge(e); // a wall-clock timer that fired a little early
                            } else {
                                refreshIfDue(e);
                            }
                        });
                    }
                }));
    }

    /**
     * The admin writes a key refresh (new epoch, same members, no subjects) once the current epoch
     * is {@link GroupKeyRefresh#maxEpochAge()} old or has {@link GroupKeyRefresh#maxMessagesPerEpoch()}
     * messages. Only while online: a change written offline would move my own messages to an
     * epoch nobody else has yet. At most one per epoch: the refresh starts a new epoch, whose count
     * and age begin again at zero.
     */
    private void refreshIfDue(GroupBook.Entry entry) {
        if (!iAmAdmin(entry) || !parts.node().status().online() || entry.head().members().size() < 2) {
            return;
        }
        GroupKeyRefresh policy = parts.config().groupKeyRefresh();
        long messages = messagesThisEpoch(entry);
        int rank = adminRank(entry);
        boolean old = !now().isBefore(entry.head().at().plus(policy.maxEpochAge())
                .plus(REFRESH_STAGGER_TIME.multipliedBy(rank)));
        if (messages < policy.maxMessagesPerEpoch() + (long) rank * REFRESH_STAGGER_MESSAGES && !old) {
            return;
        }
        log.info("Group {}: refreshing the keys of epoch {} ({} messages, started {})", entry.id, entry.epoch(),
                messages, entry.head().at());
        try {
            writeChange(entry, REFRESHED, List.of(), entry.name(), entry.head().members(), List.of(), List.of());
        } catch (GroupException e) {
            log.warn("Group {}: the key refresh could not be written: {}", entry.id, e.getMessage());
        }
    }

    /** I left or was removed: nothing of the group's keys stays on this device, its history does. */
    private void stopBeingMember(GroupBook.Entry entry) {
        entry.member = false;
        book.forgetEpochsBefore(entry, Long.MAX_VALUE);
        book.deleteSigningKey(entry.gid);
        entry.local = entry.local.toBuilder().clearPending().build();
        GroupBook.TopicChange topics = book.refreshTopics(entry, now());
        if (!topics.removed().isEmpty()) {
            parts.node().unsubscribe(topics.removed());
        }
    }

    // ---- helpers

    private void subscribe(GroupBook.Entry entry) {
        GroupBook.TopicChange topics = book.refreshTopics(entry, now());
        if (!topics.added().isEmpty()) {
            parts.node().subscribe(topics.added());
        }
    }

    private void sendControl(ConversationId oneToOne, int type, byte[] body) {
        outbox.enqueueControl(oneToOne, new Payload(type, body));
    }

    private void announce(GroupBook.Entry entry) {
        parts.events().publish(new ChatEvent.GroupChanged(view(entry)));
    }

    private Group view(GroupBook.Entry entry) {
        List<GroupMember> members = entry.head().members().stream()
                .map(m -> {
                    boolean mine = Arrays.equals(m.identityKey(), me);
                    return new GroupMember(AccountIds.of(m.identityKey()), mine ? myName() : m.name(), m.identityKey(),
                            m.role(), mine);
                })
                .toList();
        Optional<ChatMessage> last = parts.messages().lastMessage(entry.id);
        return new Group(entry.id, entry.name(), members, entry.epoch(), entry.member, last.map(ChatMessage::text),
                last.map(m -> m.outgoing() ? m.sentAt() : m.receivedAt()).or(() -> Optional.of(entry.createdAt)),
                parts.messages().unreadCount(entry.id));
    }

    private GroupHistoryEntry historyEntry(GroupChange change, GroupChange parent) {
        AccountId author = AccountIds.of(change.authorIdentityKey());
        List<AccountId> subjects = change.subjectIdentityKeys().stream().map(AccountIds::of).toList();
        List<String> subjectNames = change.subjectIdentityKeys().stream().map(k -> nameIn(change, parent, k)).toList();
        Optional<String> newName = change.kind() == GroupHistoryEntry.Kind.RENAMED
                || change.kind() == GroupHistoryEntry.Kind.CREATED ? Optional.of(change.name()) : Optional.empty();
        return new GroupHistoryEntry(change.epoch(), change.at(), change.kind(), author,
                nameIn(change, parent, change.authorIdentityKey()), subjects, subjectNames, newName);
    }

    private String nameIn(GroupChange change, GroupChange parent, byte[] key) {
        return find(change, key).or(() -> parent == null ? Optional.empty() : find(parent, key))
                .map(MemberEntry::name).orElse(AccountIds.of(key).value());
    }

    private static Optional<MemberEntry> find(GroupChange change, byte[] identityKey) {
        return change.members().stream().filter(m -> Arrays.equals(m.identityKey(), identityKey)).findFirst();
    }

    private static boolean isAdminIn(GroupChange change, byte[] identityKey) {
        return find(change, identityKey).map(m -> m.role() == GroupRole.ADMIN).orElse(false);
    }

    private boolean iAmAdmin(GroupBook.Entry entry) {
        return entry.member && isAdminIn(entry.head(), me);
    }

    private static List<MemberEntry> without(List<MemberEntry> members, byte[] identityKey) {
        return members.stream().filter(m -> !Arrays.equals(m.identityKey(), identityKey)).toList();
    }

    private GroupBook.Entry require(ConversationId id) {
        return book.get(id).orElseThrow(() -> new GroupException("No such group: " + id));
    }

    private GroupBook.Entry requireAdmin(ConversationId id) {
        GroupBook.Entry entry = require(id);
        if (!entry.member) {
            throw new GroupException("You are no longer a member of this group.");
        }
        if (!iAmAdmin(entry)) {
            throw new GroupException(entry.head().members().stream().anyMatch(m -> m.role() == GroupRole.ADMIN)
                    ? "Only the group's admins can change the group."
                    : "This group has no admin any more: its members and name can no longer change.");
        }
        return entry;
    }

    private List<StoredConversation> contactsToAdd(List<ConversationId> contacts, Set<String> present) {
        List<StoredConversation> people = new ArrayList<>();
        Set<ConversationId> seen = new LinkedHashSet<>();
        for (ConversationId id : contacts == null ? List.<ConversationId>of() : contacts) {
            if (!seen.add(id)) {
                continue;
            }
            StoredConversation c = parts.book().stored(id)
                    .orElseThrow(() -> new GroupException("Only contacts you have a chat with can be in a group."));
            if (!present.contains(c.contactId().value())) {
                people.add(c);
            }
        }
        return people;
    }

    private static String checkName(String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty()) {
            throw new GroupException("A group needs a name.");
        }
        if (stripped.length() > MAX_NAME_LENGTH) {
            throw new GroupException("A group name has at most " + MAX_NAME_LENGTH + " characters.");
        }
        return stripped;
    }

    private String myName() {
        return parts.keys().account().displayName();
    }

    private byte[] newSecret() {
        byte[] secret = new byte[32];
        parts.config().random().nextBytes(secret);
        return secret;
    }

    private Instant now() {
        return parts.config().scheduler().now();
    }

    private static ByteString bytes(byte[] b) {
        return ByteString.copyFrom(b);
    }
}
