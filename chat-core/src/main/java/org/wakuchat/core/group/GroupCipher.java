package org.wakuchat.core.group;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.crypto.CryptoException;
import org.wakuchat.core.group.GroupCipherException.Reason;
import org.wakuchat.core.group.wire.GroupMessage;

/**
 * Sealing and opening group messages (docs/groups.md, "Wire"). A message is encrypted once under
 * the sender's next chain key, its header (sender member id, epoch, chain index) under the
 * epoch's header key, both with key and nonce derived from a fresh 16-byte salt, and signed with
 * the sender's group signing key over
 * {@code "WakuChat-GroupMessage-v1" || group id || epoch || salt || len(encrypted header) || encrypted header || ciphertext}.
 * <p>
 * Opening checks, in this order: structure, header (trial decryption under each epoch of the
 * keyring), membership, signature, chain index (replay, limit), body AEAD, padding. Nothing is
 * changed anywhere: the only new state is {@link Opened#next()}, which the caller stores in place
 * of the sender's chain once it has processed the message. A resend of the very same body is
 * {@code REPLAYED} at receivers that read it and readable at those that missed it. Stateless.
 */
public final class GroupCipher {

    /** Most messages of one chain a received message may skip (docs/groups.md: as 1:1). */
    public static final int MAX_SKIP = 1000;
    /** Most skipped message keys kept per chain (lowest index dropped first). */
    public static final int MAX_SKIPPED_KEYS = 1000;
    static final int SALT_LENGTH = 16;
    static final int HEADER_LENGTH = MemberId.LENGTH + Long.BYTES + Integer.BYTES;
    static final int ENCRYPTED_HEADER_LENGTH = HEADER_LENGTH + Crypto.AEAD_TAG_LENGTH;
    private static final byte[] SIGNATURE_LABEL = GroupKdf.ascii("WakuChat-GroupMessage-v1");
    private static final byte[] HEADER_AD_LABEL = GroupKdf.ascii("WakuChat-GroupHeader-v1");

    private GroupCipher() {
    }

    /**
     * A sealed message: {@code body} is the serialized {@code GroupMessage} (the Envelope body),
     * {@code index} its chain index, {@code next} the sender's chain to store before publishing.
     */
    public record Sealed(byte[] body, int index, ChainState next) {
    }

    /** An opened message; {@code next} replaces the receiver's copy of the sender's chain of that epoch. */
    public record Opened(long epoch, MemberId sender, int index, byte[] plaintext, ChainState next) {
    }

    /** What the receiver knows; the cipher only reads it. */
    public interface Keyring {

        /** The epochs whose messages can be read: the current one and previous ones in their grace time. */
        List<EpochKeys> epochs();

        /** The group signing public key of {@code member} in {@code epoch}, if known (it joined). */
        Optional<byte[]> signingKey(long epoch, MemberId member);

        /**
         * The receiver's copy of {@code member}'s sending chain in {@code epoch} (its
         * {@link EpochKeys#chainStart} if nothing was read from it yet); only asked for members of
         * that epoch. A device's own chain as sender is a different state: the engine does not
         * open its own messages.
         */
        ChainState chain(long epoch, MemberId member);
    }

    /**
     * Seals {@code plaintext} (padded here) as {@code sender}'s next message of the epoch.
     * Throws {@link IllegalArgumentException} if {@code sender} is not a member of the epoch or
     * the keys are of another group, {@link IllegalStateException} if the chain is exhausted.
     */
    public static Sealed seal(GroupId group, EpochKeys keys, MemberId sender, ChainState chain,
            byte[] signingPrivateKey, byte[] plaintext, SecureRandom random) {
        if (!keys.group().equals(group)) {
            throw new IllegalArgumentException("epoch keys of another group");
        }
        if (!keys.isMember(sender)) {
            throw new IllegalArgumentException(sender + " is not a member of epoch " + keys.epoch());
        }
        if (chain.nextIndex() == Integer.MAX_VALUE) {
            throw new IllegalStateException("sending chain exhausted");
        }
        int index = chain.nextIndex();
        byte[] chainKey = chain.chainKey();
        byte[] messageKey = GroupKdf.messageKey(chainKey);
        ChainState next = new ChainState(index + 1, GroupKdf.nextChainKey(chainKey), chain.skippedKeys());

        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        byte[] header = header(sender, keys.epoch(), index);
        GroupKdf.CipherKeys headerCipher = GroupKdf.headerCipher(keys.headerKey(), salt);
        byte[] encryptedHeader = Crypto.seal(headerCipher.key(), headerCipher.nonce(), headerAd(group), header);
        GroupKdf.CipherKeys bodyCipher = GroupKdf.messageCipher(messageKey, salt);
        byte[] ciphertext = Crypto.seal(bodyCipher.key(), bodyCipher.nonce(), bodyAd(group, header, salt),
                GroupPadding.pad(plaintext));
        byte[] signature = GroupSigning.sign(signingPrivateKey,
                signedData(group, keys.epoch(), salt, encryptedHeader, ciphertext));
        byte[] body = GroupMessage.newBuilder()
                .setHeaderSalt(ByteString.copyFrom(salt))
                .setEncryptedHeader(ByteString.copyFrom(encryptedHeader))
                .setCiphertext(ByteString.copyFrom(ciphertext))
                .setSignature(ByteString.copyFrom(signature))
                .build().toByteArray();
        return new Sealed(body, index, next);
    }

    /**
     * Opens a {@code GroupMessage} body of {@code group}. Throws only {@link GroupCipherException};
     * changes nothing (the new state is {@link Opened#next()}).
     */
    public static Opened open(GroupId group, byte[] body, Keyring keyring) throws GroupCipherException {
        GroupMessage message;
        try {
            message = GroupMessage.parseFrom(body);
        } catch (InvalidProtocolBufferException unreadable) {
            throw new GroupCipherException(Reason.MALFORMED, "not a group message", unreadable);
        }
        byte[] salt = message.getHeaderSalt().toByteArray();
        byte[] encryptedHeader = message.getEncryptedHeader().toByteArray();
        byte[] ciphertext = message.getCiphertext().toByteArray();
        byte[] signature = message.getSignature().toByteArray();
        if (salt.length != SALT_LENGTH || encryptedHeader.length != ENCRYPTED_HEADER_LENGTH
                || signature.length != GroupSigning.SIGNATURE_LENGTH || ciphertext.length < Crypto.AEAD_TAG_LENGTH) {
            throw new GroupCipherException(Reason.MALFORMED, "group message fields of wrong length");
        }

        EpochKeys keys = null;
        byte[] header = null;
        for (EpochKeys candidate : keyring.epochs()) {
            if (!candidate.group().equals(group)) {
                continue;
            }
            GroupKdf.CipherKeys headerCipher = GroupKdf.headerCipher(candidate.headerKey(), salt);
            try {
                header = Crypto.open(headerCipher.key(), headerCipher.nonce(), headerAd(group), encryptedHeader);
                keys = candidate;
                break;
            } catch (CryptoException notThisEpoch) {
                // try the next epoch
            }
        }
        if (keys == null) {
            throw new GroupCipherException(Reason.NOT_FOR_US, "no epoch of this group I know reads its header");
        }
        ByteBuffer fields = ByteBuffer.wrap(header);
        byte[] senderBytes = new byte[MemberId.LENGTH];
        fields.get(senderBytes);
        MemberId sender = new MemberId(senderBytes);
        long epoch = fields.getLong();
        long unsignedIndex = Integer.toUnsignedLong(fields.getInt());
        if (epoch != keys.epoch()) {
            throw new GroupCipherException(Reason.MALFORMED, "header names epoch " + epoch + " under the key of epoch "
                    + keys.epoch(), keys.epoch(), sender);
        }
        if (!keys.isMember(sender)) {
            throw new GroupCipherException(Reason.MALFORMED, "sender is not a member of epoch " + epoch, epoch, sender);
        }
        if (unsignedIndex >= Integer.MAX_VALUE) {
            throw new GroupCipherException(Reason.MALFORMED, "chain index out of range", epoch, sender);
        }
        int index = (int) unsignedIndex;

        Optional<byte[]> signingKey = keyring.signingKey(epoch, sender);
        if (signingKey.isEmpty()) {
            throw new GroupCipherException(Reason.UNKNOWN_SIGNING_KEY, "sender's signing key not known yet", epoch, sender);
        }
        if (!GroupSigning.verify(signingKey.get(), signedData(group, epoch, salt, encryptedHeader, ciphertext), signature)) {
            throw new GroupCipherException(Reason.BAD_SIGNATURE, "not signed by the sender", epoch, sender);
        }

        ChainState chain = keyring.chain(epoch, sender);
        if (chain == null) {
            throw new GroupCipherException(Reason.NOT_FOR_US, "no chain for the sender", epoch, sender);
        }
        byte[] messageKey;
        ChainState next;
        if (index < chain.nextIndex()) {
            messageKey = chain.skippedKeys().get(index);
            if (messageKey == null) {
                throw new GroupCipherException(Reason.REPLAYED, "chain index " + index + " already read", epoch, sender);
            }
            var skipped = new TreeMap<>(chain.skippedKeys());
            skipped.remove(index);
            next = new ChainState(chain.nextIndex(), chain.chainKey(), skipped);
        } else {
            if ((long) index - chain.nextIndex() > MAX_SKIP) {
                throw new GroupCipherException(Reason.TOO_FAR_AHEAD, "skips " + (index - chain.nextIndex())
                        + " messages, more than " + MAX_SKIP, epoch, sender);
            }
            var skipped = new TreeMap<>(chain.skippedKeys());
            byte[] chainKey = chain.chainKey();
            for (int i = chain.nextIndex(); i < index; i++) {
                skipped.put(i, GroupKdf.messageKey(chainKey));
                chainKey = GroupKdf.nextChainKey(chainKey);
            }
            while (skipped.size() > MAX_SKIPPED_KEYS) {
                skipped.pollFirstEntry();
            }
            messageKey = GroupKdf.messageKey(chainKey);
            next = new ChainState(index + 1, GroupKdf.nextChainKey(chainKey), skipped);
        }

        GroupKdf.CipherKeys bodyCipher = GroupKdf.messageCipher(messageKey, salt);
        byte[] padded;
        try {
            padded = Crypto.open(bodyCipher.key(), bodyCipher.nonce(), bodyAd(group, header, salt), ciphertext);
        } catch (CryptoException notAuthentic) {
            // Signed by the sender, yet not under its chain: a broken or rolled-back sender.
            throw new GroupCipherException(Reason.MALFORMED, "signed, but does not decrypt under the sender's chain",
                    epoch, sender);
        }
        try {
            return new Opened(epoch, sender, index, GroupPadding.unpad(padded), next);
        } catch (GroupCipherException badPadding) {
            throw new GroupCipherException(Reason.MALFORMED, badPadding.getMessage(), epoch, sender);
        }
    }

    private static byte[] header(MemberId sender, long epoch, int index) {
        return ByteBuffer.allocate(HEADER_LENGTH).put(sender.bytes()).putLong(epoch).putInt(index).array();
    }

    private static byte[] headerAd(GroupId group) {
        return Crypto.concat(HEADER_AD_LABEL, group.bytes());
    }

    /** Binds the body to its group, its (clear) header and salt. */
    private static byte[] bodyAd(GroupId group, byte[] header, byte[] salt) {
        return Crypto.concat(group.bytes(), header, salt);
    }

    static byte[] signedData(GroupId group, long epoch, byte[] salt, byte[] encryptedHeader, byte[] ciphertext) {
        return ByteBuffer.allocate(SIGNATURE_LABEL.length + GroupId.LENGTH + Long.BYTES + SALT_LENGTH + Integer.BYTES
                        + encryptedHeader.length + ciphertext.length)
                .put(SIGNATURE_LABEL).put(group.bytes()).putLong(epoch).put(salt).putInt(encryptedHeader.length)
                .put(encryptedHeader).put(ciphertext).array();
    }
}
