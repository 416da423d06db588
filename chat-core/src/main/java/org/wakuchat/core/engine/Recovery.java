package org.wakuchat.core.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatEvent.MissingState;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.sync.SyncChannel;
import org.wakuchat.core.sync.proto.MissingEntry;
import org.wakuchat.core.transport.MessageHash;
import org.wakuchat.core.transport.ReceivedMessage;
import org.wakuchat.core.transport.StorePage;
import org.wakuchat.core.transport.StoreQuery;

/**
 * Missing messages: tells the user, looks them up in Store by their retrieval hints (while the
 * sender's resends may also bring them), and after {@link DeliveryPolicy#missingPatience()}
 * says which could not be recovered. No silent losses.
 */
final class Recovery {

    private static final Logger log = LoggerFactory.getLogger(Recovery.class);
    private static final List<Duration> LOOKUPS = List.of(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(30));

    private final EngineParts parts;
    private Consumer<ReceivedMessage> receiver = message -> { };
    /**
     * While a batch of Store messages is handled (a catch-up page): the gaps found in it, by
     * conversation. Store returns messages of the same second in hash order, not the order they
     * were sent, so a later message often names an earlier one of the same page; such a gap is
     * no gap. Only what is still missing once the whole page is in counts as detected.
     */
    private Map<ConversationId, List<MissingEntry>> batchGaps;
    private Set<ConversationId> batchRecovered;

    Recovery(EngineParts parts) {
        this.parts = parts;
    }

    void deliverRecoveredTo(Consumer<ReceivedMessage> messageReceiver) {
        this.receiver = messageReceiver;
    }

    /**
     * At start: messages found missing before a restart are still reported lost when their
     * patience runs out (the timers of the previous engine died with it).
     */
    void resume() {
        Instant now = parts.config().scheduler().now();
        Duration patience = parts.config().delivery().missingPatience();
        for (ConversationId id : parts.book().ids()) {
            var dues = new TreeSet<Instant>();
            parts.book().sync(id).missing().stream()
                    .filter(m -> !m.getReportedLost())
                    .forEach(m -> dues.add(Instant.ofEpochMilli(m.getDetectedAtMs()).plus(patience).plusSeconds(1)));
            for (Instant due : dues) {
                parts.config().scheduler().schedule(Duration.between(now, due), () -> giveUpOverdue(id));
            }
        }
    }

    /**
     * Runs {@code batch} (the messages of one Store page) with gaps judged once at its end:
     * gaps that messages of the same page fill are neither reported nor looked up.
     */
    <T> T inOneBatch(java.util.function.Supplier<T> batch) {
        if (batchGaps != null) {
            return batch.get();
        }
        batchGaps = new LinkedHashMap<>();
        batchRecovered = new HashSet<>();
        Map<ConversationId, List<MissingEntry>> gaps = batchGaps;
        Set<ConversationId> recovered = batchRecovered;
        try {
            return batch.get();
        } finally {
            batchGaps = null;
            batchRecovered = null;
            for (var gap : gaps.entrySet()) {
                if (parts.book().stored(gap.getKey()).isEmpty()) {
                    continue;
                }
                SyncChannel channel = parts.book().sync(gap.getKey());
                Set<String> stillMissing = new HashSet<>();
                channel.missing().forEach(m -> stillMissing.add(m.getMessageId()));
                List<MissingEntry> real = gap.getValue().stream().filter(m -> stillMissing.contains(m.getMessageId())).toList();
                if (!real.isEmpty()) {
                    detected(gap.getKey(), channel, real);
                    recovered.remove(gap.getKey());
                }
            }
            for (ConversationId id : recovered) {
                if (parts.book().stored(id).isPresent()) {
                    recoveredSome(id, parts.book().sync(id).missing().size());
                }
            }
        }
    }

    /** Whether {@code messageId} was found missing earlier in the batch being handled (so its arrival recovers nothing). */
    boolean missingSinceThisBatch(ConversationId id, String messageId) {
        return batchGaps != null && batchGaps.getOrDefault(id, List.of()).stream()
                .anyMatch(m -> m.getMessageId().equals(messageId));
    }

    /** After an incoming message changed what is missing in a conversation. */
    void changed(ConversationId id, SyncChannel channel, SyncChannel.Received received) {
        if (batchGaps != null) {
            if (!received.newlyMissing().isEmpty()) {
                batchGaps.computeIfAbsent(id, key -> new ArrayList<>()).addAll(received.newlyMissing());
            } else if (received.recoveredMissing()) {
                batchRecovered.add(id);
            }
            return;
        }
        if (!received.newlyMissing().isEmpty()) {
            detected(id, channel, received.newlyMissing());
        } else if (received.recoveredMissing()) {
            recoveredSome(id, channel.missing().size());
        }
    }

    private void recoveredSome(ConversationId id, int missing) {
        parts.events().publish(missing == 0
                ? new ChatEvent.MissingMessages(id, 0, MissingState.RECOVERED)
                : new ChatEvent.MissingMessages(id, missing, MissingState.RECOVERING));
    }

    private void detected(ConversationId id, SyncChannel channel, List<MissingEntry> newlyMissing) {
        parts.report().missingDetected(id, newlyMissing.size());
        parts.events().publish(new ChatEvent.MissingMessages(id, channel.missing().size(), MissingState.RECOVERING));
        List<MessageHash> hints = newlyMissing.stream()
                .filter(m -> m.getRetrievalHint().size() == 32)
                .map(m -> new MessageHash(m.getRetrievalHint().toByteArray()))
                .toList();
        for (Duration after : LOOKUPS) {
            parts.config().scheduler().schedule(after, () -> lookUp(id, hints));
        }
        parts.config().scheduler().schedule(parts.config().delivery().missingPatience().plusSeconds(1),
                () -> giveUpOverdue(id));
    }

    private void lookUp(ConversationId id, List<MessageHash> hints) {
        List<MessageHash> stillMissing;
        synchronized (parts.lock()) {
            if (parts.closed().getAsBoolean() || parts.book().stored(id).isEmpty() || !parts.node().status().online()) {
                return;
            }
            var hintsStillMissing = parts.book().sync(id).missing().stream()
                    .map(MissingEntry::getRetrievalHint).toList();
            stillMissing = hints.stream()
                    .filter(h -> hintsStillMissing.contains(com.google.protobuf.ByteString.copyFrom(h.bytes())))
                    .toList();
        }
        if (stillMissing.isEmpty()) {
            return;
        }
        parts.node().storeQuery(StoreQuery.byHashes(stillMissing)).whenComplete((page, error) -> {
            if (error != null) {
                log.info("Store lookup of {} missing messages failed: {}", stillMissing.size(), error.toString());
                return;
            }
            synchronized (parts.lock()) {
                if (!parts.closed().getAsBoolean()) {
                    deliver(page);
                }
            }
        });
    }

    private void deliver(StorePage page) {
        inOneBatch(() -> {
            page.messages().forEach(receiver);
            return null;
        });
    }

    private void giveUpOverdue(ConversationId id) {
        synchronized (parts.lock()) {
            if (parts.closed().getAsBoolean() || parts.book().stored(id).isEmpty()) {
                return;
            }
            SyncChannel channel = parts.book().sync(id);
            List<MissingEntry> lost = channel.giveUp(parts.config().scheduler().now(),
                    parts.config().delivery().missingPatience());
            if (!lost.isEmpty()) {
                parts.book().saveSync(id, channel);
                parts.report().missingLost(id, lost.size());
                int totalLost = (int) channel.missing().stream().filter(MissingEntry::getReportedLost).count();
                parts.events().publish(new ChatEvent.MissingMessages(id, totalLost, MissingState.LOST));
            }
        }
    }
}
