package org.wakuchat.core.group;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.wakuchat.core.group.GroupCipherException.Reason;
import org.wakuchat.core.group.wire.GroupEpochKeys;

/**
 * Everything one epoch secret gives (docs/groups.md, "Keys"), derived once; the secret itself is
 * not kept. With {@code salt = group id || epoch (8 bytes, big-endian)}:
 * <ul>
 *   <li>header key = {@code HKDF(salt, secret, "WakuChat-GroupHeader-v1", 32)};</li>
 *   <li>topic name = {@code "g-" + hex(HKDF(salt, secret, "WakuChat-GroupTopic-v1", 8))}; the engine
 *       publishes on {@code ContentTopic("wakuchat", "1", topicName(), "proto")};</li>
 *   <li>member M's chain start = {@code HKDF(salt, secret, "WakuChat-GroupChain-v1" || member id of M, 32)}.</li>
 * </ul>
 * For forward secrecy the engine takes every member's {@link #chainStart} once, keeps those
 * chains ({@link ChainState}) and from then on stores {@link #withoutChainStarts()}: a device
 * stolen later cannot re-derive message keys it already used. Immutable.
 */
public final class EpochKeys {

    private final GroupId group;
    private final long epoch;
    private final byte[] headerKey;
    private final String topicName;
    private final List<MemberId> members;
    /** Empty once forgotten. */
    private final Map<MemberId, byte[]> chainStarts;

    private EpochKeys(GroupId group, long epoch, byte[] headerKey, String topicName, List<MemberId> members,
            Map<MemberId, byte[]> chainStarts) {
        this.group = group;
        this.epoch = epoch;
        this.headerKey = headerKey;
        this.topicName = topicName;
        this.members = List.copyOf(members);
        this.chainStarts = chainStarts;
    }

    /**
     * Derives the keys of {@code epoch} of {@code group} from its 32-byte secret, for its members
     * (every member listed in the epoch's change, invited or joined).
     */
    public static EpochKeys derive(GroupId group, long epoch, byte[] epochSecret, Collection<MemberId> members) {
        if (epochSecret.length != GroupKdf.EPOCH_SECRET_LENGTH) {
            throw new IllegalArgumentException("an epoch secret is " + GroupKdf.EPOCH_SECRET_LENGTH + " bytes");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("negative epoch");
        }
        byte[] salt = GroupKdf.epochSalt(group, epoch);
        var starts = new LinkedHashMap<MemberId, byte[]>();
        for (MemberId member : new LinkedHashSet<>(members)) {
            starts.put(member, GroupKdf.chainStart(salt, epochSecret, member));
        }
        String topic = "g-" + HexFormat.of().formatHex(GroupKdf.topicId(salt, epochSecret));
        return new EpochKeys(group, epoch, GroupKdf.headerKey(salt, epochSecret), topic, List.copyOf(starts.keySet()),
                starts);
    }

    /** Derives the keys of the epoch a change starts, for every member in its state. */
    public static EpochKeys derive(GroupChange change, byte[] epochSecret) {
        return derive(change.group(), change.epoch(), epochSecret,
                change.members().stream().map(member -> member.id(change.group())).toList());
    }

    /** Makes a new random epoch secret (32 bytes). */
    public static byte[] newEpochSecret(java.security.SecureRandom random) {
        byte[] secret = new byte[GroupKdf.EPOCH_SECRET_LENGTH];
        random.nextBytes(secret);
        return secret;
    }

    public GroupId group() {
        return group;
    }

    public long epoch() {
        return epoch;
    }

    /** {@code "g-"} and 16 hex characters. */
    public String topicName() {
        return topicName;
    }

    /** Members of this epoch, in the order given. */
    public List<MemberId> members() {
        return members;
    }

    public boolean isMember(MemberId member) {
        return members.contains(member);
    }

    /** Whether the chain starts are still held ({@link #chainStart} works). */
    public boolean hasChainStarts() {
        return !chainStarts.isEmpty();
    }

    /**
     * {@code member}'s chain at index 0. Throws {@link IllegalArgumentException} if it is not a
     * member of this epoch, {@link IllegalStateException} once the starts were forgotten.
     */
    public ChainState chainStart(MemberId member) {
        if (!members.contains(member)) {
            throw new IllegalArgumentException(member + " is not a member of epoch " + epoch);
        }
        byte[] start = chainStarts.get(member);
        if (start == null) {
            throw new IllegalStateException("the chain starts of epoch " + epoch + " were forgotten");
        }
        return ChainState.start(start);
    }

    /** The same keys without the chain starts (forward secrecy, see the class comment). */
    public EpochKeys withoutChainStarts() {
        return new EpochKeys(group, epoch, headerKey, topicName, members, Map.of());
    }

    byte[] headerKey() {
        return headerKey;
    }

    /** For secrets.db (holds keys: store sealed). */
    public byte[] toBytes() {
        var builder = GroupEpochKeys.newBuilder().setGroupId(ByteString.copyFrom(group.bytes())).setEpoch(epoch)
                .setHeaderKey(ByteString.copyFrom(headerKey)).setTopicName(topicName);
        for (MemberId member : members) {
            builder.addMembers(ByteString.copyFrom(member.bytes()));
            if (hasChainStarts()) {
                builder.addChainStarts(ByteString.copyFrom(chainStarts.get(member)));
            }
        }
        return builder.build().toByteArray();
    }

    /** Reads {@link #toBytes()}; anything else is {@code MALFORMED}. */
    public static EpochKeys fromBytes(byte[] bytes) throws GroupCipherException {
        try {
            GroupEpochKeys stored = GroupEpochKeys.parseFrom(bytes);
            if (stored.getHeaderKey().size() != GroupKdf.KEY_LENGTH || stored.getEpoch() < 0
                    || !stored.getTopicName().matches("g-[0-9a-f]{16}")
                    || stored.getMembersCount() > Group.MAX_MEMBERS
                    || (stored.getChainStartsCount() != 0 && stored.getChainStartsCount() != stored.getMembersCount())) {
                throw new GroupCipherException(Reason.MALFORMED, "unreadable epoch keys");
            }
            var members = new ArrayList<MemberId>();
            var starts = new LinkedHashMap<MemberId, byte[]>();
            for (int i = 0; i < stored.getMembersCount(); i++) {
                MemberId member = new MemberId(stored.getMembers(i).toByteArray());
                members.add(member);
                if (stored.getChainStartsCount() > 0) {
                    byte[] start = stored.getChainStarts(i).toByteArray();
                    if (start.length != GroupKdf.KEY_LENGTH) {
                        throw new GroupCipherException(Reason.MALFORMED, "chain start of wrong length");
                    }
                    starts.put(member, start);
                }
            }
            if (members.stream().distinct().count() != members.size()) {
                throw new GroupCipherException(Reason.MALFORMED, "a member twice");
            }
            return new EpochKeys(new GroupId(stored.getGroupId().toByteArray()), stored.getEpoch(),
                    stored.getHeaderKey().toByteArray(), stored.getTopicName(), members, starts);
        } catch (InvalidProtocolBufferException | IllegalArgumentException unreadable) {
            throw new GroupCipherException(Reason.MALFORMED, "unreadable epoch keys: " + unreadable.getMessage(),
                    unreadable);
        }
    }

    /** Never prints keys. */
    @Override
    public String toString() {
        return "EpochKeys[" + group.hex() + " epoch " + epoch + ", " + members.size() + " members]";
    }
}
