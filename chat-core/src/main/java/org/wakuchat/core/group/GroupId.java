package org.wakuchat.core.group;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.wakuchat.core.ConversationId;

/**
 * A group's id: 16 random bytes, chosen by its creator, the same on every member's device. The
 * group's conversation id is {@code "g-" + hex()}.
 */
public record GroupId(byte[] bytes) {

    public static final int LENGTH = 16;
    private static final String CONVERSATION_PREFIX = "g-";

    public GroupId {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a group id is " + LENGTH + " bytes");
        }
        bytes = bytes.clone();
    }

    public static GroupId random(SecureRandom random) {
        byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        return new GroupId(bytes);
    }

    /** Parses 32 hex characters; throws {@link IllegalArgumentException} otherwise. */
    public static GroupId fromHex(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a group id is " + 2 * LENGTH + " hex characters");
        }
        return new GroupId(HexFormat.of().parseHex(hex));
    }

    /** The group of a conversation id, if it names one ({@code "g-"} and 32 lower-case hex characters). */
    public static Optional<GroupId> of(ConversationId conversation) {
        String value = conversation.value();
        if (!value.startsWith(CONVERSATION_PREFIX)) {
            return Optional.empty();
        }
        String hex = value.substring(CONVERSATION_PREFIX.length());
        if (hex.length() != 2 * LENGTH || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return Optional.empty();
        }
        return Optional.of(fromHex(hex));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lower-case hex, 32 characters. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    public ConversationId conversationId() {
        return new ConversationId(CONVERSATION_PREFIX + hex());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GroupId that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "GroupId[" + hex() + "]";
    }
}
