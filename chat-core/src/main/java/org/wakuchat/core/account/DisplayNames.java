package org.wakuchat.core.account;

import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.text.Normalizer;

/**
 * The one rule for display names, used for my own name, names read from invites and nicknames:
 * NFC-normalized, stripped of surrounding whitespace, at most {@value #MAX_BYTES} UTF-8 bytes
 * (longer names are cut at a character boundary), at least one character, and no control,
 * line-separator or bidirectional-override characters (they break layouts or spoof names).
 */
public final class DisplayNames {

    public static final int MAX_BYTES = 32;

    private DisplayNames() {
    }

    /**
     * Returns the name as it is stored and shown.
     *
     * @throws IllegalArgumentException with a message fit for the user when no valid name remains
     */
    public static String normalize(String input) {
        if (input == null) {
            throw new IllegalArgumentException("Please enter a name.");
        }
        String name = truncate(Normalizer.normalize(input, Normalizer.Form.NFC).strip()).strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("Please enter a name.");
        }
        if (!name.codePoints().allMatch(DisplayNames::isAllowed)) {
            throw new IllegalArgumentException("A name cannot contain control characters or line breaks.");
        }
        return name;
    }

    /** Whether {@code name} is a valid name exactly as given, i.e. {@link #normalize} leaves it unchanged. */
    public static boolean isNormalized(String name) {
        try {
            return name != null && normalize(name).equals(name);
        } catch (IllegalArgumentException invalid) {
            return false;
        }
    }

    /** Cuts at the last whole character (grapheme) that fits, or at a code point if even one does not. */
    private static String truncate(String name) {
        if (utf8Length(name) <= MAX_BYTES) {
            return name;
        }
        int end = graphemePrefix(name);
        return name.substring(0, end > 0 ? end : codePointPrefix(name));
    }

    private static int graphemePrefix(String name) {
        BreakIterator graphemes = BreakIterator.getCharacterInstance();
        graphemes.setText(name);
        int end = 0;
        int bytes = 0;
        for (int next = graphemes.next(); next != BreakIterator.DONE; next = graphemes.next()) {
            bytes += utf8Length(name.substring(end, next));
            if (bytes > MAX_BYTES) {
                break;
            }
            end = next;
        }
        return end;
    }

    private static int codePointPrefix(String name) {
        int end = 0;
        int bytes = 0;
        while (end < name.length()) {
            int next = name.offsetByCodePoints(end, 1);
            bytes += utf8Length(name.substring(end, next));
            if (bytes > MAX_BYTES) {
                break;
            }
            end = next;
        }
        return end;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static boolean isAllowed(int codePoint) {
        int type = Character.getType(codePoint);
        boolean bidiOverride = (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
        return type != Character.CONTROL && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                && type != Character.SURROGATE && !bidiOverride;
    }
}
