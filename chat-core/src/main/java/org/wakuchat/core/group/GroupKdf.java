package org.wakuchat.core.group;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.wakuchat.core.crypto.Crypto;

/**
 * The group key derivations (labels fixed by docs/groups.md, "Keys"). Every derivation from an
 * epoch secret uses {@code group id || epoch} as HKDF salt, so the same secret given to two
 * groups or epochs by mistake still yields unrelated keys.
 */
final class GroupKdf {

    static final int KEY_LENGTH = 32;
    static final int EPOCH_SECRET_LENGTH = 32;
    static final int TOPIC_ID_LENGTH = 8;
    private static final byte[] HEADER_INFO = ascii("WakuChat-GroupHeader-v1");
    private static final byte[] TOPIC_INFO = ascii("WakuChat-GroupTopic-v1");
    private static final byte[] CHAIN_INFO = ascii("WakuChat-GroupChain-v1");
    private static final byte[] MESSAGE_INFO = ascii("WakuChat-GroupMessage-v1");
    private static final byte[] HEADER_CIPHER_INFO = ascii("WakuChat-GroupHeaderCipher-v1");
    private static final byte[] MESSAGE_KEY_INPUT = {0x01};
    private static final byte[] CHAIN_KEY_INPUT = {0x02};

    private GroupKdf() {
    }

    record CipherKeys(byte[] key, byte[] nonce) {
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] epochSalt(GroupId group, long epoch) {
        return ByteBuffer.allocate(GroupId.LENGTH + Long.BYTES).put(group.bytes()).putLong(epoch).array();
    }

    static byte[] headerKey(byte[] epochSalt, byte[] epochSecret) {
        return Crypto.hkdf(epochSalt, epochSecret, HEADER_INFO, KEY_LENGTH);
    }

    static byte[] topicId(byte[] epochSalt, byte[] epochSecret) {
        return Crypto.hkdf(epochSalt, epochSecret, TOPIC_INFO, TOPIC_ID_LENGTH);
    }

    /** {@code CK_M,0 = HKDF(epoch secret, "WakuChat-GroupChain-v1" || member id of M)}. */
    static byte[] chainStart(byte[] epochSalt, byte[] epochSecret, MemberId member) {
        return Crypto.hkdf(epochSalt, epochSecret, Crypto.concat(CHAIN_INFO, member.bytes()), KEY_LENGTH);
    }

    /** {@code MK_i = HMAC(CK_i, 0x01)}. */
    static byte[] messageKey(byte[] chainKey) {
        return Crypto.hmacSha256(chainKey, MESSAGE_KEY_INPUT);
    }

    /** {@code CK_i+1 = HMAC(CK_i, 0x02)}. */
    static byte[] nextChainKey(byte[] chainKey) {
        return Crypto.hmacSha256(chainKey, CHAIN_KEY_INPUT);
    }

    /** AEAD key and nonce of one message body: HKDF(salt = the message's random salt, ikm = message key). */
    static CipherKeys messageCipher(byte[] messageKey, byte[] salt) {
        return split(Crypto.hkdf(salt, messageKey, MESSAGE_INFO, Crypto.AEAD_KEY_LENGTH + Crypto.AEAD_NONCE_LENGTH));
    }

    /** AEAD key and nonce of one message header: HKDF(salt = the message's random salt, ikm = header key). */
    static CipherKeys headerCipher(byte[] headerKey, byte[] salt) {
        return split(Crypto.hkdf(salt, headerKey, HEADER_CIPHER_INFO, Crypto.AEAD_KEY_LENGTH + Crypto.AEAD_NONCE_LENGTH));
    }

    private static CipherKeys split(byte[] out) {
        return new CipherKeys(Arrays.copyOfRange(out, 0, Crypto.AEAD_KEY_LENGTH),
                Arrays.copyOfRange(out, Crypto.AEAD_KEY_LENGTH, out.length));
    }
}
