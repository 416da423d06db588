package org.wakuchat.core.session;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.wakuchat.core.account.DisplayNames;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.crypto.CryptoException;
import org.wakuchat.core.crypto.X25519KeyPair;
import org.wakuchat.core.session.SessionException.Reason;
import org.wakuchat.core.wire.SealedSender;

/**
 * Encrypts the initiator's identity key and name to the inviter's prekey. Key and nonce come from
 * HKDF(0^32, DH(EK_A, SPK_B), "WakuChat-SealedSender-v1"); the base key is fresh per session, so
 * key and nonce are never reused for different content. AD = base key || prekey id || IK_B: the
 * prekey id is not on the wire (version 2), both sides know it from the invite. The content is
 * padded to {@value #SEALED_LENGTH} bytes, whatever the name's length (at most 32 bytes: 68 bytes of
 * protobuf). Opening is cheap (one X25519, one AEAD over 88 bytes), which makes it the trial that
 * finds the prekey a session start was made with.
 * This only hides the sender from observers: it is authenticated as coming from IK_A by the first
 * ratchet message, whose associated data covers these very bytes.
 */
final class SealedSenderBox {

    private static final byte[] INFO = X3dh.ascii("WakuChat-SealedSender-v1");
    private static final byte[] ZERO_SALT = new byte[32];
    /** Padded length of every sealed sender plaintext: identity key 34 + name ≤ 34 + marker, rounded up. */
    static final int SEALED_LENGTH = 72;

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
        content = Padding.padTo(content, sealedLength(content.length));
        return Crypto.seal(keys[0], keys[1], associatedData(baseKey.publicKey(), prekeyId, theirIdentity), content);
    }

    /**
     * Tries to open a sealed sender with one prekey: the padded content if it authenticates under
     * it, else empty. Changes nothing either way.
     */
    static Optional<byte[]> tryOpen(X25519KeyPair prekey, byte[] baseKey, int prekeyId, byte[] myIdentity,
            byte[] sealed) {
        try {
            byte[][] keys = keys(Crypto.dh(prekey.privateKey(), baseKey));
            return Optional.of(Crypto.open(keys[0], keys[1], associatedData(baseKey, prekeyId, myIdentity), sealed));
        } catch (CryptoException notAuthentic) {
            return Optional.empty();
        }
    }

    /** Reads opened (authenticated) sealed sender content: padding, identity key and name must be valid. */
    static SealedSender read(byte[] padded) throws SessionException {
        byte[] content;
        try {
            content = Padding.unpadFixed(padded, padded.length);
        } catch (SessionException badPadding) {
            throw new SessionException(Reason.MALFORMED, "sealed sender: " + badPadding.getMessage(), badPadding);
        }
        if (sealedLength(content.length) != padded.length) {
            throw new SessionException(Reason.MALFORMED, "sealed sender padded to " + padded.length + " bytes, not "
                    + sealedLength(content.length));
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

    /** {@value #SEALED_LENGTH} for every valid name; larger only for content no reader accepts (tests send it). */
    static int sealedLength(int contentLength) {
        return contentLength < SEALED_LENGTH ? SEALED_LENGTH : Padding.bucket(contentLength);
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
