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

    /**
     * Messages from the contact are missing (a gap in their history) and what became of them:
     * {@code count} is how many are missing now (RECOVERING), were given up (LOST), or 0 once all
     * turned up (RECOVERED).
     */
    record MissingMessages(ConversationId conversation, int count, MissingState state) implements ChatEvent {
    }

    /**
     * The contact's device sent a second, different message where one was already read: it
     * restored an older copy of its state (backup, VM snapshot, a copied data folder). The
     * message was dropped (never shown twice) and its content is unreadable; what the contact
     * resends from the restored state arrives normally once it is past the messages already read.
     * Announced once per conversation while the engine runs. Worth telling the user: their
     * contact may be running two copies of one account, or lost recent history.
     */
    record ContactStateRolledBack(ConversationId conversation) implements ChatEvent {
    }

    /** This data folder was restored from an older copy or copied here; see {@link DataFolderWarning}. */
    record DataFolderWarned(DataFolderWarning warning) implements ChatEvent {
    }

    /** A group was created or joined, or its members, name, epoch, preview or unread count changed. */
    record GroupChanged(org.wakuchat.core.group.Group group) implements ChatEvent {
    }

    /** A change joined a group's history (shown as a system line). */
    record GroupHistoryAdded(ConversationId group, org.wakuchat.core.group.GroupHistoryEntry entry) implements ChatEvent {
    }

    /** Another member confirmed one of my group messages (or the member list it is waiting for changed). */
    record GroupDeliveryChanged(ConversationId group, org.wakuchat.core.group.GroupDelivery delivery)
            implements ChatEvent {
    }

    /** As {@link MissingMessages}, for one sender of a group. */
    record GroupMissingMessages(ConversationId group, org.wakuchat.core.account.AccountId sender, int count,
                                MissingState state) implements ChatEvent {
    }

    record StatusChanged(EngineStatus status) implements ChatEvent {
    }

    /**
     * After being offline the engine asked Store nodes for what it missed: how many messages it
     * fetched, and what it could not check ({@code problem}, empty when the catch-up was complete).
     */
    record CatchUpFinished(int messagesFetched, java.util.Optional<String> problem) implements ChatEvent {
    }

    enum MissingState {
        /** Looking for them in Store and waiting for the sender's resend. */
        RECOVERING,
        RECOVERED,
        /** Given up: these messages could not be recovered. */
        LOST
    }
}
