package org.wakuchat.core.group;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;
import org.wakuchat.core.group.GroupCipherException.Reason;
import org.wakuchat.core.group.GroupHistoryEntry.Kind;
import org.wakuchat.core.group.wire.GroupChainHistory;

/**
 * A group's accepted history: the hash chain of changes from CREATED (epoch 0) to the {@link #head()},
 * whose member list is the group's current state (docs/groups.md, "Order and agreement").
 * {@link #offer} decides about a change that arrives, the same way on every device:
 * <ul>
 *   <li>its parent must be in the chain, its epoch the parent's + 1, its author an admin of the
 *       parent state with a signing key there, and its signature by that key;</li>
 *   <li>a member's signing key never changes while it stays a member (so an admin cannot take over
 *       a member's name), the subjects of REMOVED and LEFT are gone from the new state, the subjects
 *       of ADDED are in it;</li>
 *   <li>two children of one parent (a fork): the one with the smaller hash (unsigned, byte by byte)
 *       wins with its descendants; {@link Replaced} lists the changes a win drops;</li>
 *   <li>an unknown parent: {@link NeedsEarlier}, the engine asks for the changes after
 *       {@code haveEpoch} and offers them first.</li>
 * </ul>
 * A value: every accepting offer returns a new chain and leaves this one as it was, except for a
 * bounded memo of hashes known to have lost a fork (so that their descendants are refused at once
 * instead of asked for again), which a refusal adds to. Thread-safe.
 */
public final class GroupChain {

    /** Most fork-losing hashes remembered (oldest forgotten first). */
    static final int MAX_LOSING_HASHES = 256;

    private final List<GroupChange> changes;
    private final List<byte[]> hashes;
    private final SequencedSet<String> losing;

    private GroupChain(List<GroupChange> changes, List<byte[]> hashes, SequencedSet<String> losing) {
        this.changes = List.copyOf(changes);
        this.hashes = List.copyOf(hashes);
        this.losing = losing;
    }

    /** What {@link #offer} decided. */
    public sealed interface Offer permits Accepted, Duplicate, Replaced, Rejected, NeedsEarlier {
    }

    /** The change extends the head: {@code chain} is the new history. */
    public record Accepted(GroupChain chain) implements Offer {
    }

    /** Already in the chain. */
    public record Duplicate() implements Offer {
    }

    /** The change won a fork: {@code chain} is the new history, {@code dropped} the changes it lost (oldest first). */
    public record Replaced(GroupChain chain, List<GroupChange> dropped) implements Offer {
        public Replaced {
            dropped = List.copyOf(dropped);
        }
    }

    /** Not a valid change of this group's history (with why, for the log), or it lost a fork. */
    public record Rejected(String reason) implements Offer {
    }

    /** Its parent is not in the chain; ask for the changes after {@code haveEpoch} (the head's epoch). */
    public record NeedsEarlier(long haveEpoch) implements Offer {
    }

    /**
     * The history of a new group: {@code created} must be a CREATED change whose author is a joined
     * admin of its own member list and signed it with the signing key listed there.
     */
    public static GroupChain start(GroupChange created) throws GroupCipherException {
        if (created.kind() != Kind.CREATED) {
            throw new GroupCipherException(Reason.MALFORMED, "a history starts with CREATED, not " + created.kind());
        }
        Optional<MemberEntry> author = created.author();
        if (author.isEmpty() || !author.get().admin() || author.get().signingPublicKey().isEmpty()) {
            throw new GroupCipherException(Reason.MALFORMED, "the creator is not a joined admin of the new group");
        }
        if (!created.signedBy(author.get().signingPublicKey().get())) {
            throw new GroupCipherException(Reason.BAD_SIGNATURE, "CREATED not signed by the creator's key");
        }
        return new GroupChain(List.of(created), List.of(created.hash()), new LinkedHashSet<>());
    }

    /** A whole history, oldest first, as an invitation carries it: every change must be accepted in turn. */
    public static GroupChain fromChanges(List<GroupChange> history) throws GroupCipherException {
        if (history.isEmpty()) {
            throw new GroupCipherException(Reason.MALFORMED, "an empty history");
        }
        GroupChain chain = start(history.getFirst());
        for (GroupChange change : history.subList(1, history.size())) {
            if (!(chain.offer(change) instanceof Accepted(GroupChain next))) {
                throw new GroupCipherException(Reason.MALFORMED, "history does not chain at epoch " + change.epoch());
            }
            chain = next;
        }
        return chain;
    }

    /** Decides about a change (class comment); never throws. */
    public Offer offer(GroupChange change) {
        if (!change.group().equals(group())) {
            return new Rejected("a change of another group");
        }
        byte[] hash = change.hash();
        if (indexOf(hash) >= 0) {
            return new Duplicate();
        }
        if (isLosing(hash)) {
            return new Rejected("lost a fork");
        }
        if (change.kind() == Kind.CREATED) {
            return new Rejected("a second CREATED change");
        }
        if (isLosing(change.parentHash())) {
            remember(List.of(hash));
            return new Rejected("extends a change that lost a fork");
        }
        int parentIndex = indexOf(change.parentHash());
        if (parentIndex < 0) {
            return new NeedsEarlier(head().epoch());
        }
        Optional<String> invalid = invalid(changes.get(parentIndex), change);
        if (invalid.isPresent()) {
            return new Rejected(invalid.get());
        }
        var kept = new ArrayList<>(changes.subList(0, parentIndex + 1));
        var keptHashes = new ArrayList<>(hashes.subList(0, parentIndex + 1));
        kept.add(change);
        keptHashes.add(hash);
        if (parentIndex == changes.size() - 1) {
            return new Accepted(new GroupChain(kept, keptHashes, copyOfLosing()));
        }
        byte[] sibling = hashes.get(parentIndex + 1);
        if (Arrays.compareUnsigned(hash, sibling) < 0) {
            List<GroupChange> dropped = changes.subList(parentIndex + 1, changes.size());
            SequencedSet<String> newLosing = copyOfLosing();
            hashes.subList(parentIndex + 1, hashes.size()).forEach(h -> add(newLosing, h));
            return new Replaced(new GroupChain(kept, keptHashes, newLosing), dropped);
        }
        remember(List.of(hash));
        return new Rejected("lost a fork at epoch " + change.epoch() + " to a change with a smaller hash");
    }

    /** Why {@code change} may not follow {@code parent}, if it may not. */
    private static Optional<String> invalid(GroupChange parent, GroupChange change) {
        if (change.epoch() != parent.epoch() + 1) {
            return Optional.of("epoch " + change.epoch() + " after epoch " + parent.epoch());
        }
        Optional<MemberEntry> author = parent.member(change.authorIdentityKey());
        if (author.isEmpty() || !author.get().admin() || author.get().signingPublicKey().isEmpty()) {
            return Optional.of("the author is not an admin of epoch " + parent.epoch());
        }
        if (!change.signedBy(author.get().signingPublicKey().get())) {
            return Optional.of("not signed by the author's key");
        }
        for (MemberEntry member : change.members()) {
            Optional<byte[]> before = parent.member(member.identityKey()).flatMap(MemberEntry::signingPublicKey);
            if (before.isPresent() && !Arrays.equals(before.get(), member.signingPublicKey().orElse(null))) {
                return Optional.of("changes the signing key of a member who stays");
            }
            Optional<byte[]> wrapBefore = parent.member(member.identityKey()).flatMap(MemberEntry::wrapPublicKey);
            if (wrapBefore.isPresent() && !Arrays.equals(wrapBefore.get(), member.wrapPublicKey().orElse(null))) {
                return Optional.of("changes the wrap key of a member who stays");
            }
        }
        switch (change.kind()) {
            case ADDED, REMOVED, LEFT -> {
                if (change.subjectIdentityKeys().isEmpty()) {
                    return Optional.of(change.kind() + " without subjects");
                }
                boolean mustBeMember = change.kind() == Kind.ADDED;
                for (byte[] subject : change.subjectIdentityKeys()) {
                    if (change.member(subject).isPresent() != mustBeMember) {
                        return Optional.of(mustBeMember ? "an added member missing from the new state"
                                : "a departed member still in the new state");
                    }
                }
            }
            default -> {
                // renames, role changes, joins and key refreshes: any state the admin writes
            }
        }
        return Optional.empty();
    }

    public GroupId group() {
        return changes.getFirst().group();
    }

    /** The latest accepted change: its state is the group's current state. */
    public GroupChange head() {
        return changes.getLast();
    }

    /** The current epoch (the head's). */
    public long epoch() {
        return head().epoch();
    }

    /** The current members (the head's). */
    public List<MemberEntry> members() {
        return head().members();
    }

    /** The accepted changes, oldest first. */
    public List<GroupChange> changes() {
        return changes;
    }

    public boolean contains(byte[] hash) {
        return indexOf(hash) >= 0;
    }

    private int indexOf(byte[] hash) {
        for (int i = hashes.size() - 1; i >= 0; i--) {
            if (Arrays.equals(hashes.get(i), hash)) {
                return i;
            }
        }
        return -1;
    }

    private boolean isLosing(byte[] hash) {
        synchronized (losing) {
            return losing.contains(HexFormat.of().formatHex(hash));
        }
    }

    private void remember(List<byte[]> lost) {
        synchronized (losing) {
            lost.forEach(hash -> add(losing, hash));
        }
    }

    private SequencedSet<String> copyOfLosing() {
        synchronized (losing) {
            return new LinkedHashSet<>(losing);
        }
    }

    private static void add(SequencedSet<String> set, byte[] hash) {
        set.add(HexFormat.of().formatHex(hash));
        while (set.size() > MAX_LOSING_HASHES) {
            set.removeFirst();
        }
    }

    /** For messages.db: the changes and the memo of fork losers. */
    public byte[] toBytes() {
        var builder = GroupChainHistory.newBuilder();
        changes.forEach(change -> builder.addChanges(ByteString.copyFrom(change.toBytes())));
        for (String hash : copyOfLosing()) {
            builder.addLosingHashes(ByteString.copyFrom(HexFormat.of().parseHex(hash)));
        }
        return builder.build().toByteArray();
    }

    /** Reads {@link #toBytes()}, checking every change again; anything else is a {@link GroupCipherException}. */
    public static GroupChain fromBytes(byte[] bytes) throws GroupCipherException {
        GroupChainHistory stored;
        try {
            stored = GroupChainHistory.parseFrom(bytes);
        } catch (InvalidProtocolBufferException unreadable) {
            throw new GroupCipherException(Reason.MALFORMED, "unreadable group history", unreadable);
        }
        var history = new ArrayList<GroupChange>();
        for (ByteString change : stored.getChangesList()) {
            history.add(GroupChange.fromBytes(change.toByteArray()));
        }
        GroupChain chain = fromChanges(history);
        if (stored.getLosingHashesCount() > MAX_LOSING_HASHES) {
            throw new GroupCipherException(Reason.MALFORMED, "too many fork losers");
        }
        for (ByteString hash : stored.getLosingHashesList()) {
            if (hash.size() != GroupChange.HASH_LENGTH) {
                throw new GroupCipherException(Reason.MALFORMED, "a fork loser's hash of wrong length");
            }
            add(chain.losing, hash.toByteArray());
        }
        return chain;
    }

    @Override
    public String toString() {
        return "GroupChain[" + group().hex() + ", " + changes.size() + " changes, epoch " + epoch() + "]";
    }
}
