package org.wakuchat.core.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.wakuchat.core.ChatMessage;

/**
 * A message as saved: the message, its send attempts so far, when to try next, and the engine's
 * opaque state for it (encrypted at rest, like the payload). A null engine state means empty.
 */
public record StoredMessage(ChatMessage message, int attempts, Optional<Instant> nextAttemptAt, byte[] engineState) {

    public StoredMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative: " + attempts);
        }
        engineState = engineState == null ? new byte[0] : engineState.clone();
    }

    /** A message as first saved: no attempts, nothing scheduled, no engine state. */
    public static StoredMessage of(ChatMessage message) {
        return new StoredMessage(message, 0, Optional.empty(), new byte[0]);
    }

    @Override
    public byte[] engineState() {
        return engineState.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredMessage that && message.equals(that.message) && attempts == that.attempts
                && nextAttemptAt.equals(that.nextAttemptAt) && Arrays.equals(engineState, that.engineState);
    }

    @Override
    public int hashCode() {
        return Objects.hash(message, attempts, nextAttemptAt, Arrays.hashCode(engineState));
    }

    /** Leaves out the payload: this may end up in a log. */
    @Override
    public String toString() {
        var m = message;
        return "StoredMessage[id=" + m.id() + ", conversation=" + m.conversation() + ", outgoing=" + m.outgoing()
                + ", state=" + m.state() + ", order=" + m.order() + ", attempts=" + attempts + ", nextAttemptAt="
                + nextAttemptAt.map(Instant::toString).orElse("-") + "]";
    }
}
