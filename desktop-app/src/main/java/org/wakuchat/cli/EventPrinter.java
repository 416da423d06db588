package org.wakuchat.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.EngineStatus;

/** Turns engine events into output lines, for {@code listen}. */
final class EventPrinter {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ChatEngine engine;
    private final Output output;
    private final Set<ConversationId> known = new HashSet<>();
    private String lastStatus = "";

    EventPrinter(ChatEngine engine, Output output) {
        this.engine = engine;
        this.output = output;
        engine.conversations().forEach(c -> known.add(c.id()));
    }

    void print(ChatEvent event) {
        switch (event) {
            case ChatEvent.MessageAdded(ChatMessage m) -> output.emit(Lines.MessageLine.of(m, name(m.conversation())), message(m));
            case ChatEvent.DeliveryChanged d -> output.emit(Lines.DeliveryLine.of(d),
                    time(Instant.now()) + "  " + d.state().name().toLowerCase() + ": message " + d.message() + " to " + name(d.conversation()));
            case ChatEvent.MissingMessages m -> output.emit(Lines.MissingLine.of(m, name(m.conversation())), missing(m));
            case ChatEvent.StatusChanged(EngineStatus s) -> {
                String text = Human.status(s);
                // The engine and the node each announce "starting", with different details: say it once.
                if (output.json() || !text.equals(lastStatus)) {
                    output.emit(Lines.StatusLine.of(s, null), time(Instant.now()) + "  " + text);
                }
                lastStatus = text;
            }
            case ChatEvent.ConversationChanged(Conversation c) -> {
                if (known.add(c.id())) {
                    output.emit(Lines.ContactLine.of(c, null), time(Instant.now()) + "  new contact: " + c.displayName() + " (" + c.id() + ")");
                }
            }
            case ChatEvent.CatchUpFinished c -> output.emit(Lines.CatchUpLine.of(c), time(Instant.now()) + "  caught up: "
                    + c.messagesFetched() + " message" + (c.messagesFetched() == 1 ? "" : "s") + " fetched"
                    + c.problem().map(p -> "; not checked: " + p).orElse(""));
            default -> output.emit(Lines.EventLine.of(event), time(Instant.now()) + "  " + event);
        }
    }

    static String message(ChatMessage m, String name) {
        String arrow = m.outgoing() ? "→ " + name : "← " + name;
        return time(m.outgoing() ? m.sentAt() : m.receivedAt()) + "  " + arrow + ": " + m.text()
                + (m.outgoing() ? "  [" + m.state().name().toLowerCase() + "]" : "");
    }

    private String message(ChatMessage m) {
        return message(m, name(m.conversation()));
    }

    private String missing(ChatEvent.MissingMessages m) {
        String what = m.count() + " message" + (m.count() == 1 ? "" : "s") + " from " + name(m.conversation());
        return time(Instant.now()) + "  " + switch (m.state()) {
            case RECOVERING -> "missing " + what + ": recovering";
            case RECOVERED -> "recovered " + what;
            case LOST -> "lost " + what + ": they could not be recovered";
        };
    }

    private String name(ConversationId id) {
        try {
            return engine.conversation(id).displayName();
        } catch (RuntimeException unknown) {
            return id.value();
        }
    }

    static String time(Instant instant) {
        return instant == null ? "--:--:--" : CLOCK.format(instant);
    }
}
