package org.wakuchat.core;

import java.time.Instant;

/**
 * A message in a conversation. {@code sentAt} is the sender's clock; {@code order} is the
 * display position key (Lamport time), equal for both sides.
 */
public record ChatMessage(MessageId id, ConversationId conversation, boolean outgoing, Payload payload,
                          Instant sentAt, Instant receivedAt, DeliveryState state, long order) {

    public String text() {
        return payload.text();
    }

    public ChatMessage withState(DeliveryState newState) {
        return new ChatMessage(id, conversation, outgoing, payload, sentAt, receivedAt, newState, order);
    }
}
