package org.wakuchat.core.ratchet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.wakuchat.core.crypto.Crypto;

/** The Double Ratchet's key derivations (labels fixed by docs/crypto.md). */
final class Kdf {

    static final int KEY_LENGTH = 32;
    private static final byte[] RATCHET_INFO = "WakuChat-Ratchet-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE_INFO = "WakuChat-Message-v2".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROLLBACK_CHECK_INFO = "WakuChat-RollbackCheck-v2".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE_KEY_INPUT = {0x01};
    private static final byte[] CHAIN_KEY_INPUT = {0x02};
    private static final byte[] ZERO_SALT = new byte[KEY_LENGTH];

    private Kdf() {
    }

    record RootStep(byte[] rootKey, byte[] chainKey) {
    }

    record CipherKeys(byte[] key, byte[] nonce) {
    }

    /** KDF_RK: HKDF(salt = root key, ikm = DH output) → new root key || chain key. */
    static RootStep rootStep(byte[] rootKey, byte[] dhOutput) {
        byte[] out = Crypto.hkdf(rootKey, dhOutput, RATCHET_INFO, 2 * KEY_LENGTH);
        return new RootStep(Arrays.copyOfRange(out, 0, KEY_LENGTH), Arrays.copyOfRange(out, KEY_LENGTH, 2 * KEY_LENGTH));
    }

    /** KDF_CK, message key half. */
    static byte[] messageKey(byte[] chainKey) {
        return Crypto.hmacSha256(chainKey, MESSAGE_KEY_INPUT);
    }

    /** KDF_CK, next chain key half. */
    static byte[] nextChainKey(byte[] chainKey) {
        return Crypto.hmacSha256(chainKey, CHAIN_KEY_INPUT);
    }

    /**
     * AEAD key and nonce of one message: HKDF(salt = the message's random salt, ikm = message key).
     * A message key is used once, except by a state restored from an older copy, which uses it
     * again; the fresh salt then still yields a fresh (key, nonce) pair.
     */
    static CipherKeys cipherKeys(byte[] messageKey, byte[] salt) {
        byte[] out = Crypto.hkdf(salt, messageKey, MESSAGE_INFO, Crypto.AEAD_KEY_LENGTH + Crypto.AEAD_NONCE_LENGTH);
        return new CipherKeys(Arrays.copyOfRange(out, 0, Crypto.AEAD_KEY_LENGTH),
                Arrays.copyOfRange(out, Crypto.AEAD_KEY_LENGTH, out.length));
    }

    /**
     * The key of a message's rollback check, independent of its AEAD keys (other label). The
     * receiver keeps it for recently read messages: it proves that a second, different message in
     * the same slot came from the holder of the message key, i.e. from a rolled-back sender rather
     * than from someone on the network, yet reads nothing.
     */
    static byte[] rollbackCheckKey(byte[] messageKey) {
        return Crypto.hkdf(ZERO_SALT, messageKey, ROLLBACK_CHECK_INFO, ROLLBACK_CHECK_KEY_LENGTH);
    }

    static final int ROLLBACK_CHECK_KEY_LENGTH = 16;
}
