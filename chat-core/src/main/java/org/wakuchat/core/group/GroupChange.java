package org.wakuchat.core.group;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.group.GroupCipherException.Reason;
import org.wakuchat.core.group.GroupHistoryEntry.Kind;
import org.wakuchat.core.group.wire.GroupChangeKind;
import org.wakuchat.core.group.wire.GroupMemberEntry;
import org.wakuchat.core.group.wire.GroupMemberRole;

/**
 * One signed membership change: the full state after it ({@code name}, {@code members}),
 * hash-chained to its parent ({@code parentHash}, empty for {@link Kind#CREATED} at epoch 0) and
 * signed by its author's group signing key. The epoch secret is NOT inside: the engine sends it
 * beside the change, per recipient, inside the 1:1 session. Whether the author may make it is
 * {@link GroupChain}'s decision.
 * <p>
 * {@link #hash()} is SHA-256 of the canonical signed content ({@link #signedContent()}: a label and
 * every field but the signature, each of fixed length or length-prefixed), so it is the same on
 * every device however the bytes travelled. {@code at} has millisecond precision. Structural
 * limits (at most {@value Group#MAX_MEMBERS} members, distinct identity keys, names of at most
 * {@value MemberEntry#MAX_NAME_LENGTH} characters, key lengths, CREATED ⇔ epoch 0 ⇔ no parent)
 * are checked on construction ({@link IllegalArgumentException}) and by {@link #fromBytes}
 * ({@link GroupCipherException}).
 */
public record GroupChange(GroupId group, long epoch, byte[] parentHash, byte[] authorIdentityKey, Kind kind,
                          List<byte[]> subjectIdentityKeys, String name, List<MemberEntry> members, Instant at,
                          byte[] signature) {

    public static final int HASH_LENGTH = 32;
    private static final byte[] LABEL = "WakuChat-GroupChange-v1".getBytes(StandardCharsets.US_ASCII);

    public GroupChange {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        if (epoch < 0) {
            throw new IllegalArgumentException("negative epoch");
        }
        boolean created = kind == Kind.CREATED;
        if (created != (epoch == 0) || parentHash == null || parentHash.length != (created ? 0 : HASH_LENGTH)) {
            throw new IllegalArgumentException("CREATED is epoch 0 without parent; every other change has a parent hash");
        }
        if (authorIdentityKey == null || authorIdentityKey.length != MemberEntry.IDENTITY_KEY_LENGTH) {
            throw new IllegalArgumentException("the author's identity key is " + MemberEntry.IDENTITY_KEY_LENGTH + " bytes");
        }
        if (subjectIdentityKeys.size() > Group.MAX_MEMBERS) {
            throw new IllegalArgumentException("more than " + Group.MAX_MEMBERS + " subjects");
        }
        var subjects = new ArrayList<byte[]>();
        for (byte[] subject : subjectIdentityKeys) {
            if (subject.length != MemberEntry.IDENTITY_KEY_LENGTH) {
                throw new IllegalArgumentException("a subject's identity key is " + MemberEntry.IDENTITY_KEY_LENGTH + " bytes");
            }
            subjects.add(subject.clone());
        }
        MemberEntry.checkName(name);
        if (members.size() > Group.MAX_MEMBERS) {
            throw new IllegalArgumentException("more than " + Group.MAX_MEMBERS + " members");
        }
        for (int i = 0; i < members.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (Arrays.equals(members.get(i).identityKey(), members.get(j).identityKey())) {
                    throw new IllegalArgumentException("a member listed twice");
                }
            }
        }
        if (signature == null || signature.length != GroupSigning.SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("a signature is " + GroupSigning.SIGNATURE_LENGTH + " bytes");
        }
        parentHash = parentHash.clone();
        authorIdentityKey = authorIdentityKey.clone();
        subjectIdentityKeys = List.copyOf(subjects);
        members = List.copyOf(members);
        at = Instant.ofEpochMilli(at.toEpochMilli());
        signature = signature.clone();
    }

    /**
     * Builds and signs a change; {@code authorSigningPrivateKey} is the author's group signing
     * key (the one in the parent state, or for CREATED the one in its own member entry).
     */
    public static GroupChange signed(GroupId group, long epoch, byte[] parentHash, byte[] authorIdentityKey, Kind kind,
            List<byte[]> subjectIdentityKeys, String name, List<MemberEntry> members, Instant at,
            byte[] authorSigningPrivateKey) {
        var unsigned = new GroupChange(group, epoch, parentHash, authorIdentityKey, kind, subjectIdentityKeys, name,
                members, at, new byte[GroupSigning.SIGNATURE_LENGTH]);
        return unsigned.withSignature(GroupSigning.sign(authorSigningPrivateKey, unsigned.signedContent()));
    }

    /** The CREATED change of a new group (epoch 0): the creator is the author and must be a joined admin in {@code members}. */
    public static GroupChange created(GroupId group, byte[] creatorIdentityKey, String name, List<MemberEntry> members,
            Instant at, byte[] creatorSigningPrivateKey) {
        return signed(group, 0, new byte[0], creatorIdentityKey, Kind.CREATED, List.of(), name, members, at,
                creatorSigningPrivateKey);
    }

    /** The next change after {@code parent} (epoch + 1, parent hash), signed by {@code authorSigningPrivateKey}. */
    public static GroupChange after(GroupChange parent, byte[] authorIdentityKey, Kind kind, List<byte[]> subjectIdentityKeys,
            String name, List<MemberEntry> members, Instant at, byte[] authorSigningPrivateKey) {
        return signed(parent.group(), parent.epoch() + 1, parent.hash(), authorIdentityKey, kind, subjectIdentityKeys,
                name, members, at, authorSigningPrivateKey);
    }

    GroupChange withSignature(byte[] newSignature) {
        return new GroupChange(group, epoch, parentHash, authorIdentityKey, kind, subjectIdentityKeys, name, members, at,
                newSignature);
    }

    @Override
    public byte[] parentHash() {
        return parentHash.clone();
    }

    @Override
    public byte[] authorIdentityKey() {
        return authorIdentityKey.clone();
    }

    /** The arrays are the change's own (do not modify). */
    @Override
    public List<byte[]> subjectIdentityKeys() {
        return subjectIdentityKeys;
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The member entry with this identity key, if in this state. */
    public Optional<MemberEntry> member(byte[] identityKey) {
        return members.stream().filter(member -> member.hasIdentityKey(identityKey)).findFirst();
    }

    /** The author's entry in this change's own member list (absent when the author left). */
    public Optional<MemberEntry> author() {
        return member(authorIdentityKey);
    }

    /** SHA-256 of {@link #signedContent()}: the id its children name as parent. */
    public byte[] hash() {
        return Crypto.sha256(signedContent());
    }

    /** Whether {@code signingPublicKey} signed this change. */
    public boolean signedBy(byte[] signingPublicKey) {
        return GroupSigning.verify(signingPublicKey, signedContent(), signature);
    }

    /** The canonical bytes signed and hashed; independent of the protobuf encoding the change travelled in. */
    public byte[] signedContent() {
        var out = new Canonical();
        out.raw(LABEL);
        out.raw(group.bytes());
        out.raw(ByteBuffer.allocate(Long.BYTES).putLong(epoch).array());
        out.bytes(parentHash);
        out.bytes(authorIdentityKey);
        out.text(kind.name());
        out.count(subjectIdentityKeys.size());
        subjectIdentityKeys.forEach(out::bytes);
        out.text(name);
        out.count(members.size());
        for (MemberEntry member : members) {
            out.bytes(member.identityKey());
            out.text(member.name());
            out.text(member.role().name());
            out.bytes(member.signingPublicKey().orElse(new byte[0]));
            // Flags: joined (1), has a wrap key (2, followed by it). Members without a wrap key
            // encode as before it existed, so older changes keep their hashes and signatures.
            Optional<byte[]> wrap = member.wrapPublicKey();
            out.count((member.joined() ? 1 : 0) | (wrap.isPresent() ? 2 : 0));
            wrap.ifPresent(out::bytes);
        }
        out.raw(ByteBuffer.allocate(Long.BYTES).putLong(at.toEpochMilli()).array());
        return out.toByteArray();
    }

    /** The serialized {@code GroupChange} protobuf, as sent over 1:1 sessions and stored. */
    public byte[] toBytes() {
        return toProto().toByteArray();
    }

    org.wakuchat.core.group.wire.GroupChange toProto() {
        var builder = org.wakuchat.core.group.wire.GroupChange.newBuilder()
                .setGroupId(ByteString.copyFrom(group.bytes()))
                .setEpoch(epoch)
                .setParentHash(ByteString.copyFrom(parentHash))
                .setAuthorIdentityKey(ByteString.copyFrom(authorIdentityKey))
                .setKind(GroupChangeKind.valueOf(kind.name()))
                .setName(name)
                .setAtMillis(at.toEpochMilli())
                .setSignature(ByteString.copyFrom(signature));
        subjectIdentityKeys.forEach(subject -> builder.addSubjectIdentityKeys(ByteString.copyFrom(subject)));
        for (MemberEntry member : members) {
            builder.addMembers(GroupMemberEntry.newBuilder()
                    .setIdentityKey(ByteString.copyFrom(member.identityKey()))
                    .setName(member.name())
                    .setRole(GroupMemberRole.valueOf(member.role().name()))
                    .setSigningPublicKey(ByteString.copyFrom(member.signingPublicKey().orElse(new byte[0])))
                    .setJoined(member.joined())
                    .setWrapPublicKey(ByteString.copyFrom(member.wrapPublicKey().orElse(new byte[0]))));
        }
        return builder.build();
    }

    /** Reads {@link #toBytes()}; anything not well formed is {@code MALFORMED} (the signature is not checked here). */
    public static GroupChange fromBytes(byte[] bytes) throws GroupCipherException {
        try {
            return fromProto(org.wakuchat.core.group.wire.GroupChange.parseFrom(bytes));
        } catch (InvalidProtocolBufferException unreadable) {
            throw new GroupCipherException(Reason.MALFORMED, "not a group change", unreadable);
        }
    }

    static GroupChange fromProto(org.wakuchat.core.group.wire.GroupChange change) throws GroupCipherException {
        try {
            if (change.getMembersCount() > Group.MAX_MEMBERS || change.getSubjectIdentityKeysCount() > Group.MAX_MEMBERS) {
                throw new GroupCipherException(Reason.MALFORMED, "more than " + Group.MAX_MEMBERS + " members");
            }
            var members = new ArrayList<MemberEntry>();
            for (GroupMemberEntry member : change.getMembersList()) {
                byte[] signingKey = member.getSigningPublicKey().toByteArray();
                byte[] wrapKey = member.getWrapPublicKey().toByteArray();
                members.add(new MemberEntry(member.getIdentityKey().toByteArray(), member.getName(), role(member.getRole()),
                        signingKey.length == 0 ? Optional.empty() : Optional.of(signingKey), member.getJoined(),
                        wrapKey.length == 0 ? Optional.empty() : Optional.of(wrapKey)));
            }
            return new GroupChange(new GroupId(change.getGroupId().toByteArray()), change.getEpoch(),
                    change.getParentHash().toByteArray(), change.getAuthorIdentityKey().toByteArray(),
                    kind(change.getKind()),
                    change.getSubjectIdentityKeysList().stream().map(ByteString::toByteArray).toList(),
                    change.getName(), members, Instant.ofEpochMilli(change.getAtMillis()),
                    change.getSignature().toByteArray());
        } catch (IllegalArgumentException | java.time.DateTimeException malformed) {
            throw new GroupCipherException(Reason.MALFORMED, "malformed group change: " + malformed.getMessage(), malformed);
        }
    }

    private static Kind kind(GroupChangeKind kind) {
        return switch (kind) {
            case CREATED -> Kind.CREATED;
            case ADDED -> Kind.ADDED;
            case REMOVED -> Kind.REMOVED;
            case LEFT -> Kind.LEFT;
            case RENAMED -> Kind.RENAMED;
            case PROMOTED -> Kind.PROMOTED;
            case DEMOTED -> Kind.DEMOTED;
            case KEY_REFRESHED -> Kind.KEY_REFRESHED;
            case GROUP_CHANGE_KIND_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException("unknown change kind");
        };
    }

    private static GroupRole role(GroupMemberRole role) {
        return switch (role) {
            case ADMIN -> GroupRole.ADMIN;
            case MEMBER -> GroupRole.MEMBER;
            case GROUP_MEMBER_ROLE_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException("unknown role");
        };
    }

    /** Same signed content and signature. */
    @Override
    public boolean equals(Object other) {
        return other instanceof GroupChange that && Arrays.equals(signedContent(), that.signedContent())
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash());
    }

    @Override
    public String toString() {
        return "GroupChange[" + group.hex() + " epoch " + epoch + " " + kind + ", " + members.size() + " members, hash "
                + HexFormat.of().formatHex(hash(), 0, 4) + "…]";
    }

    /** Length-prefixed fields (4-byte big-endian lengths and counts). */
    private static final class Canonical {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void raw(byte[] bytes) {
            out.writeBytes(bytes);
        }

        void count(int count) {
            out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(count).array());
        }

        void bytes(byte[] bytes) {
            count(bytes.length);
            raw(bytes);
        }

        void text(String text) {
            bytes(text.getBytes(StandardCharsets.UTF_8));
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
