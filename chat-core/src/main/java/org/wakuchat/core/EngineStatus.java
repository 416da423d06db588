package org.wakuchat.core;

import java.time.Instant;
import java.util.Optional;

/**
 * The engine's connection state for the status area.
 *
 * @param detail          for {@link State#UNAVAILABLE} what is wrong and how to fix it
 * @param offlineSince    when we lost the network, while offline or catching up
 * @param rateLimitedUntil when the next message may go out under the RLN rate limit
 * @param queued          outgoing messages waiting for the network
 */
public record EngineStatus(State state, int peers, String detail, Optional<Instant> offlineSince,
                           boolean catchingUp, Optional<Instant> rateLimitedUntil, int queued) {

    public enum State {
        /** libwaku missing or the node failed to start; messages are kept and sent later. */
        UNAVAILABLE,
        STARTING,
        /** The node runs but has no peers; messages are queued. */
        OFFLINE,
        CONNECTED,
        STOPPED
    }

    public static EngineStatus stopped() {
        return new EngineStatus(State.STOPPED, 0, "", Optional.empty(), false, Optional.empty(), 0);
    }
}
