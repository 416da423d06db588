package org.wakuchat.core.session;

import com.google.protobuf.InvalidProtocolBufferException;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.crypto.X25519KeyPair;
import org.wakuchat.core.session.SessionException.Reason;
import org.wakuchat.core.wire.Envelope;
import org.wakuchat.core.wire.PreKeyMessage;
import org.wakuchat.core.wire.RatchetMessage;

/** Reading and checking wire {@link Envelope}s (wire version {@value #VERSION}). */
public final class Envelopes {

    /**
     * The wire version this code writes and the only one it reads. Version 2 added the ratchet
     * message's salt (docs/crypto.md §2), removed the clear prekey id and padded every plaintext;
     * version 1 messages are refused, not half-read, and version 1 code cannot read version 2.
     */
    public static final int VERSION = 2;

    private Envelopes() {
    }

    /**
     * Parses a Waku message payload. Unknown fields are ignored; any version but {@link #VERSION}
     * (an older one, or a newer) is {@code UNSUPPORTED_VERSION}; anything else unusable is
     * {@code MALFORMED}.
     */
    public static Envelope parse(byte[] bytes) throws SessionException {
        Envelope envelope;
        try {
            envelope = Envelope.parseFrom(bytes);
        } catch (InvalidProtocolBufferException garbage) {
            throw new SessionException(Reason.MALFORMED, "not an envelope: " + garbage.getMessage(), garbage);
        }
        check(envelope);
        return envelope;
    }

    static Envelope of(PreKeyMessage message) {
        return Envelope.newBuilder().setVersion(VERSION).setPrekey(message).build();
    }

    static Envelope of(RatchetMessage message) {
        return Envelope.newBuilder().setVersion(VERSION).setRatchet(message).build();
    }

    /** Checks version and structure (field presence and lengths), not authenticity. */
    static void check(Envelope envelope) throws SessionException {
        int version = envelope.getVersion();
        if (Integer.compareUnsigned(version, VERSION) > 0) {
            throw new SessionException(Reason.UNSUPPORTED_VERSION,
                    "envelope version " + Integer.toUnsignedString(version) + ", this version reads up to " + VERSION);
        }
        if (version == 0) {
            throw new SessionException(Reason.MALFORMED, "envelope without a version");
        }
        if (version != VERSION) {
            throw new SessionException(Reason.UNSUPPORTED_VERSION, "envelope version " + version
                    + (version < VERSION ? " was sent by an older version of Waku Chat, which this version no longer reads"
                    : " was sent by a newer version of Waku Chat") + " (this version reads " + VERSION + " only)"
                    + (version < VERSION ? "; the sender needs to update" : "; update Waku Chat to read it"));
        }
        switch (envelope.getBodyCase()) {
            case PREKEY -> check(envelope.getPrekey());
            case RATCHET -> check(envelope.getRatchet());
            case BODY_NOT_SET -> throw new SessionException(Reason.MALFORMED, "envelope without a known body");
        }
    }

    static void check(PreKeyMessage message) throws SessionException {
        require(message.getBaseKey().size() == X25519KeyPair.KEY_LENGTH, "base key must be 32 bytes");
        require(message.getSealedSender().size() >= Crypto.AEAD_TAG_LENGTH, "sealed sender too short");
        require(message.hasMessage(), "prekey message without a ratchet message");
        check(message.getMessage());
    }

    static void check(RatchetMessage message) throws SessionException {
        require(message.getRatchetKey().size() == X25519KeyPair.KEY_LENGTH, "ratchet key must be 32 bytes");
        require(message.getCiphertext().size() >= Crypto.AEAD_TAG_LENGTH, "ciphertext shorter than its tag");
        require(message.getSalt().size() == SALT_LENGTH, "salt must be " + SALT_LENGTH + " bytes");
    }

    /** RatchetMessage.salt: 16 random bytes and an 8-byte rollback check (docs/crypto.md §2). */
    private static final int SALT_LENGTH = 24;

    private static void require(boolean condition, String problem) throws SessionException {
        if (!condition) {
            throw new SessionException(Reason.MALFORMED, problem);
        }
    }
}
