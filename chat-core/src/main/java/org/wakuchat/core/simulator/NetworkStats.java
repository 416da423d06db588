package org.wakuchat.core.simulator;

/** Counters since the network was created; each delivery to each node counts once. */
public record NetworkStats(long published, long delivered, long duplicatesDelivered, long lost, long unreachable,
                           long droppedByRule) {
}
