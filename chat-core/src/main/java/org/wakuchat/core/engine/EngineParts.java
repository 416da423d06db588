package org.wakuchat.core.engine;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.session.Session;
import org.wakuchat.core.store.StoredConversation;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.store.MessageStore;
import org.wakuchat.core.store.SecretStore;
import org.wakuchat.core.transport.WakuNode;

/**
 * What the engine's pieces share. Every entry point takes {@code lock} before touching state;
 * deferred work (timers, network callbacks) then checks {@code closed}: a closed engine's storage is gone.
 */
record EngineParts(EngineConfig config, MessageStore messages, SecretStore secrets, KeyRing keys,
                   ConversationBook book, WakuNode node, EventHub events, Object lock,
                   BooleanSupplier closed, ReportRecorder report) {

    /**
     * Starts (or restarts) a conversation on a session: saves both, listens on its topic and
     * announces it. The contact's inbox is where my messages go until they answer.
     *
     * @param contactInviteExpiresAtMs the expiry of the contact's invite I started the session
     *     from, as it read; 0 when they started it
     */
    Conversation openConversation(StoredConversation stored, Session session, long contactInviteExpiresAtMs) {
        book.put(stored, session, Topics.inbox(stored.contactIdentityKey()).toString(), contactInviteExpiresAtMs);
        node.subscribe(List.of(ContentTopic.parse(book.state(stored.id()).getConversationTopic())));
        Conversation conversation = book.view(stored.id());
        events.publish(new ChatEvent.ConversationChanged(conversation));
        return conversation;
    }
}
