package org.wakuchat.core.store;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Remembers which message sits at which index (the edges of recently read pages), so the next
 * page can start from a nearby known message instead of skipping every message before it.
 * Must be told about every change that moves indexes; when unsure, forget.
 */
final class PageAnchors {

    static final int MAX_PER_CONVERSATION = 16;

    record Anchor(int index, Position position) {
    }

    private final Map<String, TreeMap<Integer, Position>> byConversation = new HashMap<>();

    /** The closest anchor at or before {@code index}. */
    Optional<Anchor> atOrBefore(String conversation, int index) {
        TreeMap<Integer, Position> anchors = byConversation.get(conversation);
        return anchors == null ? Optional.empty() : Optional.ofNullable(anchors.floorEntry(index))
                .map(entry -> new Anchor(entry.getKey(), entry.getValue()));
    }

    /** The closest anchor at or after {@code index}. */
    Optional<Anchor> atOrAfter(String conversation, int index) {
        TreeMap<Integer, Position> anchors = byConversation.get(conversation);
        return anchors == null ? Optional.empty() : Optional.ofNullable(anchors.ceilingEntry(index))
                .map(entry -> new Anchor(entry.getKey(), entry.getValue()));
    }

    void remember(String conversation, int index, Position position) {
        TreeMap<Integer, Position> anchors = byConversation.computeIfAbsent(conversation, c -> new TreeMap<>());
        anchors.put(index, position);
        while (anchors.size() > MAX_PER_CONVERSATION) {
            int farthest = index - anchors.firstKey() > anchors.lastKey() - index ? anchors.firstKey() : anchors.lastKey();
            anchors.remove(farthest);
        }
    }

    /** A message was inserted at {@code position}: every anchor after it moves one index up. */
    void inserted(String conversation, Position position) {
        TreeMap<Integer, Position> anchors = byConversation.get(conversation);
        if (anchors == null) {
            return;
        }
        var shifted = new TreeMap<Integer, Position>();
        anchors.forEach((index, anchor) -> shifted.put(anchor.compareTo(position) > 0 ? index + 1 : index, anchor));
        byConversation.put(conversation, shifted);
    }

    void forget(String conversation) {
        byConversation.remove(conversation);
    }

    void clear() {
        byConversation.clear();
    }
}
