package org.wakuchat.core.engine;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.transport.ReceivedMessage;
import org.wakuchat.core.transport.StorePage;
import org.wakuchat.core.transport.StoreQuery;

/**
 * After being offline: asks Store nodes for everything on my topics since I was last online
 * (with a margin for clock skew), and reports what it fetched and what it could not check.
 */
final class CatchUp {

    private static final Logger log = LoggerFactory.getLogger(CatchUp.class);
    private static final String KIND = "sync";
    private static final String LAST_ONLINE = "lastOnline";
    private static final Duration MARGIN = Duration.ofMinutes(5);
    /** Store nodes keep messages for a limited time (nwaku's default: 2 days). */
    static final Duration STORE_HORIZON = Duration.ofDays(2);
    private static final int TOPICS_PER_QUERY = 10;

    private final EngineParts parts;
    private final Predicate<ReceivedMessage> receiver;
    private final Recovery recovery;
    private final Runnable statusMayHaveChanged;
    private boolean running;

    CatchUp(EngineParts parts, Predicate<ReceivedMessage> receiver, Recovery recovery, Runnable statusMayHaveChanged) {
        this.recovery = recovery;
        this.parts = parts;
        this.receiver = receiver;
        this.statusMayHaveChanged = statusMayHaveChanged;
    }

    boolean running() {
        return running;
    }

    /** Records that the account is online now (the start of the next catch-up window). */
    void markOnline() {
        long now = parts.config().scheduler().now().toEpochMilli();
        parts.secrets().put(KIND, LAST_ONLINE, ByteBuffer.allocate(Long.BYTES).putLong(now).array());
    }

    void start(List<ContentTopic> topics) {
        if (running) {
            return;
        }
        Instant now = parts.config().scheduler().now();
        Optional<Instant> lastOnline = parts.secrets().get(KIND, LAST_ONLINE)
                .map(bytes -> Instant.ofEpochMilli(ByteBuffer.wrap(bytes).getLong()));
        if (lastOnline.isEmpty()) {
            markOnline();
            return;
        }
        Instant from = lastOnline.get().minus(MARGIN);
        Optional<String> horizonProblem = Optional.empty();
        if (from.isBefore(now.minus(STORE_HORIZON))) {
            from = now.minus(STORE_HORIZON);
            horizonProblem = Optional.of("Offline since " + lastOnline.get()
                    + ": messages older than 2 days may no longer be on Store nodes.");
        }
        running = true;
        statusMayHaveChanged.run();
        // Whole seconds, like the timestamps messages carry (Outbox.wireTimestampNanos): the
        // window leaves the device, and the Store node need not learn my clock to the millisecond.
        long fromNanos = TimeUnit.SECONDS.toNanos(from.getEpochSecond());
        long toNanos = TimeUnit.SECONDS.toNanos(now.getEpochSecond() + (now.getNano() == 0 ? 0 : 1));
        List<CompletableFuture<Integer>> chunks = new ArrayList<>();
        for (int i = 0; i < topics.size(); i += TOPICS_PER_QUERY) {
            List<ContentTopic> chunk = topics.subList(i, Math.min(topics.size(), i + TOPICS_PER_QUERY));
            chunks.add(fetch(StoreQuery.byTopics(chunk, fromNanos, toNanos), 0));
        }
        Optional<String> knownProblem = horizonProblem;
        Duration offlineFor = parts.report().offlineBeforeCatchUp();
        CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
            synchronized (parts.lock()) {
                running = false;
                if (parts.closed().getAsBoolean()) {
                    return;
                }
                int fetched = chunks.stream().filter(c -> !c.isCompletedExceptionally()).mapToInt(CompletableFuture::join).sum();
                Optional<String> problem = knownProblem;
                if (error != null) {
                    log.info("Catch-up from Store failed: {}", error.toString());
                    problem = Optional.of("Could not check Store nodes for missed messages: " + rootMessage(error));
                } else {
                    markOnline();
                }
                parts.report().catchUpEnded(now, offlineFor, fetched, error == null);
                parts.events().publish(new ChatEvent.CatchUpFinished(fetched, problem));
                statusMayHaveChanged.run();
            }
        });
    }

    private CompletableFuture<Integer> fetch(StoreQuery query, int fetchedSoFar) {
        return parts.node().storeQuery(query).thenCompose(page -> {
            int fetched = fetchedSoFar + deliver(page);
            return page.cursor().map(cursor -> fetch(query.nextPage(cursor), fetched))
                    .orElse(CompletableFuture.completedFuture(fetched));
        });
    }

    /**
     * One Store page in one transaction per database, instead of durable writes per message: the
     * disk's commit latency was most of the catch-up time. The messages commit first, then the
     * sessions, the order every single message follows too: after a crash in between, the
     * messages are known and the next catch-up's copies are recognised as duplicates while the
     * older sessions still decrypt them.
     */
    private int deliver(StorePage page) {
        synchronized (parts.lock()) {
            if (parts.closed().getAsBoolean()) {
                return 0;
            }
            int[] accepted = {0};
            parts.secrets().inTransaction(() -> parts.messages().inTransaction(() ->
                    accepted[0] = recovery.inOneBatch(() -> (int) page.messages().stream().filter(receiver).count())));
            return accepted[0];
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }
}
