package org.wakuchat.core.session;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.wakuchat.core.account.DisplayNames;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.crypto.CryptoException;
import org.wakuchat.core.crypto.X25519KeyPair;
import org.wakuchat.core.session.SessionException.Reason;
import org.wakuchat.core.wire.SealedSender;

/**
 * Encrypts the initiator's identity key and name to the inviter's prekey. Key and nonce come from
 * HKDF(0^32, DH(EK_A, SPK_B), "WakuChat-SealedSender-v1"); the base key is fresh per session, so
 * key and nonce are never reused for different content. AD = base key || prekey id || IK_B.
 * This only hides the sender from observers: it is authenticated as coming from IK_A by the first
 * ratchet message, whose associated data covers these very bytes.
 */
final class SealedSenderBox {

    private static final byte[] INFO = X3dh.ascii("WakuChat-SealedSender-v1");
    private static final byte[] ZERO_SALT = new byte[32];

    private SealedSenderBox() {
    }

    static byte[] seal(X25519KeyPair baseKey, byte[] theirPrekey, int prekeyId, byte[] theirIdentity,
            byte[] myIdentity, String myDisplayName) {
        byte[][] keys = keys(Crypto.dh(baseKey.privateKey(), theirPrekey));
        byte[] content = SealedSender.newBuilder()
                .setIdentityKey(ByteString.copyFrom(myIdentity))
                .setDisplayName(myDisplayName)
                .build()
                .toByteArray();
        return Crypto.seal(keys[0], keys[1], associatedData(baseKey.publicKey(), prekeyId, theirIdentity), content);
    }

    static SealedSender open(X25519KeyPair prekey, byte[] baseKey, int prekeyId, byte[] myIdentity, byte[] sealed)
            throws SessionException {
        byte[] content;
        try {
            byte[][] keys = keys(Crypto.dh(prekey.privateKey(), baseKey));
            content = Crypto.open(keys[0], keys[1], associatedData(baseKey, prekeyId, myIdentity), sealed);
        } catch (CryptoException notAuthentic) {
            throw new SessionException(Reason.NOT_AUTHENTIC, "sealed sender failed authentication", notAuthentic);
        }
        try {
            SealedSender sender = SealedSender.parseFrom(content);
            if (sender.getIdentityKey().size() != X25519KeyPair.KEY_LENGTH) {
                throw new SessionException(Reason.MALFORMED, "sealed sender identity key must be 32 bytes");
            }
            // The name is shown in the conversation list, headers and notifications: the rule that
            // invites and accounts follow applies, and anything else (50 KB, U+202E, NUL, line
            // breaks) refuses the whole session start rather than being repaired silently.
            if (!DisplayNames.isNormalized(sender.getDisplayName())) {
                throw new SessionException(Reason.MALFORMED, "sealed sender display name is not a valid display name ("
                        + sender.getDisplayName().length() + " chars)");
            }
            return sender;
        } catch (InvalidProtocolBufferException garbage) {
            throw new SessionException(Reason.MALFORMED, "sealed sender content is not valid", garbage);
        }
    }

    static byte[][] keys(byte[] sharedSecret) {
        byte[] out = Crypto.hkdf(ZERO_SALT, sharedSecret, INFO, Crypto.AEAD_KEY_LENGTH + Crypto.AEAD_NONCE_LENGTH);
        return new byte[][] {Arrays.copyOfRange(out, 0, Crypto.AEAD_KEY_LENGTH),
                Arrays.copyOfRange(out, Crypto.AEAD_KEY_LENGTH, out.length)};
    }

    static byte[] associatedData(byte[] baseKey, int prekeyId, byte[] recipientIdentity) {
        return ByteBuffer.allocate(32 + 4 + 32).put(baseKey).putInt(prekeyId).put(recipientIdentity).array();
    }
}
