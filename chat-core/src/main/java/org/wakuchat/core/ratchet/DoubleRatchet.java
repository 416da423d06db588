package org.wakuchat.core.ratchet;

import com.google.protobuf.ByteString;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.crypto.CryptoException;
import org.wakuchat.core.crypto.X25519KeyPair;
import org.wakuchat.core.ratchet.RatchetException.Failure;
import org.wakuchat.core.ratchet.state.RatchetState;
import org.wakuchat.core.wire.RatchetMessage;

/**
 * Signal's Double Ratchet (without header encryption) with Waku Chat's KDF labels and limits.
 * The associated data of a message is {@code prefix || header || suffix}; the caller supplies
 * prefix (the session's identity keys) and suffix (empty, or the PreKeyMessage fields it travels
 * in). Decryption works on a copy of the state and keeps it only once the message authenticated,
 * so a forged, damaged or replayed message leaves the state unchanged. Every message carries a
 * fresh random salt from which, with its message key, its AEAD key and nonce derive: a state
 * restored from an older copy reuses message keys but never a (key, nonce) pair. Not thread-safe.
 */
public final class DoubleRatchet {

    private final RatchetLimits limits;
    private State state;

    private DoubleRatchet(State state, RatchetLimits limits) {
        this.state = state;
        this.limits = limits;
    }

    /** Signal's "Alice": knows the peer's initial ratchet key and can send at once. */
    public static DoubleRatchet initiator(byte[] sharedSecret, byte[] theirRatchetKey, SecureRandom random) {
        return initiator(sharedSecret, theirRatchetKey, random, RatchetLimits.DEFAULT);
    }

    static DoubleRatchet initiator(byte[] sharedSecret, byte[] theirRatchetKey, SecureRandom random,
            RatchetLimits limits) {
        var state = new State();
        state.sendingRatchetKey = X25519KeyPair.generate(random);
        state.receivingRatchetKey = theirRatchetKey.clone();
        Kdf.RootStep step = Kdf.rootStep(sharedSecret, Crypto.dh(state.sendingRatchetKey.privateKey(), theirRatchetKey));
        state.rootKey = step.rootKey();
        state.sendingChainKey = step.chainKey();
        return new DoubleRatchet(state, limits);
    }

    /** Signal's "Bob": holds the initial ratchet key pair and must receive before sending. */
    public static DoubleRatchet responder(byte[] sharedSecret, X25519KeyPair ourRatchetKey) {
        return responder(sharedSecret, ourRatchetKey, RatchetLimits.DEFAULT);
    }

    static DoubleRatchet responder(byte[] sharedSecret, X25519KeyPair ourRatchetKey, RatchetLimits limits) {
        var state = new State();
        state.sendingRatchetKey = ourRatchetKey;
        state.rootKey = sharedSecret.clone();
        return new DoubleRatchet(state, limits);
    }

    public boolean canSend() {
        return state.sendingChainKey != null;
    }

    /** Encrypts under the next message key; {@code random} draws the message's salt. */
    public RatchetMessage encrypt(byte[] plaintext, byte[] adPrefix, byte[] adSuffix, SecureRandom random) {
        if (!canSend()) {
            throw new IllegalStateException("no sending chain yet: the responder must receive a message first");
        }
        if (state.sendingCounter >= Header.MAX_COUNTER - 1) {
            throw new IllegalStateException("sending chain exhausted");
        }
        byte[] messageKey = Kdf.messageKey(state.sendingChainKey);
        byte[] fresh = new byte[Header.RANDOM_LENGTH];
        random.nextBytes(fresh);
        Header header = Header.withFreshSalt(state.sendingRatchetKey.publicKey(), state.previousSendingChainLength,
                state.sendingCounter, fresh, Kdf.rollbackCheckKey(messageKey));
        state.sendingChainKey = Kdf.nextChainKey(state.sendingChainKey);
        state.sendingCounter++;
        Kdf.CipherKeys keys = Kdf.cipherKeys(messageKey, header.salt());
        byte[] ciphertext = Crypto.seal(keys.key(), keys.nonce(), Crypto.concat(adPrefix, header.encode(), adSuffix), plaintext);
        return RatchetMessage.newBuilder()
                .setRatchetKey(ByteString.copyFrom(header.ratchetKey()))
                .setPreviousChainLength((int) header.previousChainLength())
                .setCounter((int) header.counter())
                .setCiphertext(ByteString.copyFrom(ciphertext))
                .setSalt(ByteString.copyFrom(header.salt()))
                .build();
    }

    /** Decrypts and, only if the message authenticates, advances the state. */
    public byte[] decrypt(RatchetMessage message, byte[] adPrefix, byte[] adSuffix, SecureRandom random)
            throws RatchetException {
        Header header = Header.of(message);
        if (header.counter() == Header.MAX_COUNTER) {
            throw new RatchetException(Failure.MALFORMED, "message counter out of range");
        }
        byte[] ciphertext = message.getCiphertext().toByteArray();
        if (ciphertext.length < Crypto.AEAD_TAG_LENGTH) {
            throw new RatchetException(Failure.MALFORMED, "ciphertext shorter than its tag");
        }
        State working = state.copy();
        Optional<ReadMessages.Entry> read = working.read.find(header.ratchetKey(), header.counter());
        if (read.isPresent()) {
            throw alreadyRead(read.get(), header);
        }
        byte[] messageKey = messageKeyFor(working, header);
        Kdf.CipherKeys keys = Kdf.cipherKeys(messageKey, header.salt());
        byte[] plaintext;
        try {
            plaintext = Crypto.open(keys.key(), keys.nonce(), Crypto.concat(adPrefix, header.encode(), adSuffix),
                    ciphertext);
        } catch (CryptoException notAuthentic) {
            throw new RatchetException(Failure.NOT_AUTHENTIC, "message failed authentication", notAuthentic);
        }
        working.read.add(header.ratchetKey(), header.counter(), header.salt(), Kdf.rollbackCheckKey(messageKey),
                limits.maxReadMessages());
        if (working.sendingChainOutdated) {
            // Only an authentic message earns a fresh sending ratchet key (forgeries cost no key generation).
            newSendingChain(working, random);
        }
        state = working;
        return plaintext;
    }

    /**
     * A message in a slot already read. The same salt is an exact replay. A different salt whose
     * rollback check holds was made by a holder of the slot's message key, which someone on the
     * network is not: the sender encrypts from a state restored from an older copy. Its content
     * cannot be read (the key is gone, for forward secrecy); the sender's resend in a later slot can.
     */
    private static RatchetException alreadyRead(ReadMessages.Entry read, Header header) {
        if (read.sameSalt(header.salt())) {
            return new RatchetException(Failure.DUPLICATE, "message already read");
        }
        if (header.checkMatches(read.checkKey())) {
            return new RatchetException(Failure.ROLLED_BACK,
                    "a different message in a slot already read: the sender's state was restored from an older copy");
        }
        // Someone else's edit of a message (e.g. of its counter): dropped like any message for a
        // used key, and never announced as a rollback.
        return new RatchetException(Failure.DUPLICATE, "a different message in a slot already read, check fails");
    }

    private byte[] messageKeyFor(State working, Header header) throws RatchetException {
        Optional<byte[]> skipped = working.skipped.take(header.ratchetKey(), header.counter());
        if (skipped.isPresent()) {
            return skipped.get();
        }
        if (Arrays.equals(header.ratchetKey(), working.receivingRatchetKey)) {
            if (working.receivingChainKey == null) {
                throw new RatchetException(Failure.NOT_AUTHENTIC, "no receiving chain for this ratchet key");
            }
            if (header.counter() < working.receivingCounter) {
                throw new RatchetException(Failure.DUPLICATE, "message key already used or expired");
            }
            return advanceReceivingChain(working, header.counter());
        }
        if (working.isPreviousReceivingKey(header.ratchetKey())) {
            throw new RatchetException(Failure.DUPLICATE, "message key of an earlier chain already used or expired");
        }
        checkSkip(header.counter(), 0);
        if (working.receivingChainKey != null) {
            long until = Math.min(header.previousChainLength(), working.receivingCounter + limits.maxSkip());
            skipReceivingChain(working, until);
        }
        newReceivingChain(working, header.ratchetKey());
        return advanceReceivingChain(working, header.counter());
    }

    private void checkSkip(long counter, long receivingCounter) throws RatchetException {
        if (counter - receivingCounter > limits.maxSkip()) {
            throw new RatchetException(Failure.TOO_FAR_AHEAD,
                    "message skips " + (counter - receivingCounter) + " messages, limit " + limits.maxSkip());
        }
    }

    private byte[] advanceReceivingChain(State working, long counter) throws RatchetException {
        checkSkip(counter, working.receivingCounter);
        skipReceivingChain(working, counter);
        byte[] messageKey = Kdf.messageKey(working.receivingChainKey);
        working.receivingChainKey = Kdf.nextChainKey(working.receivingChainKey);
        working.receivingCounter = counter + 1;
        return messageKey;
    }

    private void skipReceivingChain(State working, long until) {
        while (working.receivingCounter < until) {
            working.skipped.add(working.receivingRatchetKey, working.receivingCounter,
                    Kdf.messageKey(working.receivingChainKey), working.receivingStep, limits.maxSkippedKeys());
            working.receivingChainKey = Kdf.nextChainKey(working.receivingChainKey);
            working.receivingCounter++;
        }
    }

    /** First half of Signal's DHRatchet: the receiving chain for the peer's new ratchet key. */
    private void newReceivingChain(State working, byte[] theirRatchetKey) throws RatchetException {
        if (working.receivingChainKey != null) {
            // Remembered twice as long as their skipped keys live, so that a late message whose key
            // just expired still reads as DUPLICATE rather than as a forgery.
            working.rememberPreviousReceivingKey(2 * limits.maxSkippedKeyAge());
        }
        Kdf.RootStep receiving;
        try {
            receiving = Kdf.rootStep(working.rootKey, Crypto.dh(working.sendingRatchetKey.privateKey(), theirRatchetKey));
        } catch (CryptoException invalidKey) {
            throw new RatchetException(Failure.NOT_AUTHENTIC, "invalid ratchet key", invalidKey);
        }
        working.rootKey = receiving.rootKey();
        working.receivingRatchetKey = theirRatchetKey.clone();
        working.receivingChainKey = receiving.chainKey();
        working.receivingCounter = 0;
        working.receivingStep++;
        working.skipped.expire(working.receivingStep, limits.maxSkippedKeyAge());
        working.sendingChainOutdated = true;
    }

    /** Second half of Signal's DHRatchet: a fresh ratchet key pair and its sending chain. */
    private static void newSendingChain(State working, SecureRandom random) {
        working.previousSendingChainLength = working.sendingCounter;
        working.sendingCounter = 0;
        working.sendingRatchetKey = X25519KeyPair.generate(random);
        Kdf.RootStep sending = Kdf.rootStep(working.rootKey,
                Crypto.dh(working.sendingRatchetKey.privateKey(), working.receivingRatchetKey));
        working.rootKey = sending.rootKey();
        working.sendingChainKey = sending.chainKey();
        working.sendingChainOutdated = false;
    }

    int skippedKeyCount() {
        return state.skipped.size();
    }

    int readMessageCount() {
        return state.read.size();
    }

    public RatchetState toProto() {
        State s = state;
        var builder = RatchetState.newBuilder()
                .setRootKey(ByteString.copyFrom(s.rootKey))
                .setSendingRatchetPrivateKey(ByteString.copyFrom(s.sendingRatchetKey.privateKey()))
                .setSendingCounter((int) s.sendingCounter)
                .setReceivingCounter((int) s.receivingCounter)
                .setPreviousSendingChainLength((int) s.previousSendingChainLength)
                .setReceivingStep(s.receivingStep)
                .addAllSkippedKeys(s.skipped.toProto())
                .addAllReadMessages(s.read.toProto());
        optional(s.receivingRatchetKey).ifPresent(builder::setReceivingRatchetKey);
        optional(s.sendingChainKey).ifPresent(builder::setSendingChainKey);
        optional(s.receivingChainKey).ifPresent(builder::setReceivingChainKey);
        s.previousReceivingKeys.forEach(key -> builder.addPreviousReceivingRatchetKeys(ByteString.copyFrom(key)));
        return builder.build();
    }

    /** Restores a ratchet; throws {@link IllegalArgumentException} for an inconsistent state. */
    public static DoubleRatchet fromProto(RatchetState proto) {
        var s = new State();
        s.rootKey = key(proto.getRootKey(), "root key");
        s.sendingRatchetKey = X25519KeyPair.fromPrivate(key(proto.getSendingRatchetPrivateKey(), "sending ratchet key"));
        s.receivingRatchetKey = optionalKey(proto.getReceivingRatchetKey(), "receiving ratchet key");
        s.sendingChainKey = optionalKey(proto.getSendingChainKey(), "sending chain key");
        s.receivingChainKey = optionalKey(proto.getReceivingChainKey(), "receiving chain key");
        s.sendingCounter = Integer.toUnsignedLong(proto.getSendingCounter());
        s.receivingCounter = Integer.toUnsignedLong(proto.getReceivingCounter());
        s.previousSendingChainLength = Integer.toUnsignedLong(proto.getPreviousSendingChainLength());
        s.receivingStep = proto.getReceivingStep();
        s.skipped = SkippedKeys.fromProto(proto.getSkippedKeysList());
        s.read = ReadMessages.fromProto(proto.getReadMessagesList());
        for (ByteString previous : proto.getPreviousReceivingRatchetKeysList()) {
            s.previousReceivingKeys.addLast(key(previous, "previous receiving ratchet key"));
        }
        if (s.receivingChainKey != null && s.receivingRatchetKey == null) {
            throw new IllegalArgumentException("receiving chain without a ratchet key");
        }
        return new DoubleRatchet(s, RatchetLimits.DEFAULT);
    }

    private static Optional<ByteString> optional(byte[] value) {
        return Optional.ofNullable(value).map(ByteString::copyFrom);
    }

    private static byte[] key(ByteString value, String what) {
        if (value.size() != Kdf.KEY_LENGTH) {
            throw new IllegalArgumentException(what + " must be 32 bytes");
        }
        return value.toByteArray();
    }

    private static byte[] optionalKey(ByteString value, String what) {
        return value.isEmpty() ? null : key(value, what);
    }

    /** The mutable ratchet state; replaced as a whole when a decryption succeeds. */
    private static final class State {
        byte[] rootKey;
        X25519KeyPair sendingRatchetKey;
        byte[] receivingRatchetKey;
        byte[] sendingChainKey;
        byte[] receivingChainKey;
        long sendingCounter;
        long receivingCounter;
        long previousSendingChainLength;
        long receivingStep;
        SkippedKeys skipped = new SkippedKeys();
        ReadMessages read = new ReadMessages();
        ArrayDeque<byte[]> previousReceivingKeys = new ArrayDeque<>();
        /** Set between the two halves of a DH ratchet step, within one decryption; never stored. */
        boolean sendingChainOutdated;

        /** Byte arrays are never mutated in place, so sharing them between copies is safe. */
        State copy() {
            var copy = new State();
            copy.rootKey = rootKey;
            copy.sendingRatchetKey = sendingRatchetKey;
            copy.receivingRatchetKey = receivingRatchetKey;
            copy.sendingChainKey = sendingChainKey;
            copy.receivingChainKey = receivingChainKey;
            copy.sendingCounter = sendingCounter;
            copy.receivingCounter = receivingCounter;
            copy.previousSendingChainLength = previousSendingChainLength;
            copy.receivingStep = receivingStep;
            copy.skipped = skipped.copy();
            copy.read = read.copy();
            copy.previousReceivingKeys = new ArrayDeque<>(previousReceivingKeys);
            return copy;
        }

        boolean isPreviousReceivingKey(byte[] ratchetKey) {
            return previousReceivingKeys.stream().anyMatch(key -> Arrays.equals(key, ratchetKey));
        }

        void rememberPreviousReceivingKey(int maxRemembered) {
            previousReceivingKeys.addLast(receivingRatchetKey);
            while (previousReceivingKeys.size() > maxRemembered) {
                previousReceivingKeys.removeFirst();
            }
        }
    }
}
