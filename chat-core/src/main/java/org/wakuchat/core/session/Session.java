package org.wakuchat.core.session;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.wakuchat.core.crypto.CryptoException;
import org.wakuchat.core.crypto.X25519KeyPair;
import org.wakuchat.core.ratchet.DoubleRatchet;
import org.wakuchat.core.ratchet.RatchetException;
import org.wakuchat.core.ratchet.state.RatchetState;
import org.wakuchat.core.session.SessionException.Reason;
import org.wakuchat.core.session.state.SessionState;
import org.wakuchat.core.wire.Envelope;
import org.wakuchat.core.wire.PreKeyMessage;
import org.wakuchat.core.wire.RatchetMessage;
import org.wakuchat.core.wire.SealedSender;

/**
 * An end-to-end encrypted 1:1 session: X3DH-style setup from an invite, then the Double Ratchet
 * (design in docs/crypto.md). Until the initiator has heard from the responder, everything it sends
 * is a PreKeyMessage, so any one of its first messages can set the session up. Decryption changes
 * the state only when the message authenticates. Not thread-safe.
 */
public final class Session {

    /** State format written by {@link #serialize()}. */
    static final int STATE_VERSION = 1;
    private static final byte[] NOTHING = new byte[0];

    private final boolean initiator;
    private final byte[] ourIdentityKey;
    private final byte[] theirIdentityKey;
    private final byte[] baseKey;
    private final int prekeyId;
    private final byte[] conversationKey;
    /** Replaced only to undo an authenticated message whose padding is bad. */
    private DoubleRatchet ratchet;
    private final SecureRandom random;
    private boolean confirmed;
    /** Initiator only, while unconfirmed. */
    private byte[] sealedSender;

    private Session(Builder builder) {
        this.initiator = builder.initiator;
        this.ourIdentityKey = builder.ourIdentityKey;
        this.theirIdentityKey = builder.theirIdentityKey;
        this.baseKey = builder.baseKey;
        this.prekeyId = builder.prekeyId;
        this.conversationKey = builder.conversationKey;
        this.ratchet = builder.ratchet;
        this.random = builder.random;
        this.confirmed = builder.confirmed;
        this.sealedSender = builder.sealedSender;
    }

    /** Starts a session from an invite's keys; the first message can be sent at once. */
    public static Session initiate(X25519KeyPair myIdentity, String myDisplayName, byte[] theirIdentityKey,
            int theirPrekeyId, byte[] theirPrekey, SecureRandom random) {
        Objects.requireNonNull(myDisplayName, "myDisplayName");
        requireKey(theirIdentityKey, "identity key");
        requireKey(theirPrekey, "prekey");
        X25519KeyPair base = X25519KeyPair.generate(random);
        try {
            byte[] sharedSecret = X3dh.initiatorSecret(myIdentity, base, theirIdentityKey, theirPrekey);
            var builder = new Builder();
            builder.initiator = true;
            builder.ourIdentityKey = myIdentity.publicKey();
            builder.theirIdentityKey = theirIdentityKey.clone();
            builder.baseKey = base.publicKey();
            builder.prekeyId = theirPrekeyId;
            builder.conversationKey = X3dh.conversationKey(sharedSecret);
            builder.sealedSender = SealedSenderBox.seal(base, theirPrekey, theirPrekeyId, theirIdentityKey,
                    myIdentity.publicKey(), myDisplayName);
            builder.ratchet = DoubleRatchet.initiator(sharedSecret, theirPrekey, random);
            builder.random = random;
            return new Session(builder);
        } catch (CryptoException invalidKey) {
            throw new IllegalArgumentException("the invite's keys are not valid X25519 public keys", invalidKey);
        }
    }

    /**
     * Inviter side: a PreKeyMessage arrived on my inbox topic. It does not name its prekey, so the
     * sealed sender is tried under each of my stored prekeys, newest first, at most
     * {@link PreKeyStore#MAX_TRIED}: the first that opens it is the one. A start that none opens is
     * {@code UNKNOWN_PREKEY} (unknown or revoked invite, or garbage), and so is one that opens under a
     * prekey no longer {@linkplain PreKeyStore.Candidate#accepted() accepted} (expired invite). The
     * tries change nothing; only the start that fully authenticates returns a session.
     */
    public static IncomingSession accept(X25519KeyPair myIdentity, PreKeyStore prekeys, PreKeyMessage message,
            SecureRandom random) throws SessionException {
        Envelopes.check(message);
        byte[] base = message.getBaseKey().toByteArray();
        byte[] myIdentityKey = myIdentity.publicKey();
        byte[] sealed = message.getSealedSender().toByteArray();
        List<PreKeyStore.Candidate> candidates = prekeys.candidates();
        int tried = Math.min(candidates.size(), PreKeyStore.MAX_TRIED);
        for (int i = 0; i < tried; i++) {
            PreKeyStore.Candidate candidate = candidates.get(i);
            Optional<byte[]> opened = SealedSenderBox.tryOpen(candidate.keys(), base, candidate.id(), myIdentityKey,
                    sealed);
            if (opened.isEmpty()) {
                continue;
            }
            if (!candidate.accepted()) {
                throw new SessionException(Reason.UNKNOWN_PREKEY,
                        "made with prekey " + Integer.toUnsignedString(candidate.id()) + " of an expired invite");
            }
            return accept(myIdentity, candidate, SealedSenderBox.read(opened.get()), message, random);
        }
        throw new SessionException(Reason.UNKNOWN_PREKEY, "made with none of my " + tried
                + " prekeys (unknown, revoked or expired invite, or damaged)");
    }

    private static IncomingSession accept(X25519KeyPair myIdentity, PreKeyStore.Candidate prekey, SealedSender sender,
            PreKeyMessage message, SecureRandom random) throws SessionException {
        byte[] base = message.getBaseKey().toByteArray();
        byte[] theirIdentityKey = sender.getIdentityKey().toByteArray();
        byte[] sharedSecret;
        try {
            sharedSecret = X3dh.responderSecret(myIdentity, prekey.keys(), theirIdentityKey, base);
        } catch (CryptoException invalidKey) {
            throw new SessionException(Reason.NOT_AUTHENTIC, "invalid identity or base key", invalidKey);
        }
        var builder = new Builder();
        builder.ourIdentityKey = myIdentity.publicKey();
        builder.theirIdentityKey = theirIdentityKey;
        builder.baseKey = base;
        builder.prekeyId = prekey.id();
        builder.conversationKey = X3dh.conversationKey(sharedSecret);
        builder.ratchet = DoubleRatchet.responder(sharedSecret, prekey.keys());
        builder.random = random;
        var session = new Session(builder);
        byte[] plaintext = session.decryptRatchet(message.getMessage(), session.preKeyBinding(message));
        return new IncomingSession(session, prekey.id(), theirIdentityKey, sender.getDisplayName(), plaintext);
    }

    /** Encrypts a plaintext, padded to its {@linkplain Padding#bucket bucket}. */
    public Envelope encrypt(byte[] plaintext) {
        byte[] padded = Padding.pad(plaintext);
        if (sealedSender == null) {
            return Envelopes.of(ratchet.encrypt(padded, associatedData(), NOTHING, random));
        }
        byte[] binding = preKeyBinding(prekeyId, baseKey, sealedSender);
        RatchetMessage message = ratchet.encrypt(padded, associatedData(), binding, random);
        return Envelopes.of(PreKeyMessage.newBuilder()
                .setBaseKey(ByteString.copyFrom(baseKey))
                .setSealedSender(ByteString.copyFrom(sealedSender))
                .setMessage(message)
                .build());
    }

    /**
     * Decrypts a RatchetMessage envelope, or (responder only) a PreKeyMessage envelope of this
     * session, i.e. with this session's {@link #baseKey()}. Commits state only on success.
     */
    public byte[] decrypt(Envelope envelope) throws SessionException {
        Envelopes.check(envelope);
        if (envelope.hasRatchet()) {
            return decryptRatchet(envelope.getRatchet(), NOTHING);
        }
        PreKeyMessage message = envelope.getPrekey();
        if (initiator) {
            throw new SessionException(Reason.MALFORMED, "the initiator of a session never receives PreKeyMessages");
        }
        if (!Arrays.equals(message.getBaseKey().toByteArray(), baseKey)) {
            throw new SessionException(Reason.NOT_AUTHENTIC, "PreKeyMessage of another session");
        }
        return decryptRatchet(message.getMessage(), preKeyBinding(message));
    }

    private byte[] decryptRatchet(RatchetMessage message, byte[] binding) throws SessionException {
        // The padding can only be read once the ratchet has authenticated the message (and
        // committed its state); an authenticated message with bad padding (a faulty peer) is
        // still refused with the session unchanged, so the state is put back.
        RatchetState before = ratchet.toProto();
        byte[] padded;
        try {
            padded = ratchet.decrypt(message, associatedData(), binding, random);
        } catch (RatchetException refused) {
            throw new SessionException(Reason.valueOf(refused.failure().name()), refused.getMessage(), refused);
        }
        byte[] plaintext;
        try {
            plaintext = Padding.unpad(padded);
        } catch (SessionException badPadding) {
            ratchet = DoubleRatchet.fromProto(before);
            throw badPadding;
        }
        confirmed = true;
        sealedSender = null;
        return plaintext;
    }

    public byte[] theirIdentityKey() {
        return theirIdentityKey.clone();
    }

    /** The initiator's X3DH ephemeral key: the same in every PreKeyMessage of this session. */
    public byte[] baseKey() {
        return baseKey.clone();
    }

    public boolean isInitiator() {
        return initiator;
    }

    /** At least one message from the peer authenticated. */
    public boolean confirmed() {
        return confirmed;
    }

    /** HKDF(SK, "WakuChat-Conversation-v1"): equal on both sides and stable for the session. */
    public byte[] conversationKey() {
        return conversationKey.clone();
    }

    /** Session AD = IK_A || IK_B, initiator first. */
    private byte[] associatedData() {
        return initiator ? concat(ourIdentityKey, theirIdentityKey) : concat(theirIdentityKey, ourIdentityKey);
    }

    /** The binding of a PreKeyMessage for this session, whose prekey id both sides know from the invite. */
    private byte[] preKeyBinding(PreKeyMessage message) {
        return preKeyBinding(prekeyId, message.getBaseKey().toByteArray(), message.getSealedSender().toByteArray());
    }

    /**
     * Binds a PreKeyMessage's own fields into its ratchet message: prekey id || base key || sealed
     * sender. The prekey id is not on the wire but still bound: a start tried under the wrong prekey
     * cannot authenticate.
     */
    private static byte[] preKeyBinding(int prekeyId, byte[] baseKey, byte[] sealedSender) {
        return ByteBuffer.allocate(4 + baseKey.length + sealedSender.length).putInt(prekeyId).put(baseKey)
                .put(sealedSender).array();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        return ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();
    }

    private static void requireKey(byte[] key, String what) {
        if (key == null || key.length != X25519KeyPair.KEY_LENGTH) {
            throw new IllegalArgumentException(what + " must be 32 bytes");
        }
    }

    public byte[] serialize() {
        var builder = SessionState.newBuilder()
                .setVersion(STATE_VERSION)
                .setInitiator(initiator)
                .setOurIdentityKey(ByteString.copyFrom(ourIdentityKey))
                .setTheirIdentityKey(ByteString.copyFrom(theirIdentityKey))
                .setBaseKey(ByteString.copyFrom(baseKey))
                .setPrekeyId(prekeyId)
                .setConversationKey(ByteString.copyFrom(conversationKey))
                .setConfirmed(confirmed)
                .setRatchet(ratchet.toProto());
        Optional.ofNullable(sealedSender).map(ByteString::copyFrom).ifPresent(builder::setSealedSender);
        return builder.build().toByteArray();
    }

    /** Restores a session with a fresh {@link SecureRandom} for future ratchet keys. */
    public static Session deserialize(byte[] state) throws SessionException {
        return deserialize(state, new SecureRandom());
    }

    public static Session deserialize(byte[] state, SecureRandom random) throws SessionException {
        SessionState proto;
        try {
            proto = SessionState.parseFrom(state);
        } catch (InvalidProtocolBufferException garbage) {
            throw new SessionException(Reason.MALFORMED, "not a session state", garbage);
        }
        if (Integer.compareUnsigned(proto.getVersion(), STATE_VERSION) > 0) {
            throw new SessionException(Reason.UNSUPPORTED_VERSION,
                    "session state version " + Integer.toUnsignedString(proto.getVersion()));
        }
        if (proto.getVersion() != STATE_VERSION) {
            throw new SessionException(Reason.MALFORMED, "session state without a version");
        }
        try {
            return fromProto(proto, random);
        } catch (IllegalArgumentException inconsistent) {
            throw new SessionException(Reason.MALFORMED, "session state is not valid: " + inconsistent.getMessage(),
                    inconsistent);
        }
    }

    private static Session fromProto(SessionState proto, SecureRandom random) {
        var builder = new Builder();
        builder.initiator = proto.getInitiator();
        builder.ourIdentityKey = key(proto.getOurIdentityKey(), "our identity key");
        builder.theirIdentityKey = key(proto.getTheirIdentityKey(), "their identity key");
        builder.baseKey = key(proto.getBaseKey(), "base key");
        builder.prekeyId = proto.getPrekeyId();
        builder.conversationKey = key(proto.getConversationKey(), "conversation key");
        builder.confirmed = proto.getConfirmed();
        if (!proto.getSealedSender().isEmpty()) {
            if (!builder.initiator || builder.confirmed) {
                throw new IllegalArgumentException("sealed sender kept by a confirmed or responding session");
            }
            builder.sealedSender = proto.getSealedSender().toByteArray();
        } else if (builder.initiator && !builder.confirmed) {
            throw new IllegalArgumentException("unconfirmed initiator without its sealed sender");
        }
        if (!proto.hasRatchet()) {
            throw new IllegalArgumentException("no ratchet state");
        }
        builder.ratchet = DoubleRatchet.fromProto(proto.getRatchet());
        builder.random = Objects.requireNonNull(random, "random");
        return new Session(builder);
    }

    private static byte[] key(ByteString value, String what) {
        if (value.size() != X25519KeyPair.KEY_LENGTH) {
            throw new IllegalArgumentException(what + " must be 32 bytes");
        }
        return value.toByteArray();
    }

    /** Collects the fields of a new session. */
    private static final class Builder {
        boolean initiator;
        byte[] ourIdentityKey;
        byte[] theirIdentityKey;
        byte[] baseKey;
        int prekeyId;
        byte[] conversationKey;
        DoubleRatchet ratchet;
        SecureRandom random;
        boolean confirmed;
        byte[] sealedSender;
    }
}
