package org.wakuchat.core;

/** What the engine announces. Listeners run on an engine thread and must hand off before slow work. */
public sealed interface ChatEvent {

    /** A message appeared: sent by me, received, or recovered. */
    record MessageAdded(ChatMessage message) implements ChatEvent {
    }

    record DeliveryChanged(ConversationId conversation, MessageId message, DeliveryState state) implements ChatEvent {
    }

    /** A conversation was added or its name, preview, unread count or verification changed. */
    record ConversationChanged(Conversation conversation) implements ChatEvent {
    }

    /** Messages from the contact are missing (a gap in their history) and what became of them. */
    record MissingMessages(ConversationId conversation, int count, MissingState state) implements ChatEvent {
    }

    record StatusChanged(EngineStatus status) implements ChatEvent {
    }

    enum MissingState {
        /** Looking for them in Store and waiting for the sender's resend. */
        RECOVERING,
        RECOVERED,
        /** Given up: these messages could not be recovered. */
        LOST
    }
}
