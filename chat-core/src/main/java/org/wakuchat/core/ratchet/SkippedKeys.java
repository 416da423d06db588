package org.wakuchat.core.ratchet;

import com.google.protobuf.ByteString;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.wakuchat.core.ratchet.state.SkippedMessageKey;

/**
 * Message keys of messages that were skipped (not yet arrived), oldest first. Bounded in count
 * (oldest evicted) and in age (measured in receiving DH ratchet steps, so no clock is needed).
 */
final class SkippedKeys {

    private record Slot(String ratchetKey, long counter) {
        static Slot of(byte[] ratchetKey, long counter) {
            return new Slot(HexFormat.of().formatHex(ratchetKey), counter);
        }
    }

    private record Entry(byte[] ratchetKey, long counter, byte[] messageKey, long step) {
    }

    private final LinkedHashMap<Slot, Entry> entries;

    SkippedKeys() {
        this(new LinkedHashMap<>());
    }

    private SkippedKeys(LinkedHashMap<Slot, Entry> entries) {
        this.entries = entries;
    }

    SkippedKeys copy() {
        return new SkippedKeys(new LinkedHashMap<>(entries));
    }

    int size() {
        return entries.size();
    }

    void add(byte[] ratchetKey, long counter, byte[] messageKey, long step, int maxKeys) {
        entries.put(Slot.of(ratchetKey, counter), new Entry(ratchetKey.clone(), counter, messageKey, step));
        Iterator<Map.Entry<Slot, Entry>> oldestFirst = entries.entrySet().iterator();
        while (entries.size() > maxKeys) {
            oldestFirst.next();
            oldestFirst.remove();
        }
    }

    /** Removes and returns the key for that message, if kept. */
    Optional<byte[]> take(byte[] ratchetKey, long counter) {
        return Optional.ofNullable(entries.remove(Slot.of(ratchetKey, counter))).map(Entry::messageKey);
    }

    /** Drops keys of chains more than {@code maxAge} receiving steps older than {@code currentStep}. */
    void expire(long currentStep, int maxAge) {
        entries.values().removeIf(entry -> currentStep - entry.step() > maxAge);
    }

    List<SkippedMessageKey> toProto() {
        return entries.values().stream()
                .map(entry -> SkippedMessageKey.newBuilder()
                        .setRatchetKey(ByteString.copyFrom(entry.ratchetKey()))
                        .setCounter((int) entry.counter())
                        .setMessageKey(ByteString.copyFrom(entry.messageKey()))
                        .setStep(entry.step())
                        .build())
                .toList();
    }

    static SkippedKeys fromProto(List<SkippedMessageKey> keys) {
        var skipped = new SkippedKeys();
        for (SkippedMessageKey key : keys) {
            if (key.getRatchetKey().size() != Kdf.KEY_LENGTH || key.getMessageKey().size() != Kdf.KEY_LENGTH) {
                throw new IllegalArgumentException("skipped message key has wrong length");
            }
            byte[] ratchetKey = key.getRatchetKey().toByteArray();
            long counter = Integer.toUnsignedLong(key.getCounter());
            skipped.entries.put(Slot.of(ratchetKey, counter),
                    new Entry(ratchetKey, counter, key.getMessageKey().toByteArray(), key.getStep()));
        }
        return skipped;
    }
}
