package org.wakuchat.core.group;

import java.util.Arrays;
import org.wakuchat.core.group.GroupCipherException.Reason;
import org.wakuchat.core.session.Padding;

/**
 * Group plaintexts are padded exactly as 1:1 message plaintexts ({@link Padding}: content, 0x80,
 * zeros up to the bucket of {@link Padding#bucket}), so a group message and a 1:1 message of the
 * same content length look alike; reading is strict (one padded form per content).
 */
final class GroupPadding {

    private static final byte MARKER = (byte) 0x80;

    private GroupPadding() {
    }

    static byte[] pad(byte[] content) {
        byte[] padded = Arrays.copyOf(content, Padding.bucket(content.length));
        padded[content.length] = MARKER;
        return padded;
    }

    static byte[] unpad(byte[] padded) throws GroupCipherException {
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        if (end < 0 || padded[end] != MARKER) {
            throw new GroupCipherException(Reason.MALFORMED, "bad padding: no 0x80 marker before the zeros");
        }
        if (Padding.bucket(end) != padded.length) {
            throw new GroupCipherException(Reason.MALFORMED, "padded to " + padded.length + " bytes for " + end
                    + " bytes of content");
        }
        return Arrays.copyOf(padded, end);
    }
}
