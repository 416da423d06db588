package org.wakuchat.core.tools;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;

/**
 * What the soak sent and what the engines announced about it: per message its sender, recipient,
 * send time and latest delivery state; per person how often each message was shown; per
 * direction of a conversation the latest missing-message report.
 */
final class Ledger {

    /** One sent message. {@code bothOnline}: sender and recipient were up and reachable when it was sent. */
    record Sent(String id, String from, String to, ConversationId conversation, Instant at, boolean bothOnline) {
    }

    /** The recipient side of a conversation, where missing messages are reported. */
    record Direction(String recipient, ConversationId conversation) {
    }

    private final Supplier<Instant> clock;
    private final Map<String, Sent> sent = new LinkedHashMap<>();
    private final Map<String, DeliveryState> states = new HashMap<>();
    private final Map<String, Instant> deliveredAt = new HashMap<>();
    private final Map<String, Map<String, Integer>> shown = new HashMap<>();
    private final Map<Direction, ChatEvent.MissingMessages> lastMissing = new HashMap<>();
    private int deliveredEvents;

    Ledger(Supplier<Instant> clock) {
        this.clock = clock;
    }

    void sent(ChatMessage message, String from, String to, boolean bothOnline) {
        String id = message.id().value();
        sent.put(id, new Sent(id, from, to, message.conversation(), clock.get(), bothOnline));
        states.put(id, message.state());
    }

    /** Everything an engine announces, tagged with whose engine it was. */
    void on(String person, ChatEvent event) {
        switch (event) {
            case ChatEvent.MessageAdded added ->
                    shown.computeIfAbsent(person, p -> new HashMap<>()).merge(added.message().id().value(), 1, Integer::sum);
            case ChatEvent.DeliveryChanged changed -> delivery(changed);
            case ChatEvent.MissingMessages missing -> lastMissing.put(new Direction(person, missing.conversation()), missing);
            default -> { }
        }
    }

    private void delivery(ChatEvent.DeliveryChanged changed) {
        String id = changed.message().value();
        states.put(id, changed.state());
        if (changed.state() == DeliveryState.DELIVERED) {
            deliveredEvents++;
            deliveredAt.putIfAbsent(id, clock.get());
        }
    }

    Collection<Sent> sent() {
        return sent.values();
    }

    int sentCount() {
        return sent.size();
    }

    int deliveredEvents() {
        return deliveredEvents;
    }

    /** Messages whose sender still tries: neither delivered nor failed. */
    long unresolved() {
        return sent.keySet().stream()
                .filter(id -> states.get(id) != DeliveryState.DELIVERED && states.get(id) != DeliveryState.FAILED)
                .count();
    }

    /** Whether some recipient is still told that messages are being looked for. */
    boolean recovering() {
        return stillRecovering() > 0;
    }

    /** Conversation directions whose last missing-message report still says RECOVERING. */
    int stillRecovering() {
        return (int) lastMissing.values().stream()
                .filter(m -> m.state() == ChatEvent.MissingState.RECOVERING && m.count() > 0).count();
    }

    /** How many messages the recipient was last told are missing in this direction (being recovered or lost). */
    int reportedMissing(Direction direction) {
        ChatEvent.MissingMessages last = lastMissing.get(direction);
        return last == null || last.state() == ChatEvent.MissingState.RECOVERED ? 0 : last.count();
    }

    /** MessageAdded events beyond the first for the same message id on the same person's screen. */
    int duplicateAnnouncements() {
        return shown.values().stream().flatMap(m -> m.values().stream()).mapToInt(n -> n - 1).sum();
    }

    /** Send-to-delivered times of messages sent while both people were online. */
    List<Duration> onlineDeliveryTimes() {
        List<Duration> times = new ArrayList<>();
        for (Sent s : sent.values()) {
            Instant delivered = deliveredAt.get(s.id());
            if (s.bothOnline() && delivered != null) {
                times.add(Duration.between(s.at(), delivered));
            }
        }
        return times;
    }

    long onlineSent() {
        return sent.values().stream().filter(Sent::bothOnline).count();
    }
}
