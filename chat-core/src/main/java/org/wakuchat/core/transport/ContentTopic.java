package org.wakuchat.core.transport;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A content topic {@code /{application}/{version}/{name}/{encoding}} (23/WAKU2-TOPICS), optionally
 * with the autosharding generation prefix {@code /{generation}/{application}/…} of
 * 51/WAKU2-RELAY-SHARDING.
 *
 * <p>The generation is kept exactly as written because the topic's string is hashed byte for byte
 * (14/WAKU2-MESSAGE): {@code /0/app/1/x/proto} and {@code /app/1/x/proto} are different topics on
 * the wire even though they land on the same shard. Parsing follows nwaku: the leading slash is
 * required, every segment is non-empty, and the generation is a decimal number (written without
 * leading zeros here, so that parsing and printing give back the same bytes).
 */
public record ContentTopic(OptionalInt generation, String application, String version, String name,
                           String encoding) {

    public ContentTopic {
        Objects.requireNonNull(generation, "generation");
        if (generation.isPresent() && generation.getAsInt() < 0) {
            throw new IllegalArgumentException("content topic generation must not be negative: " + generation.getAsInt());
        }
        requireSegment(application, "application");
        requireSegment(version, "version");
        requireSegment(name, "name");
        requireSegment(encoding, "encoding");
    }

    /** A topic without generation prefix: the form Waku Chat uses. */
    public ContentTopic(String application, String version, String name, String encoding) {
        this(OptionalInt.empty(), application, version, name, encoding);
    }

    /**
     * Parses {@code /{app}/{version}/{name}/{encoding}} or {@code /{generation}/{app}/{version}/{name}/{encoding}}.
     *
     * @throws IllegalArgumentException with the reason when the string is not such a topic
     */
    public static ContentTopic parse(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (!topic.startsWith("/")) {
            throw new IllegalArgumentException("content topic must start with '/': " + topic);
        }
        String[] parts = topic.substring(1).split("/", -1);
        try {
            return switch (parts.length) {
                case 4 -> new ContentTopic(parts[0], parts[1], parts[2], parts[3]);
                case 5 -> new ContentTopic(OptionalInt.of(parseGeneration(parts[0])), parts[1], parts[2], parts[3], parts[4]);
                default -> throw new IllegalArgumentException(
                        "expected /{app}/{version}/{name}/{encoding} or /{generation}/{app}/{version}/{name}/{encoding}");
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a content topic (" + e.getMessage() + "): " + topic, e);
        }
    }

    @Override
    public String toString() {
        String prefix = generation.isPresent() ? "/" + generation.getAsInt() : "";
        return prefix + "/" + application + "/" + version + "/" + name + "/" + encoding;
    }

    private static int parseGeneration(String segment) {
        boolean canonicalDecimal = !segment.isEmpty() && segment.chars().allMatch(c -> c >= '0' && c <= '9')
                && (segment.length() == 1 || segment.charAt(0) != '0');
        if (!canonicalDecimal || segment.length() > 9) {
            throw new IllegalArgumentException("the generation must be a decimal number without leading zeros");
        }
        return Integer.parseInt(segment);
    }

    private static void requireSegment(String segment, String what) {
        if (segment == null || segment.isEmpty() || segment.contains("/")) {
            throw new IllegalArgumentException("content topic " + what + " must be a non-empty segment without '/': " + segment);
        }
        // An unpaired surrogate has no UTF-8 form: the topic would silently change on the wire.
        if (segment.codePoints().anyMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
            throw new IllegalArgumentException("content topic " + what + " is not valid Unicode (unpaired surrogate)");
        }
    }
}
