package org.wakuchat.core.ratchet;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.wakuchat.core.ratchet.state.ReadMessage;

/**
 * The slots (ratchet key, counter) of the most recently read messages with the salt each came with
 * and its rollback check key, oldest first and bounded in count (oldest evicted). They let the
 * receiver tell an exact replay from a second, different message in a used slot, which only a
 * sender whose state was restored from an older copy produces. Keeps no key that reads anything.
 */
final class ReadMessages {

    static final int SALT_PREFIX_LENGTH = 8;

    private record Slot(String ratchetKey, long counter) {
        static Slot of(byte[] ratchetKey, long counter) {
            return new Slot(HexFormat.of().formatHex(ratchetKey), counter);
        }
    }

    record Entry(byte[] ratchetKey, long counter, byte[] saltPrefix, byte[] checkKey) {
        /** Whether {@code salt} is the one this slot was read with (an exact replay). */
        boolean sameSalt(byte[] salt) {
            return Arrays.equals(saltPrefix, Arrays.copyOf(salt, SALT_PREFIX_LENGTH));
        }
    }

    private final LinkedHashMap<Slot, Entry> entries;

    ReadMessages() {
        this(new LinkedHashMap<>());
    }

    private ReadMessages(LinkedHashMap<Slot, Entry> entries) {
        this.entries = entries;
    }

    ReadMessages copy() {
        return new ReadMessages(new LinkedHashMap<>(entries));
    }

    int size() {
        return entries.size();
    }

    void add(byte[] ratchetKey, long counter, byte[] salt, byte[] checkKey, int maxEntries) {
        entries.put(Slot.of(ratchetKey, counter), new Entry(ratchetKey.clone(), counter,
                Arrays.copyOf(salt, SALT_PREFIX_LENGTH), checkKey));
        Iterator<Map.Entry<Slot, Entry>> oldestFirst = entries.entrySet().iterator();
        while (entries.size() > maxEntries) {
            oldestFirst.next();
            oldestFirst.remove();
        }
    }

    Optional<Entry> find(byte[] ratchetKey, long counter) {
        return Optional.ofNullable(entries.get(Slot.of(ratchetKey, counter)));
    }

    List<ReadMessage> toProto() {
        return entries.values().stream()
                .map(entry -> ReadMessage.newBuilder()
                        .setRatchetKey(ByteString.copyFrom(entry.ratchetKey()))
                        .setCounter((int) entry.counter())
                        .setSaltPrefix(ByteString.copyFrom(entry.saltPrefix()))
                        .setCheckKey(ByteString.copyFrom(entry.checkKey()))
                        .build())
                .toList();
    }

    static ReadMessages fromProto(List<ReadMessage> messages) {
        var read = new ReadMessages();
        for (ReadMessage message : messages) {
            if (message.getRatchetKey().size() != Kdf.KEY_LENGTH
                    || message.getSaltPrefix().size() != SALT_PREFIX_LENGTH
                    || message.getCheckKey().size() != Kdf.ROLLBACK_CHECK_KEY_LENGTH) {
                throw new IllegalArgumentException("read message entry has wrong lengths");
            }
            byte[] ratchetKey = message.getRatchetKey().toByteArray();
            long counter = Integer.toUnsignedLong(message.getCounter());
            read.entries.put(Slot.of(ratchetKey, counter), new Entry(ratchetKey, counter,
                    message.getSaltPrefix().toByteArray(), message.getCheckKey().toByteArray()));
        }
        return read;
    }
}
