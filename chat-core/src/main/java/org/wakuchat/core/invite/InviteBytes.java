package org.wakuchat.core.invite;

import static org.wakuchat.core.invite.InviteException.Reason.CORRUPTED;
import static org.wakuchat.core.invite.InviteException.Reason.TRUNCATED;
import static org.wakuchat.core.invite.InviteException.Reason.UNSUPPORTED_VERSION;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.wakuchat.core.account.DisplayNames;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.crypto.X25519KeyPair;

/**
 * The binary invite. Every version is framed as {@code version(1) ‖ body ‖ checksum(4)}, the
 * checksum being the first 4 bytes of SHA-256("WakuChat/invite-checksum" ‖ everything before it),
 * so that a future version is told apart from a damaged invite. Version 1 body, big-endian:
 * identity key (32), prekey id (4), prekey public key (32), expiry in unsigned Unix minutes (4),
 * name length n (1) and its bitwise complement (1), name in UTF-8 (n). The complement lets a
 * damaged length be told apart from an invite cut off when copied.
 */
final class InviteBytes {

    static final int VERSION = InviteData.CURRENT_VERSION;
    private static final byte[] CHECKSUM_DOMAIN = "WakuChat/invite-checksum".getBytes(StandardCharsets.US_ASCII);
    private static final int CHECKSUM_BYTES = 4;
    private static final int MIN_FRAME = 1 + CHECKSUM_BYTES;
    private static final int NAME_LENGTH_OFFSET = 1 + 32 + 4 + 32 + 4;
    private static final int NAME_OFFSET = NAME_LENGTH_OFFSET + 2;

    private InviteBytes() {
    }

    static byte[] write(InviteData data) {
        byte[] name = data.displayName().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(NAME_OFFSET + name.length + CHECKSUM_BYTES)
                .put((byte) data.version())
                .put(data.identityKey())
                .putInt(data.preKeyId())
                .put(data.preKeyPublic())
                .putInt((int) (data.expiresAt().getEpochSecond() / 60))
                .put((byte) name.length)
                .put((byte) ~name.length)
                .put(name);
        return out.put(checksum(out.array(), out.position())).array();
    }

    /** Whether the bytes are a whole frame: nothing cut off, nothing changed. */
    static boolean isIntact(byte[] bytes) {
        if (bytes.length < MIN_FRAME) {
            return false;
        }
        int end = bytes.length - CHECKSUM_BYTES;
        return Crypto.equal(checksum(bytes, end), Arrays.copyOfRange(bytes, end, bytes.length));
    }

    /** Reads an {@linkplain #isIntact intact} frame. */
    static InviteData read(byte[] frame) throws InviteException {
        if (frame[0] != VERSION) {
            throw new InviteException(UNSUPPORTED_VERSION);
        }
        if (frame.length < NAME_OFFSET + CHECKSUM_BYTES || declaredLength(frame) != frame.length) {
            throw new InviteException(CORRUPTED);
        }
        ByteBuffer in = ByteBuffer.wrap(frame, 1, frame.length - 1);
        byte[] identityKey = take(in, X25519KeyPair.KEY_LENGTH);
        int preKeyId = in.getInt();
        byte[] preKey = take(in, X25519KeyPair.KEY_LENGTH);
        Instant expiresAt = Instant.EPOCH.plus(Integer.toUnsignedLong(in.getInt()), ChronoUnit.MINUTES);
        in.position(NAME_OFFSET);
        String name = utf8(take(in, frame[NAME_LENGTH_OFFSET] & 0xFF));
        try {
            return new InviteData(VERSION, identityKey, preKeyId, preKey, expiresAt, name);
        } catch (IllegalArgumentException invalidContent) {
            throw new InviteException(CORRUPTED);
        }
    }

    /**
     * Why a frame that is not {@linkplain #isIntact intact} fails: cut short of the length its
     * version-1 header declares (or of any frame), or damaged.
     */
    static InviteException.Reason damage(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != VERSION) {
            return bytes.length < MIN_FRAME ? TRUNCATED : CORRUPTED;
        }
        if (bytes.length < NAME_OFFSET) {
            return TRUNCATED;
        }
        int declaredLength = declaredLength(bytes);
        if (declaredLength < 0) {
            return CORRUPTED;
        }
        return bytes.length < declaredLength ? TRUNCATED : CORRUPTED;
    }

    /** The whole frame length a version-1 header declares, or -1 when the name length is damaged. */
    private static int declaredLength(byte[] bytes) {
        int nameLength = bytes[NAME_LENGTH_OFFSET] & 0xFF;
        int complement = bytes[NAME_LENGTH_OFFSET + 1] & 0xFF;
        if (complement != (~nameLength & 0xFF) || nameLength > DisplayNames.MAX_BYTES) {
            return -1;
        }
        return NAME_OFFSET + nameLength + CHECKSUM_BYTES;
    }

    private static byte[] checksum(byte[] bytes, int length) {
        byte[] hash = Crypto.sha256(CHECKSUM_DOMAIN, Arrays.copyOf(bytes, length));
        return Arrays.copyOf(hash, CHECKSUM_BYTES);
    }

    private static byte[] take(ByteBuffer in, int length) {
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }

    private static String utf8(byte[] bytes) throws InviteException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException malformed) {
            throw new InviteException(CORRUPTED);
        }
    }
}
