package org.wakuchat.core.simulator;

import java.time.Instant;
import org.wakuchat.core.transport.MessageHash;

/** One step in a message's life in the simulator, for traces and statistics. */
public record TraceEvent(Instant at, String node, MessageHash hash, Outcome outcome) {

    public enum Outcome {
        /** {@code node} published the message. */
        PUBLISHED,
        /** The message reached {@code node} (whether or not a listener there wanted its content topic). */
        DELIVERED,
        /** A second copy reached {@code node}. */
        DELIVERED_DUPLICATE,
        /** Random loss on the link to {@code node}. */
        LOST,
        /** {@code node} was stopped, offline or partitioned away when the message arrived. */
        UNREACHABLE,
        /** A {@code dropIf} rule removed the message from the network and the Store. */
        DROPPED_BY_RULE
    }
}
