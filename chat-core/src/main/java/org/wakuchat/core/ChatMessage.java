package org.wakuchat.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.wakuchat.core.account.AccountId;

/**
 * A message in a conversation. {@code sentAt} is the sender's clock; {@code order} is the
 * display position key (Lamport time), equal for both sides; {@code failure} says why a
 * {@link DeliveryState#FAILED} message failed (empty in every other state); {@code sender} is the
 * member who wrote an incoming group message (empty for 1:1 chats and for my own messages).
 */
public record ChatMessage(MessageId id, ConversationId conversation, boolean outgoing, Payload payload,
                          Instant sentAt, Instant receivedAt, DeliveryState state, long order,
                          Optional<DeliveryFailure> failure, Optional<AccountId> sender) {

    public ChatMessage {
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(sender, "sender");
        if (failure.isPresent() && state != DeliveryState.FAILED) {
            throw new IllegalArgumentException("only a failed message has a failure reason");
        }
    }

    /** A message that has not failed (or whose failure reason is not known). */
    public ChatMessage(MessageId id, ConversationId conversation, boolean outgoing, Payload payload,
                       Instant sentAt, Instant receivedAt, DeliveryState state, long order) {
        this(id, conversation, outgoing, payload, sentAt, receivedAt, state, order, Optional.empty());
    }

    /** A message outside any group, or my own. */
    public ChatMessage(MessageId id, ConversationId conversation, boolean outgoing, Payload payload,
                       Instant sentAt, Instant receivedAt, DeliveryState state, long order,
                       Optional<DeliveryFailure> failure) {
        this(id, conversation, outgoing, payload, sentAt, receivedAt, state, order, failure, Optional.empty());
    }

    public String text() {
        return payload.text();
    }

    public ChatMessage withState(DeliveryState newState) {
        return new ChatMessage(id, conversation, outgoing, payload, sentAt, receivedAt, newState, order,
                Optional.empty(), sender);
    }

    public ChatMessage failed(DeliveryFailure why) {
        return new ChatMessage(id, conversation, outgoing, payload, sentAt, receivedAt, DeliveryState.FAILED, order,
                Optional.of(why), sender);
    }
}
