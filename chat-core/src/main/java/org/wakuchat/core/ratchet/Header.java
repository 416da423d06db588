package org.wakuchat.core.ratchet;

import java.nio.ByteBuffer;
import org.wakuchat.core.wire.RatchetMessage;

/**
 * A ratchet message header; counters are unsigned 32-bit values held in longs. {@link #encode()}
 * is the fixed-length form bound into the associated data: ratchet key (32) || previous chain
 * length (4, big-endian) || counter (4, big-endian).
 */
record Header(byte[] ratchetKey, long previousChainLength, long counter) {

    static final int ENCODED_LENGTH = Kdf.KEY_LENGTH + 8;
    static final long MAX_COUNTER = 0xFFFF_FFFFL;

    static Header of(RatchetMessage message) throws RatchetException {
        if (message.getRatchetKey().size() != Kdf.KEY_LENGTH) {
            throw new RatchetException(RatchetException.Failure.MALFORMED, "ratchet key must be 32 bytes");
        }
        return new Header(message.getRatchetKey().toByteArray(),
                Integer.toUnsignedLong(message.getPreviousChainLength()), Integer.toUnsignedLong(message.getCounter()));
    }

    byte[] encode() {
        return ByteBuffer.allocate(ENCODED_LENGTH).put(ratchetKey).putInt((int) previousChainLength).putInt((int) counter)
                .array();
    }
}
