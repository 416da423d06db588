package org.wakuchat.core.group;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.wakuchat.core.group.GroupCipherException.Reason;
import org.wakuchat.core.group.wire.GroupChainKeys;
import org.wakuchat.core.group.wire.GroupSkippedKey;

/**
 * One member's sending chain in one epoch, as the sender or a receiver keeps it: the chain key
 * that gives message {@code nextIndex}, and the message keys of skipped messages (lowest index
 * first, at most {@link GroupCipher#MAX_SKIPPED_KEYS}). Message keys are deleted once used: an
 * index below {@code nextIndex} without a kept key was read (or its key dropped). Immutable; the
 * engine stores the {@code next} state that {@link GroupCipher} returns, in secrets.db.
 */
public record ChainState(int nextIndex, byte[] chainKey, Map<Integer, byte[]> skippedKeys) {

    public ChainState {
        if (nextIndex < 0) {
            throw new IllegalArgumentException("negative chain index");
        }
        if (chainKey == null || chainKey.length != GroupKdf.KEY_LENGTH) {
            throw new IllegalArgumentException("a chain key is " + GroupKdf.KEY_LENGTH + " bytes");
        }
        chainKey = chainKey.clone();
        var sorted = new TreeMap<Integer, byte[]>();
        for (Map.Entry<Integer, byte[]> skipped : skippedKeys.entrySet()) {
            if (skipped.getKey() < 0 || skipped.getKey() >= nextIndex || skipped.getValue().length != GroupKdf.KEY_LENGTH) {
                throw new IllegalArgumentException("skipped key out of range or of wrong length");
            }
            sorted.put(skipped.getKey(), skipped.getValue().clone());
        }
        if (sorted.size() > GroupCipher.MAX_SKIPPED_KEYS) {
            throw new IllegalArgumentException("more than " + GroupCipher.MAX_SKIPPED_KEYS + " skipped keys");
        }
        skippedKeys = Collections.unmodifiableSortedMap(sorted);
    }

    /** A chain at its start (index 0, nothing skipped). */
    public static ChainState start(byte[] chainKey) {
        return new ChainState(0, chainKey, Map.of());
    }

    @Override
    public byte[] chainKey() {
        return chainKey.clone();
    }

    /** Lowest index first; the arrays are the kept keys themselves (do not modify). */
    @Override
    public Map<Integer, byte[]> skippedKeys() {
        return skippedKeys;
    }

    SortedMap<Integer, byte[]> sortedSkipped() {
        return (SortedMap<Integer, byte[]>) skippedKeys;
    }

    public byte[] toBytes() {
        var builder = GroupChainKeys.newBuilder().setNextIndex(nextIndex).setChainKey(ByteString.copyFrom(chainKey));
        skippedKeys.forEach((index, key) -> builder.addSkipped(
                GroupSkippedKey.newBuilder().setIndex(index).setMessageKey(ByteString.copyFrom(key))));
        return builder.build().toByteArray();
    }

    /** Reads {@link #toBytes()}; anything else is {@code MALFORMED}. */
    public static ChainState fromBytes(byte[] bytes) throws GroupCipherException {
        try {
            GroupChainKeys stored = GroupChainKeys.parseFrom(bytes);
            if (stored.getSkippedCount() > GroupCipher.MAX_SKIPPED_KEYS) {
                throw new GroupCipherException(Reason.MALFORMED, "too many skipped keys");
            }
            var skipped = new TreeMap<Integer, byte[]>();
            for (GroupSkippedKey key : stored.getSkippedList()) {
                skipped.put(key.getIndex(), key.getMessageKey().toByteArray());
            }
            if (skipped.size() != stored.getSkippedCount()) {
                throw new GroupCipherException(Reason.MALFORMED, "a skipped index twice");
            }
            return new ChainState(stored.getNextIndex(), stored.getChainKey().toByteArray(), skipped);
        } catch (InvalidProtocolBufferException | IllegalArgumentException unreadable) {
            throw new GroupCipherException(Reason.MALFORMED, "unreadable chain state: " + unreadable.getMessage(), unreadable);
        }
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ChainState that) || nextIndex != that.nextIndex || !Arrays.equals(chainKey, that.chainKey)
                || skippedKeys.size() != that.skippedKeys.size()) {
            return false;
        }
        for (Map.Entry<Integer, byte[]> skipped : skippedKeys.entrySet()) {
            byte[] theirs = that.skippedKeys.get(skipped.getKey());
            if (theirs == null || !Arrays.equals(skipped.getValue(), theirs)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return 31 * nextIndex + Arrays.hashCode(chainKey);
    }

    /** Never prints keys. */
    @Override
    public String toString() {
        return "ChainState[nextIndex=" + nextIndex + ", skipped=" + skippedKeys.keySet() + "]";
    }
}
