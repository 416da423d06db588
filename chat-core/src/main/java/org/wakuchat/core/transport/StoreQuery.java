package org.wakuchat.core.transport;

import java.util.List;
import java.util.Optional;

/**
 * A Store v3 query: either by content topics and a time range, or by message hashes.
 * Times are Unix nanoseconds; {@code pageSize} is at most 100.
 */
public record StoreQuery(List<ContentTopic> contentTopics, Optional<Long> timeStartNanos, Optional<Long> timeEndNanos,
                         List<MessageHash> messageHashes, Optional<MessageHash> cursor, int pageSize, boolean forward) {

    public static final int MAX_PAGE_SIZE = 100;

    public StoreQuery {
        contentTopics = List.copyOf(contentTopics);
        messageHashes = List.copyOf(messageHashes);
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be 1.." + MAX_PAGE_SIZE);
        }
    }

    public static StoreQuery byTopics(List<ContentTopic> topics, long fromNanos, long toNanos) {
        return new StoreQuery(topics, Optional.of(fromNanos), Optional.of(toNanos), List.of(), Optional.empty(), MAX_PAGE_SIZE, true);
    }

    public static StoreQuery byHashes(List<MessageHash> hashes) {
        return new StoreQuery(List.of(), Optional.empty(), Optional.empty(), hashes, Optional.empty(), MAX_PAGE_SIZE, true);
    }

    public StoreQuery nextPage(MessageHash nextCursor) {
        return new StoreQuery(contentTopics, timeStartNanos, timeEndNanos, messageHashes, Optional.of(nextCursor), pageSize, forward);
    }
}
