package org.wakuchat.core.account;

import java.nio.charset.StandardCharsets;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.crypto.X25519KeyPair;

/**
 * Safety numbers, after the design Signal published for its numeric fingerprints.
 *
 * <p>Each identity key gets a 32-byte fingerprint: {@code h = SHA-256(DOMAIN ‖ version ‖ key)},
 * then {@value #ITERATIONS} times {@code h = SHA-256(h ‖ key)}. The iterations make it costly to
 * grind for a key whose number resembles someone else's. Its first 30 bytes, read as six 5-byte
 * big-endian numbers taken modulo 100000, give 30 digits. The two 30-digit halves are put in
 * ascending order so both sides show the same 60 digits; the QR payload is the version byte and the
 * two fingerprints in that same order, so both sides show the same code too.
 */
public final class SafetyNumbers {

    static final int ITERATIONS = 5200;
    static final byte VERSION = 1;
    private static final byte[] DOMAIN = "WakuChat/safety-number".getBytes(StandardCharsets.US_ASCII);
    private static final int CHUNKS = 6;
    private static final int CHUNK_BYTES = 5;
    private static final int FINGERPRINT_BYTES = 32;
    private static final int PAYLOAD_BYTES = 1 + 2 * FINGERPRINT_BYTES;

    private SafetyNumbers() {
    }

    public static SafetyNumber of(byte[] myIdentityKey, byte[] theirIdentityKey) {
        byte[] mine = fingerprint(myIdentityKey);
        byte[] theirs = fingerprint(theirIdentityKey);
        String myDigits = digits(mine);
        String theirDigits = digits(theirs);
        boolean mineFirst = myDigits.compareTo(theirDigits) <= 0;
        byte[] payload = Crypto.concat(new byte[] {VERSION}, mineFirst ? mine : theirs, mineFirst ? theirs : mine);
        return new SafetyNumber(mineFirst ? myDigits + theirDigits : theirDigits + myDigits, payload);
    }

    /** Whether a QR code scanned from the contact's screen shows the same safety number as mine. */
    public static boolean matches(SafetyNumber mine, byte[] scannedQrPayload) {
        if (mine == null || scannedQrPayload == null || scannedQrPayload.length != PAYLOAD_BYTES
                || scannedQrPayload[0] != VERSION) {
            return false;
        }
        return Crypto.equal(mine.qrPayload(), scannedQrPayload);
    }

    static byte[] fingerprint(byte[] identityKey) {
        if (identityKey == null || identityKey.length != X25519KeyPair.KEY_LENGTH) {
            throw new IllegalArgumentException("identity keys are 32 bytes");
        }
        byte[] hash = Crypto.sha256(DOMAIN, new byte[] {VERSION}, identityKey);
        for (int i = 0; i < ITERATIONS; i++) {
            hash = Crypto.sha256(hash, identityKey);
        }
        return hash;
    }

    private static String digits(byte[] fingerprint) {
        StringBuilder out = new StringBuilder(CHUNKS * CHUNK_BYTES);
        for (int offset = 0; offset < CHUNKS * CHUNK_BYTES; offset += CHUNK_BYTES) {
            out.append("%05d".formatted(chunkValue(fingerprint, offset) % 100_000));
        }
        return out.toString();
    }

    private static long chunkValue(byte[] fingerprint, int offset) {
        long value = 0;
        for (int i = offset; i < offset + CHUNK_BYTES; i++) {
            value = (value << 8) | (fingerprint[i] & 0xFF);
        }
        return value;
    }
}
