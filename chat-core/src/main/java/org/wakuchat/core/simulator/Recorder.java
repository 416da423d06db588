package org.wakuchat.core.simulator;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import org.wakuchat.core.transport.MessageHash;

/** Counts what happens to messages and passes each event to the trace listener. Not thread-safe. */
final class Recorder {

    private Consumer<TraceEvent> listener = event -> { };
    private long published;
    private long delivered;
    private long duplicatesDelivered;
    private long lost;
    private long unreachable;
    private long droppedByRule;

    void setListener(Consumer<TraceEvent> newListener) {
        listener = Objects.requireNonNull(newListener, "listener");
    }

    void record(Instant at, String node, MessageHash hash, TraceEvent.Outcome outcome) {
        switch (outcome) {
            case PUBLISHED -> published++;
            case DELIVERED -> delivered++;
            case DELIVERED_DUPLICATE -> duplicatesDelivered++;
            case LOST -> lost++;
            case UNREACHABLE -> unreachable++;
            case DROPPED_BY_RULE -> droppedByRule++;
        }
        listener.accept(new TraceEvent(at, node, hash, outcome));
    }

    NetworkStats stats() {
        return new NetworkStats(published, delivered, duplicatesDelivered, lost, unreachable, droppedByRule);
    }
}
