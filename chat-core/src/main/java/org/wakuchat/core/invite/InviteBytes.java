package org.wakuchat.core.invite;

import static org.wakuchat.core.invite.InviteException.Reason.CORRUPTED;
import static org.wakuchat.core.invite.InviteException.Reason.TRUNCATED;
import static org.wakuchat.core.invite.InviteException.Reason.UNSUPPORTED_VERSION;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.wakuchat.core.account.DisplayNames;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.crypto.X25519KeyPair;

/**
 * The binary invite. Every version is framed as {@code version(1) ‖ body ‖ checksum(4)}, the
 * checksum being the first 4 bytes of SHA-256("WakuChat/invite-checksum" ‖ everything before it),
 * so that a future version is told apart from a damaged invite. Big-endian throughout.
 *
 * <p>Version 1 body: identity key (32), prekey id (4), prekey public key (32), expiry in unsigned
 * Unix minutes (4), name length n (1) and its bitwise complement (1), name in UTF-8 (n). The
 * complement lets a damaged length be told apart from an invite cut off when copied.
 *
 * <p>Version 2 body: identity key (32), prekey public key (32; its id is derived from it, so not
 * carried), expiry (4), one byte L = n | hints &lt;&lt; 6 and its complement (1 + 1), name (n), the
 * inviter's cluster id as unsigned LEB128 (1..3 bytes), then the hints ({@link CompactMultiaddr}).
 * See docs/invites.md.
 */
final class InviteBytes {

    private static final byte[] CHECKSUM_DOMAIN = "WakuChat/invite-checksum".getBytes(StandardCharsets.US_ASCII);
    private static final int CHECKSUM_BYTES = 4;
    private static final int MIN_FRAME = 1 + CHECKSUM_BYTES;
    private static final int V1_NAME_LENGTH_OFFSET = 1 + 32 + 4 + 32 + 4;
    private static final int V1_NAME_OFFSET = V1_NAME_LENGTH_OFFSET + 2;
    private static final int V2_LENGTHS_OFFSET = 1 + 32 + 32 + 4;
    private static final int V2_NAME_OFFSET = V2_LENGTHS_OFFSET + 2;
    private static final int MAX_CLUSTER = 0xFFFF;

    private InviteBytes() {
    }

    static byte[] write(InviteData data) {
        byte[] name = data.displayName().getBytes(StandardCharsets.UTF_8);
        if (data.version() == InviteData.VERSION_1) {
            ByteBuffer out = ByteBuffer.allocate(V1_NAME_OFFSET + name.length + CHECKSUM_BYTES)
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
        InviteNetwork network = data.network().orElseThrow();
        byte[] cluster = leb128(network.clusterId());
        byte[] hints = CompactMultiaddr.write(network.hints());
        int lengths = name.length | network.hints().size() << 6;
        ByteBuffer out = ByteBuffer.allocate(V2_NAME_OFFSET + name.length + cluster.length + hints.length + CHECKSUM_BYTES)
                .put((byte) data.version())
                .put(data.identityKey())
                .put(data.preKeyPublic())
                .putInt((int) (data.expiresAt().getEpochSecond() / 60))
                .put((byte) lengths)
                .put((byte) ~lengths)
                .put(name)
                .put(cluster)
                .put(hints);
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

    /** Whether this build reads invites of {@code version}. */
    static boolean isKnownVersion(int version) {
        return version == InviteData.VERSION_1 || version == InviteData.VERSION_2;
    }

    /** Reads an {@linkplain #isIntact intact} frame. */
    static InviteData read(byte[] frame) throws InviteException {
        return switch (frame[0]) {
            case InviteData.VERSION_1 -> readVersion1(frame);
            case InviteData.VERSION_2 -> readVersion2(frame);
            default -> throw new InviteException(UNSUPPORTED_VERSION);
        };
    }

    private static InviteData readVersion1(byte[] frame) throws InviteException {
        if (frame.length < V1_NAME_OFFSET + CHECKSUM_BYTES || declaredLengthV1(frame) != frame.length) {
            throw new InviteException(CORRUPTED);
        }
        ByteBuffer in = ByteBuffer.wrap(frame, 1, frame.length - 1);
        byte[] identityKey = take(in, X25519KeyPair.KEY_LENGTH);
        int preKeyId = in.getInt();
        byte[] preKey = take(in, X25519KeyPair.KEY_LENGTH);
        Instant expiresAt = Instant.EPOCH.plus(Integer.toUnsignedLong(in.getInt()), ChronoUnit.MINUTES);
        in.position(V1_NAME_OFFSET);
        String name = utf8(take(in, frame[V1_NAME_LENGTH_OFFSET] & 0xFF));
        try {
            return new InviteData(InviteData.VERSION_1, identityKey, preKeyId, preKey, expiresAt, name);
        } catch (IllegalArgumentException invalidContent) {
            throw new InviteException(CORRUPTED);
        }
    }

    private static InviteData readVersion2(byte[] frame) throws InviteException {
        Version2 body;
        try {
            body = parseVersion2(frame);
        } catch (BufferUnderflowException declaresMoreThanThere) {
            throw new InviteException(CORRUPTED);
        }
        if (body == null || body.end() + CHECKSUM_BYTES != frame.length) {
            throw new InviteException(CORRUPTED);
        }
        ByteBuffer in = ByteBuffer.wrap(frame, 1, frame.length - 1);
        byte[] identityKey = take(in, X25519KeyPair.KEY_LENGTH);
        byte[] preKey = take(in, X25519KeyPair.KEY_LENGTH);
        Instant expiresAt = Instant.EPOCH.plus(Integer.toUnsignedLong(in.getInt()), ChronoUnit.MINUTES);
        in.position(V2_NAME_OFFSET);
        String name = utf8(take(in, body.nameLength()));
        try {
            return new InviteData(InviteData.VERSION_2, identityKey, PreKey.idOf(preKey), preKey, expiresAt, name,
                    Optional.of(new InviteNetwork(body.clusterId(), body.hints())));
        } catch (IllegalArgumentException invalidContent) {
            throw new InviteException(CORRUPTED);
        }
    }

    /** The variable part of a version-2 frame, and where it ends (the checksum's offset). */
    private record Version2(int nameLength, int clusterId, List<String> hints, int end) {
    }

    /**
     * Walks a version-2 frame.
     *
     * @return null when its lengths or hints are damaged
     * @throws BufferUnderflowException when the bytes end before the body does
     */
    private static Version2 parseVersion2(byte[] bytes) {
        if (bytes.length < V2_NAME_OFFSET) {
            throw new BufferUnderflowException();
        }
        int lengths = bytes[V2_LENGTHS_OFFSET] & 0xFF;
        int complement = bytes[V2_LENGTHS_OFFSET + 1] & 0xFF;
        int nameLength = lengths & 0x3F;
        int hintCount = lengths >> 6;
        if (complement != (~lengths & 0xFF) || nameLength > DisplayNames.MAX_BYTES || hintCount > InviteNetwork.MAX_HINTS) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < V2_NAME_OFFSET + nameLength) {
            throw new BufferUnderflowException();
        }
        in.position(V2_NAME_OFFSET + nameLength);
        int clusterId = readLeb128(in);
        if (clusterId < 0) {
            return null;
        }
        try {
            List<String> hints = CompactMultiaddr.read(in, hintCount);
            return new Version2(nameLength, clusterId, hints, in.position());
        } catch (IllegalArgumentException damagedHint) {
            return null;
        }
    }

    /**
     * Why a frame that is not {@linkplain #isIntact intact} fails: cut short of the length its
     * header declares (or of any frame), or damaged.
     */
    static InviteException.Reason damage(byte[] bytes) {
        if (bytes.length == 0 || !isKnownVersion(bytes[0])) {
            return bytes.length < MIN_FRAME ? TRUNCATED : CORRUPTED;
        }
        if (bytes[0] == InviteData.VERSION_2) {
            try {
                Version2 body = parseVersion2(bytes);
                if (body == null) {
                    return CORRUPTED;
                }
                return bytes.length < body.end() + CHECKSUM_BYTES ? TRUNCATED : CORRUPTED;
            } catch (BufferUnderflowException cutOff) {
                return TRUNCATED;
            }
        }
        if (bytes.length < V1_NAME_OFFSET) {
            return TRUNCATED;
        }
        int declaredLength = declaredLengthV1(bytes);
        if (declaredLength < 0) {
            return CORRUPTED;
        }
        return bytes.length < declaredLength ? TRUNCATED : CORRUPTED;
    }

    /** The whole frame length a version-1 header declares, or -1 when the name length is damaged. */
    private static int declaredLengthV1(byte[] bytes) {
        int nameLength = bytes[V1_NAME_LENGTH_OFFSET] & 0xFF;
        int complement = bytes[V1_NAME_LENGTH_OFFSET + 1] & 0xFF;
        if (complement != (~nameLength & 0xFF) || nameLength > DisplayNames.MAX_BYTES) {
            return -1;
        }
        return V1_NAME_OFFSET + nameLength + CHECKSUM_BYTES;
    }

    private static byte[] leb128(int value) {
        ByteBuffer out = ByteBuffer.allocate(3);
        int rest = value;
        do {
            int low = rest & 0x7F;
            rest >>>= 7;
            out.put((byte) (rest != 0 ? low | 0x80 : low));
        } while (rest != 0);
        return Arrays.copyOf(out.array(), out.position());
    }

    /** An unsigned LEB128 number up to 65535 in its shortest form, or -1 when it is not one. */
    private static int readLeb128(ByteBuffer in) {
        int value = 0;
        for (int i = 0; i < 3; i++) {
            int b = in.get() & 0xFF;
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                boolean shortest = i == 0 || b != 0;
                return shortest && value <= MAX_CLUSTER ? value : -1;
            }
        }
        return -1;
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
