package org.wakuchat.core.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.wakuchat.core.transport.MessageHash;
import org.wakuchat.core.transport.ReceivedMessage;
import org.wakuchat.core.transport.StorePage;
import org.wakuchat.core.transport.StoreQuery;

/**
 * A Store node that saw every message (Store v3 semantics): messages sorted by sender timestamp,
 * then hash; time range inclusive at both ends; pages always oldest first, whichever direction;
 * the cursor is the hash of the page's last message (forward) or first message (backward).
 * Not thread-safe: the network calls it under its lock.
 */
final class SimulatedStore {

    private static final Comparator<Entry> ORDER = Comparator
            .<Entry>comparingLong(entry -> entry.message().message().timestampNanos())
            .thenComparing((a, b) -> Arrays.compareUnsigned(a.message().hash().bytes(), b.message().hash().bytes()));

    private final Duration retention;
    private final NavigableSet<Entry> sorted = new TreeSet<>(ORDER);
    private final Map<MessageHash, Entry> byHash = new HashMap<>();
    private final Deque<Entry> byArrival = new ArrayDeque<>();

    SimulatedStore(Duration retention) {
        this.retention = retention;
    }

    /** Keeps the message unless it is already stored; ephemeral messages are never stored. */
    void archive(ReceivedMessage message, Instant now) {
        purge(now);
        if (message.message().ephemeral() || byHash.containsKey(message.hash())) {
            return;
        }
        var entry = new Entry(message, now);
        sorted.add(entry);
        byHash.put(message.hash(), entry);
        byArrival.addLast(entry);
    }

    int size(Instant now) {
        purge(now);
        return sorted.size();
    }

    /** @throws IllegalArgumentException for a query that mixes or lacks criteria, or an unknown cursor */
    StorePage query(StoreQuery query, Instant now) {
        purge(now);
        Predicate<Entry> matches = matcher(query);
        Iterator<Entry> candidates = candidates(query).iterator();
        List<Entry> page = new ArrayList<>();
        boolean more = false;
        while (candidates.hasNext()) {
            Entry entry = candidates.next();
            if (!matches.test(entry)) {
                continue;
            }
            if (page.size() == query.pageSize()) {
                more = true;
                break;
            }
            page.add(entry);
        }
        if (!query.forward()) {
            page = page.reversed();
        }
        Optional<MessageHash> cursor = more
                ? Optional.of((query.forward() ? page.getLast() : page.getFirst()).message().hash())
                : Optional.empty();
        return new StorePage(page.stream().map(Entry::message).toList(), cursor);
    }

    private Iterable<Entry> candidates(StoreQuery query) {
        if (query.cursor().isEmpty()) {
            return query.forward() ? sorted : sorted.descendingSet();
        }
        Entry cursor = byHash.get(query.cursor().get());
        if (cursor == null) {
            throw new IllegalArgumentException("unknown store cursor " + query.cursor().get() + " (expired or never stored)");
        }
        return query.forward() ? sorted.tailSet(cursor, false) : sorted.headSet(cursor, false).descendingSet();
    }

    private static Predicate<Entry> matcher(StoreQuery query) {
        boolean byTopics = !query.contentTopics().isEmpty();
        boolean byHashes = !query.messageHashes().isEmpty();
        if (byTopics == byHashes) {
            throw new IllegalArgumentException("a store query asks either by content topics or by message hashes");
        }
        if (byHashes) {
            Set<MessageHash> hashes = new HashSet<>(query.messageHashes());
            return entry -> hashes.contains(entry.message().hash());
        }
        var topics = Set.copyOf(query.contentTopics());
        long from = query.timeStartNanos().orElse(Long.MIN_VALUE);
        long to = query.timeEndNanos().orElse(Long.MAX_VALUE);
        return entry -> {
            long timestamp = entry.message().message().timestampNanos();
            return topics.contains(entry.message().message().contentTopic()) && timestamp >= from && timestamp <= to;
        };
    }

    private void purge(Instant now) {
        Instant oldestKept = now.minus(retention);
        while (!byArrival.isEmpty() && byArrival.peekFirst().archivedAt().isBefore(oldestKept)) {
            Entry expired = byArrival.removeFirst();
            sorted.remove(expired);
            byHash.remove(expired.message().hash());
        }
    }

    private record Entry(ReceivedMessage message, Instant archivedAt) {
    }
}
