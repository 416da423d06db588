package org.wakuchat.core.engine;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.group.ChainState;
import org.wakuchat.core.group.EpochKeys;
import org.wakuchat.core.group.GroupChain;
import org.wakuchat.core.group.GroupChange;
import org.wakuchat.core.group.GroupHistoryEntry;
import org.wakuchat.core.group.GroupCipher;
import org.wakuchat.core.group.GroupCipherException;
import org.wakuchat.core.group.GroupId;
import org.wakuchat.core.group.MemberEntry;
import org.wakuchat.core.group.MemberId;
import org.wakuchat.core.group.SigningKeyPair;
import org.wakuchat.core.store.GroupStore;
import org.wakuchat.core.store.SecretStore;
import org.wakuchat.core.store.StorageException;
import org.wakuchat.core.store.StoredGroup;
import org.wakuchat.core.store.StoredGroupMember;
import org.wakuchat.core.transport.ContentTopic;

/**
 * This account's groups with their change chains and keys, cached in memory and written
 * through: rows in messages.db ({@link GroupStore}), secrets in secrets.db (kinds
 * {@value #EPOCH_SECRET}: the keys of the current and previous epoch,
 * without the epoch secret and chain starts; {@value #CHAIN}:
 * each sender's chain state per epoch; {@value #SIGNING}: my group signing key). Not thread-safe:
 * the engine serializes access.
 */
final class GroupBook {

    private static final Logger log = LoggerFactory.getLogger(GroupBook.class);
    static final String EPOCH_SECRET = "group-epoch";
    static final String CHAIN = "group-chain";
    static final String SIGNING = "group-signing";
    static final String WRAP = "group-wrap";
    /** Changes (with their secret) of a group I do not know yet: they overtook its invite. */
    static final String EARLY = "group-early";
    /** At most this many early changes per unknown group, and {@value #MAX_EARLY_TOTAL} in all. */
    static final int MAX_EARLY_PER_GROUP = 50;
    static final int MAX_EARLY_TOTAL = 4 * MAX_EARLY_PER_GROUP;
    /** How long the previous epoch's messages are still read after a change (late messages). */
    static final Duration PREVIOUS_EPOCH_GRACE = Duration.ofHours(1);

    /** One group (mutable; saved with {@link #save}). */
    static final class Entry {
        final GroupId gid;
        final ConversationId id;
        final Instant createdAt;
        boolean member;
        GroupChain chain;
        GroupLocalState local;
        final Map<Long, EpochKeys> keys = new HashMap<>();

        Entry(GroupId gid, Instant createdAt, boolean member, GroupChain chain, GroupLocalState local) {
            this.gid = gid;
            this.id = gid.conversationId();
            this.createdAt = createdAt;
            this.member = member;
            this.chain = chain;
            this.local = local;
        }

        GroupChange head() {
            return chain.head();
        }

        long epoch() {
            return head().epoch();
        }

        String name() {
            return head().name();
        }

        GroupSync sync() {
            return new GroupSync(local.getSync());
        }

        void saveSync(GroupSync sync) {
            local = local.toBuilder().setSync(sync.snapshot()).build();
        }
    }

    private final GroupStore store;
    private final SecretStore secrets;
    private final byte[] myIdentityKey;
    private final Map<ConversationId, Entry> groups = new LinkedHashMap<>();
    private final Map<ContentTopic, ConversationId> byTopic = new HashMap<>();

    GroupBook(GroupStore store, SecretStore secrets, byte[] myIdentityKey, Instant now) {
        this.store = store;
        this.secrets = secrets;
        this.myIdentityKey = myIdentityKey.clone();
        for (StoredGroup stored : store.groups()) {
            try {
                GroupChain chain = null;
                for (byte[] bytes : store.changes(stored.id())) {
                    GroupChange change = GroupChange.fromBytes(bytes);
                    if (chain == null) {
                        chain = GroupChain.start(change);
                    } else if (chain.offer(change) instanceof GroupChain.Accepted accepted) {
                        chain = accepted.chain();
                    } else {
                        throw new StorageException("The change chain of group " + stored.id() + " is damaged.");
                    }
                }
                if (chain == null) {
                    throw new StorageException("Group " + stored.id() + " has no changes.");
                }
                Entry entry = new Entry(chain.head().group(), stored.createdAt(), stored.member(), chain,
                        GroupLocalState.parseFrom(stored.state()));
                groups.put(entry.id, entry);
                topicsOf(entry, now).forEach(t -> byTopic.put(t, entry.id));
            } catch (GroupCipherException | InvalidProtocolBufferException e) {
                throw new StorageException("Group " + stored.id() + " is damaged.", e);
            }
        }
    }

    Collection<Entry> all() {
        return List.copyOf(groups.values());
    }

    Optional<Entry> get(ConversationId id) {
        return Optional.ofNullable(groups.get(id));
    }

    Optional<Entry> byTopic(ContentTopic topic) {
        return Optional.ofNullable(byTopic.get(topic)).map(groups::get);
    }

    /** Every group topic I listen on. */
    /** The topics of one group I read now (its current and kept earlier epochs). */
    List<ContentTopic> topics(Entry entry) {
        return byTopic.entrySet().stream().filter(e -> e.getValue().equals(entry.id)).map(Map.Entry::getKey).toList();
    }

    List<ContentTopic> topics() {
        return List.copyOf(byTopic.keySet());
    }

    /** Adds a group or saves a changed one: its row, members, newest change. */
    void save(Entry entry) {
        groups.put(entry.id, entry);
        GroupChange head = entry.head();
        store.saveGroup(new StoredGroup(entry.id, head.epoch(), entry.member, entry.createdAt, head.name(),
                entry.local.toByteArray()), head.members().stream()
                .map(m -> new StoredGroupMember(m.id(entry.gid).hex(), m.identityKey(), m.name(), m.role(), m.joined(),
                        m.signingPublicKey()))
                .toList());
    }

    /** Saves the chain after it grew or a fork replaced its tail. */
    void saveChain(Entry entry, long keptUpTo) {
        store.dropChangesAfter(entry.id, keptUpTo);
        for (GroupChange change : entry.chain.changes()) {
            if (change.epoch() > keptUpTo) {
                store.putChange(entry.id, change.epoch(), change.toBytes());
            }
        }
    }

    /**
     * Recomputes the group's topics after its epoch or membership changed.
     *
     * @return the topics to subscribe to and to leave
     */
    TopicChange refreshTopics(Entry entry, Instant now) {
        Set<ContentTopic> before = new LinkedHashSet<>();
        byTopic.forEach((t, id) -> {
            if (id.equals(entry.id)) {
                before.add(t);
            }
        });
        Set<ContentTopic> after = new LinkedHashSet<>(topicsOf(entry, now));
        before.forEach(byTopic::remove);
        after.forEach(t -> byTopic.put(t, entry.id));
        List<ContentTopic> added = after.stream().filter(t -> !before.contains(t)).toList();
        List<ContentTopic> removed = before.stream().filter(t -> !after.contains(t)).toList();
        return new TopicChange(added, removed);
    }

    record TopicChange(List<ContentTopic> added, List<ContentTopic> removed) {
    }

    private List<ContentTopic> topicsOf(Entry entry, Instant now) {
        if (!entry.member) {
            return List.of();
        }
        return readableEpochs(entry, now).stream()
                .map(k -> new ContentTopic(Topics.APPLICATION, Topics.VERSION, k.topicName(), Topics.ENCODING))
                .toList();
    }

    /** The epochs whose messages I can read now: the current one, and the previous one during its grace. */
    List<EpochKeys> readableEpochs(Entry entry, Instant now) {
        List<EpochKeys> epochs = new ArrayList<>();
        keys(entry, entry.epoch()).ifPresent(epochs::add);
        Map<Long, Long> earlier = entry.local.getEarlierEpochUntilMsMap();
        if (entry.epoch() > 0 && !earlier.containsKey(entry.epoch() - 1)
                && entry.local.getPreviousEpochUntilMs() > now.toEpochMilli()) {
            keys(entry, entry.epoch() - 1).ifPresent(epochs::add); // state saved before earlier_epoch_until_ms
        }
        earlier.entrySet().stream().filter(e -> e.getKey() < entry.epoch() && e.getValue() > now.toEpochMilli())
                .sorted(Map.Entry.<Long, Long>comparingByKey().reversed())
                .forEach(e -> keys(entry, e.getKey()).ifPresent(epochs::add));
        return epochs;
    }

    Optional<EpochKeys> keys(Entry entry, long epoch) {
        EpochKeys cached = entry.keys.get(epoch);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<byte[]> saved = secrets.get(EPOCH_SECRET, entry.gid.hex() + "/" + epoch);
        if (saved.isEmpty()) {
            return Optional.empty();
        }
        try {
            EpochKeys keys = EpochKeys.fromBytes(saved.get());
            entry.keys.put(epoch, keys);
            return Optional.of(keys);
        } catch (GroupCipherException e) {
            throw new StorageException("The keys of an epoch of group " + entry.id + " are damaged.", e);
        }
    }

    /**
     * Takes in an epoch's secret: derives every member's chain start, saves those as the chains'
     * states and the epoch's keys without them. The secret itself is never saved, so a device
     * stolen later cannot derive the message keys of messages it already read (forward secrecy:
     * each used message key is gone with its chain's step).
     */
    void putEpochSecret(Entry entry, long epoch, byte[] secret) {
        GroupChange change = entry.chain.changes().stream().filter(c -> c.epoch() == epoch).findFirst()
                .orElseThrow(() -> new IllegalStateException("no change for epoch " + epoch));
        EpochKeys keys = EpochKeys.derive(change, secret);
        for (MemberId member : keys.members()) {
            saveChainState(entry, epoch, member, keys.chainStart(member));
        }
        EpochKeys kept = keys.withoutChainStarts();
        secrets.put(EPOCH_SECRET, entry.gid.hex() + "/" + epoch, kept.toBytes());
        entry.keys.put(epoch, kept);
    }

    /** Deletes the secrets and chains of every epoch before {@code keepFrom} (all of them with {@code Long.MAX_VALUE}). */
    void forgetEpochsBefore(Entry entry, long keepFrom) {
        String prefix = entry.gid.hex() + "/";
        for (String kind : List.of(EPOCH_SECRET, CHAIN)) {
            for (String key : secrets.all(kind).keySet()) {
                if (key.startsWith(prefix)) {
                    long epoch = Long.parseLong(key.substring(prefix.length()).split("/")[0]);
                    if (epoch < keepFrom) {
                        secrets.delete(kind, key);
                        entry.keys.remove(epoch);
                    }
                }
            }
        }
    }

    /** Deletes the secrets and chains of the epochs {@code drop} says. */
    void forgetEpochs(Entry entry, java.util.function.LongPredicate drop) {
        String prefix = entry.gid.hex() + "/";
        for (String kind : List.of(EPOCH_SECRET, CHAIN)) {
            for (String key : secrets.all(kind).keySet()) {
                if (key.startsWith(prefix)) {
                    long epoch = Long.parseLong(key.substring(prefix.length()).split("/")[0]);
                    if (drop.test(epoch)) {
                        secrets.delete(kind, key);
                        entry.keys.remove(epoch);
                    }
                }
            }
        }
    }

    /** The change that brought this member into the group as of that epoch: the latest CREATED listing it or ADDED naming it. */
    static Optional<GroupChange> broughtIn(Entry entry, byte[] identityKey, long upToEpoch) {
        List<GroupChange> changes = entry.chain.changes();
        for (int i = changes.size() - 1; i >= 0; i--) {
            GroupChange c = changes.get(i);
            boolean brought = c.kind() == GroupHistoryEntry.Kind.CREATED ? c.member(identityKey).isPresent()
                    : c.kind() == GroupHistoryEntry.Kind.ADDED
                    && c.subjectIdentityKeys().stream().anyMatch(k -> Arrays.equals(k, identityKey));
            if (c.epoch() <= upToEpoch && brought) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The member list of one epoch, from the change that started it. */
    Optional<List<MemberEntry>> membersOf(Entry entry, long epoch) {
        return entry.chain.changes().stream().filter(c -> c.epoch() == epoch).findFirst().map(GroupChange::members);
    }

    Optional<MemberEntry> member(Entry entry, long epoch, MemberId id) {
        return membersOf(entry, epoch).flatMap(ms -> ms.stream().filter(m -> m.id(entry.gid).equals(id)).findFirst());
    }

    /** A member of the current epoch, or of an earlier one, by member id (hex). */
    Optional<MemberEntry> anyMember(Entry entry, String memberIdHex) {
        List<GroupChange> changes = entry.chain.changes();
        for (int i = changes.size() - 1; i >= 0; i--) {
            for (MemberEntry m : changes.get(i).members()) {
                if (m.id(entry.gid).hex().equals(memberIdHex)) {
                    return Optional.of(m);
                }
            }
        }
        return Optional.empty();
    }

    ChainState chain(Entry entry, long epoch, MemberId member) {
        Optional<byte[]> saved = secrets.get(CHAIN, entry.gid.hex() + "/" + epoch + "/" + member.hex());
        if (saved.isPresent()) {
            try {
                return ChainState.fromBytes(saved.get());
            } catch (GroupCipherException e) {
                throw new StorageException("A chain state of group " + entry.id + " is damaged.", e);
            }
        }
        throw new IllegalStateException("no chain of " + member + " in epoch " + epoch);
    }

    void saveChainState(Entry entry, long epoch, MemberId member, ChainState state) {
        secrets.put(CHAIN, entry.gid.hex() + "/" + epoch + "/" + member.hex(), state.toBytes());
    }

    /**
     * Keeps a change of a group I do not know yet (1:1 messages are not ordered, so a change can
     * overtake the invite it builds on, and the 1:1 layer has acknowledged it already). Kept in
     * secrets.db, since it may carry an epoch secret; bounded per group and in all, so contacts
     * cannot fill the device with changes of groups that never come.
     */
    void keepEarly(GroupId gid, long epoch, byte[] hash, PendingGroupChange change) {
        String prefix = gid.hex() + "/";
        String key = prefix + epoch + "/" + java.util.HexFormat.of().formatHex(hash);
        Map<String, byte[]> all = secrets.all(EARLY);
        if (all.containsKey(key) || all.size() >= MAX_EARLY_TOTAL
                || all.keySet().stream().filter(k -> k.startsWith(prefix)).count() >= MAX_EARLY_PER_GROUP) {
            return;
        }
        secrets.put(EARLY, key, change.toByteArray());
    }

    /** The changes kept for a group before its invite came; they are removed from storage. */
    List<PendingGroupChange> takeEarly(GroupId gid) {
        String prefix = gid.hex() + "/";
        List<PendingGroupChange> taken = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : secrets.all(EARLY).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            try {
                taken.add(PendingGroupChange.parseFrom(e.getValue()));
            } catch (InvalidProtocolBufferException damaged) {
                log.info("Dropped a damaged early change of group {}", gid.hex());
            }
            secrets.delete(EARLY, e.getKey());
        }
        return taken;
    }

    Optional<SigningKeyPair> signingKey(GroupId gid) {
        return secrets.get(SIGNING, gid.hex()).map(b -> new SigningKeyPair(Arrays.copyOf(b, 32), Arrays.copyOfRange(b, 32, 64)));
    }

    void putSigningKey(GroupId gid, SigningKeyPair keys) {
        byte[] both = new byte[64];
        System.arraycopy(keys.privateKey(), 0, both, 0, 32);
        System.arraycopy(keys.publicKey(), 0, both, 32, 32);
        secrets.put(SIGNING, gid.hex(), both);
    }

    /** My X25519 group wrap key (admins without a session with me seal epoch secrets to it). */
    Optional<org.wakuchat.core.crypto.X25519KeyPair> wrapKey(GroupId gid) {
        return secrets.get(WRAP, gid.hex()).map(org.wakuchat.core.crypto.X25519KeyPair::fromPrivate);
    }

    void putWrapKey(GroupId gid, org.wakuchat.core.crypto.X25519KeyPair keys) {
        secrets.put(WRAP, gid.hex(), keys.privateKey());
    }

    void deleteSigningKey(GroupId gid) {
        secrets.delete(WRAP, gid.hex());
        secrets.delete(SIGNING, gid.hex());
    }

    MemberId myId(Entry entry) {
        return MemberId.of(entry.gid, myIdentityKey);
    }

    /** When the change that first listed me was written (the group's start for its creator). */
    Optional<Instant> joinedAt(Entry entry) {
        return entry.chain.changes().stream()
                .filter(c -> c.members().stream().anyMatch(m -> java.util.Arrays.equals(m.identityKey(), myIdentityKey)))
                .map(GroupChange::at).findFirst();
    }

    /** What {@link GroupCipher#open} needs to know, from storage. */
    GroupCipher.Keyring keyring(Entry entry, Instant now) {
        MemberId me = myId(entry);
        List<EpochKeys> epochs = readableEpochs(entry, now);
        return new GroupCipher.Keyring() {
            @Override
            public List<EpochKeys> epochs() {
                return epochs;
            }

            @Override
            public Optional<byte[]> signingKey(long epoch, MemberId member) {
                Optional<MemberEntry> then = member(entry, epoch, member);
                if (then.isEmpty()) {
                    return Optional.empty();
                }
                // A newcomer writes at once, in the epoch that added it, before the change with
                // its key (JOINED, signed by the admin) exists; its messages of that epoch are
                // sealed there (only that epoch's members read them) and checked with that key.
                return then.get().signingPublicKey().or(() -> entry.chain.changes().stream()
                        .filter(c -> c.epoch() > epoch)
                        .flatMap(c -> c.members().stream().filter(m -> m.id(entry.gid).equals(member)))
                        .map(MemberEntry::signingPublicKey).flatMap(Optional::stream).findFirst());
            }

            @Override
            public ChainState chain(long epoch, MemberId member) {
                if (member.equals(me)) {
                    // My own chain is my sending chain: a copy of one of my messages (an echo from
                    // Store) must never advance it. Past its end: every index is a replay.
                    ChainState mine = GroupBook.this.chain(entry, epoch, member);
                    return new ChainState(Integer.MAX_VALUE, mine.chainKey(), Map.of());
                }
                return GroupBook.this.chain(entry, epoch, member);
            }
        };
    }

    static void logDropped(ConversationId group, String why) {
        log.debug("Dropped a message of group {}: {}", group, why);
    }
}
