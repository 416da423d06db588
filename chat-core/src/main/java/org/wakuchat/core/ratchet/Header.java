package org.wakuchat.core.ratchet;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.wire.RatchetMessage;

/**
 * A ratchet message header; counters are unsigned 32-bit values held in longs. The salt is
 * {@value #RANDOM_LENGTH} fresh random bytes followed by a {@value #CHECK_LENGTH}-byte rollback check
 * (docs/crypto.md §2). {@link #encode()} is the fixed-length form bound into the associated data:
 * ratchet key (32) || previous chain length (4, big-endian) || counter (4, big-endian) || salt (24).
 */
record Header(byte[] ratchetKey, long previousChainLength, long counter, byte[] salt) {

    static final int RANDOM_LENGTH = 16;
    static final int CHECK_LENGTH = 8;
    static final int SALT_LENGTH = RANDOM_LENGTH + CHECK_LENGTH;
    static final int ENCODED_LENGTH = Kdf.KEY_LENGTH + 8 + SALT_LENGTH;
    static final long MAX_COUNTER = 0xFFFF_FFFFL;

    static Header of(RatchetMessage message) throws RatchetException {
        if (message.getRatchetKey().size() != Kdf.KEY_LENGTH) {
            throw new RatchetException(RatchetException.Failure.MALFORMED, "ratchet key must be 32 bytes");
        }
        if (message.getSalt().size() != SALT_LENGTH) {
            throw new RatchetException(RatchetException.Failure.MALFORMED, "salt must be " + SALT_LENGTH + " bytes");
        }
        return new Header(message.getRatchetKey().toByteArray(),
                Integer.toUnsignedLong(message.getPreviousChainLength()), Integer.toUnsignedLong(message.getCounter()),
                message.getSalt().toByteArray());
    }

    /** A header for a new message: fresh random bytes and their check under this message's check key. */
    static Header withFreshSalt(byte[] ratchetKey, long previousChainLength, long counter, byte[] random,
            byte[] checkKey) {
        byte[] salt = Arrays.copyOf(random, SALT_LENGTH);
        byte[] check = check(ratchetKey, previousChainLength, counter, random, checkKey);
        System.arraycopy(check, 0, salt, RANDOM_LENGTH, CHECK_LENGTH);
        return new Header(ratchetKey, previousChainLength, counter, salt);
    }

    /** Whether the salt's check was made with {@code checkKey}, i.e. by a holder of this slot's message key. */
    boolean checkMatches(byte[] checkKey) {
        byte[] expected = check(ratchetKey, previousChainLength, counter, Arrays.copyOf(salt, RANDOM_LENGTH), checkKey);
        return Crypto.equal(expected, Arrays.copyOfRange(salt, RANDOM_LENGTH, SALT_LENGTH));
    }

    private static byte[] check(byte[] ratchetKey, long previousChainLength, long counter, byte[] random,
            byte[] checkKey) {
        byte[] input = ByteBuffer.allocate(Kdf.KEY_LENGTH + 8 + RANDOM_LENGTH).put(ratchetKey)
                .putInt((int) previousChainLength).putInt((int) counter).put(random, 0, RANDOM_LENGTH).array();
        return Arrays.copyOf(Crypto.hmacSha256(checkKey, input), CHECK_LENGTH);
    }

    byte[] encode() {
        return ByteBuffer.allocate(ENCODED_LENGTH).put(ratchetKey).putInt((int) previousChainLength).putInt((int) counter)
                .put(salt).array();
    }
}
