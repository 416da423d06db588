package org.wakuchat.core.group;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.wakuchat.core.crypto.Crypto;

/**
 * A member's id within one group: the first 8 bytes of
 * {@code SHA-256("WakuChat-GroupMember-v1" || group id || identity key)}. It names the sender in a
 * group message's (encrypted) header and in SDS ({@code sender_id} = {@link #hex()}); being
 * per group, it does not link one person's memberships of different groups.
 */
public record MemberId(byte[] bytes) {

    public static final int LENGTH = 8;
    private static final byte[] LABEL = "WakuChat-GroupMember-v1".getBytes(StandardCharsets.US_ASCII);

    public MemberId {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a member id is " + LENGTH + " bytes");
        }
        bytes = bytes.clone();
    }

    public static MemberId of(GroupId group, byte[] identityKey) {
        return new MemberId(Arrays.copyOf(Crypto.sha256(LABEL, group.bytes(), identityKey), LENGTH));
    }

    /** Parses 16 hex characters; throws {@link IllegalArgumentException} otherwise. */
    public static MemberId fromHex(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a member id is " + 2 * LENGTH + " hex characters");
        }
        return new MemberId(HexFormat.of().parseHex(hex));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lower-case hex, 16 characters. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MemberId that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "MemberId[" + hex() + "]";
    }
}
