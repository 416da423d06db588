package org.wakuchat.core.engine;

import java.util.function.BooleanSupplier;
import org.wakuchat.core.store.MessageStore;
import org.wakuchat.core.store.SecretStore;
import org.wakuchat.core.transport.WakuNode;

/**
 * What the engine's pieces share. Every entry point takes {@code lock} before touching state;
 * deferred work (timers, network callbacks) then checks {@code closed}: a closed engine's storage is gone.
 */
record EngineParts(EngineConfig config, MessageStore messages, SecretStore secrets, KeyRing keys,
                   ConversationBook book, WakuNode node, EventHub events, Object lock,
                   BooleanSupplier closed) {
}
