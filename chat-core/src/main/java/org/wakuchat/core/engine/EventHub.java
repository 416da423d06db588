package org.wakuchat.core.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;

/** The engine's listeners. A failing listener is logged and does not stop the others. */
final class EventHub {

    private static final Logger log = LoggerFactory.getLogger(EventHub.class);

    private final List<Consumer<ChatEvent>> listeners = new CopyOnWriteArrayList<>();

    ChatEngine.Subscription subscribe(Consumer<ChatEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void publish(ChatEvent event) {
        for (Consumer<ChatEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("Listener failed on {}", event.getClass().getSimpleName(), e);
            }
        }
    }
}
