package org.wakuchat.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryFailure;
import org.wakuchat.core.DeliveryState;

/**
 * A message's delivery figures without its content: what a reliability report counts. Read from
 * plaintext columns only (nothing is decrypted), so a report over many messages stays cheap.
 *
 * @param deliveredAt when the recipient's device confirmed it (outgoing messages delivered since
 *                    messages.db step 3; empty otherwise)
 * @param attempts    publish attempts so far (outgoing; reset when the user retries a failed one)
 */
public record MessageFigures(ConversationId conversation, boolean outgoing, DeliveryState state,
                             Optional<DeliveryFailure> failure, Instant sentAt, Instant receivedAt,
                             Optional<Instant> deliveredAt, int attempts) {

    public MessageFigures {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
    }
}
