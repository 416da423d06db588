package org.wakuchat.core.session;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.crypto.X25519KeyPair;

/**
 * The X3DH-style key agreement from an unsigned invite: identity key and one prekey of the
 * inviter (B), identity key and a fresh ephemeral "base" key of the initiator (A), no one-time
 * prekey. SK = HKDF(0^32, 0xFF^32 || DH1 || DH2 || DH3, "WakuChat-X3DH-v1").
 */
final class X3dh {

    static final int SECRET_LENGTH = 32;
    private static final byte[] X3DH_INFO = ascii("WakuChat-X3DH-v1");
    private static final byte[] CONVERSATION_INFO = ascii("WakuChat-Conversation-v1");
    private static final byte[] ZERO_SALT = new byte[SECRET_LENGTH];
    private static final byte[] CURVE_PREFIX = filled((byte) 0xFF);

    private X3dh() {
    }

    /** A's side: DH1 = DH(IK_A, SPK_B), DH2 = DH(EK_A, IK_B), DH3 = DH(EK_A, SPK_B). */
    static byte[] initiatorSecret(X25519KeyPair identity, X25519KeyPair baseKey, byte[] theirIdentity, byte[] theirPrekey) {
        return secret(Crypto.dh(identity.privateKey(), theirPrekey), Crypto.dh(baseKey.privateKey(), theirIdentity),
                Crypto.dh(baseKey.privateKey(), theirPrekey));
    }

    /** B's side of the same three agreements. */
    static byte[] responderSecret(X25519KeyPair identity, X25519KeyPair prekey, byte[] theirIdentity, byte[] theirBaseKey) {
        return secret(Crypto.dh(prekey.privateKey(), theirIdentity), Crypto.dh(identity.privateKey(), theirBaseKey),
                Crypto.dh(prekey.privateKey(), theirBaseKey));
    }

    static byte[] conversationKey(byte[] sharedSecret) {
        return Crypto.hkdf(ZERO_SALT, sharedSecret, CONVERSATION_INFO, SECRET_LENGTH);
    }

    private static byte[] secret(byte[] dh1, byte[] dh2, byte[] dh3) {
        return Crypto.hkdf(ZERO_SALT, Crypto.concat(CURVE_PREFIX, dh1, dh2, dh3), X3DH_INFO, SECRET_LENGTH);
    }

    static byte[] ascii(String label) {
        return label.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] filled(byte value) {
        byte[] bytes = new byte[SECRET_LENGTH];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
