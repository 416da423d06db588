package org.wakuchat.core.session;

import java.util.Arrays;
import org.wakuchat.core.session.SessionException.Reason;

/**
 * Padding of every encrypted plaintext, so that observers see a few lengths instead of exact ones
 * (docs/crypto.md, "Padding"). ISO/IEC 7816-4 style: the content, one 0x80 byte, then zeros up to
 * the padded length. Message plaintexts are padded to the smallest bucket that holds content plus
 * marker: {@value #MIN_BUCKET} bytes, then powers of two up to {@value #LARGE_STEP}, then multiples
 * of {@value #LARGE_STEP}. 128 holds an acknowledgement and a short text (up to about 15–20
 * characters with its causal history, such as "ok", "see you at 8"), so an acknowledgement looks
 * like a short text; 256 holds a typical text (100 characters). Until issue 16 the first bucket was
 * 256, which made every acknowledgement as large as a 100-character text on the relay shard.
 * Reading is strict: only the exact padded length for the content's length is accepted, so each
 * content has one padded form.
 */
public final class Padding {

    /** The smallest padded message plaintext. */
    public static final int MIN_BUCKET = 128;
    /** Above this, buckets grow by this step instead of doubling (bounds the overhead of large payloads). */
    public static final int LARGE_STEP = 65_536;
    private static final byte MARKER = (byte) 0x80;

    private Padding() {
    }

    /** The padded length of a message plaintext of {@code contentLength} bytes. */
    public static int bucket(int contentLength) {
        if (contentLength < 0) {
            throw new IllegalArgumentException("negative length");
        }
        long needed = (long) contentLength + 1;
        if (needed <= MIN_BUCKET) {
            return MIN_BUCKET;
        }
        if (needed <= LARGE_STEP) {
            return Integer.highestOneBit((int) needed - 1) << 1;
        }
        long padded = (needed + LARGE_STEP - 1) / LARGE_STEP * LARGE_STEP;
        if (padded > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("plaintext too large to pad: " + contentLength + " bytes");
        }
        return (int) padded;
    }

    /** Pads a message plaintext to its bucket. */
    static byte[] pad(byte[] content) {
        return padTo(content, bucket(content.length));
    }

    /** Pads to exactly {@code length} bytes (> content length). */
    static byte[] padTo(byte[] content, int length) {
        if (length <= content.length) {
            throw new IllegalArgumentException("cannot pad " + content.length + " bytes to " + length);
        }
        byte[] padded = Arrays.copyOf(content, length);
        padded[content.length] = MARKER;
        return padded;
    }

    /** Removes message padding; anything but the canonical padded form is {@code MALFORMED}. */
    static byte[] unpad(byte[] padded) throws SessionException {
        byte[] content = strip(padded);
        if (bucket(content.length) != padded.length) {
            throw new SessionException(Reason.MALFORMED, "padded plaintext of " + padded.length
                    + " bytes for " + content.length + " bytes of content (expected " + bucket(content.length) + ")");
        }
        return content;
    }

    /** Removes padding to a fixed length; anything but {@code length} bytes correctly padded is {@code MALFORMED}. */
    static byte[] unpadFixed(byte[] padded, int length) throws SessionException {
        if (padded.length != length) {
            throw new SessionException(Reason.MALFORMED, "padded to " + padded.length + " bytes, not " + length);
        }
        return strip(padded);
    }

    private static byte[] strip(byte[] padded) throws SessionException {
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        if (end < 0 || padded[end] != MARKER) {
            throw new SessionException(Reason.MALFORMED, "bad padding: no 0x80 marker before the zeros");
        }
        return Arrays.copyOf(padded, end);
    }
}
