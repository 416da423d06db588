package org.wakuchat.core.engine;

import org.wakuchat.core.store.MessageStore;
import org.wakuchat.core.store.SecretStore;
import org.wakuchat.core.transport.WakuNode;

/** What the engine's pieces share. Every entry point takes {@code lock} before touching state. */
record EngineParts(EngineConfig config, MessageStore messages, SecretStore secrets, KeyRing keys,
                   ConversationBook book, WakuNode node, EventHub events, Object lock) {
}
