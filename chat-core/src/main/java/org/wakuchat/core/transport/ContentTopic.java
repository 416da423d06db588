package org.wakuchat.core.transport;

import java.util.Objects;

/**
 * A content topic {@code /{application}/{version}/{name}/{encoding}} (23/WAKU2-TOPICS).
 * The optional generation prefix of the spec is not used by Waku Chat.
 */
public record ContentTopic(String application, String version, String name, String encoding) {

    public ContentTopic {
        requireSegment(application, "application");
        requireSegment(version, "version");
        requireSegment(name, "name");
        requireSegment(encoding, "encoding");
    }

    public static ContentTopic parse(String topic) {
        Objects.requireNonNull(topic, "topic");
        String[] parts = topic.split("/", -1);
        if (parts.length != 5 || !parts[0].isEmpty()) {
            throw new IllegalArgumentException("not a content topic /{app}/{version}/{name}/{encoding}: " + topic);
        }
        return new ContentTopic(parts[1], parts[2], parts[3], parts[4]);
    }

    @Override
    public String toString() {
        return "/" + application + "/" + version + "/" + name + "/" + encoding;
    }

    private static void requireSegment(String segment, String what) {
        if (segment == null || segment.isEmpty() || segment.contains("/")) {
            throw new IllegalArgumentException("content topic " + what + " must be a non-empty segment without '/': " + segment);
        }
    }
}
