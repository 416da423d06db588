package org.wakuchat.core.tools;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.account.AccountId;

/**
 * What the group soak sent and what the engines announced about it. Per message: its group, its
 * sender, the members it was meant for (the sender's own view of the group when it sent: the
 * members of the epoch it encrypts to), send time and latest delivery state. Per person: how often
 * each message was shown. Per recipient, group and sender: the latest missing-message report.
 * Per message: every member an engine ever announced as having confirmed it.
 */
final class GroupLedger {

    /**
     * One sent group message. {@code audience}: the other members in the sender's view of the group
     * at send time. {@code allOnline}: sender and audience were up and reachable when it was sent.
     */
    record Sent(String id, ConversationId group, String from, Set<String> audience, long epoch, Instant at,
                boolean allOnline) {
    }

    /** Where a group recipient is told about missing messages: its own device, one group, one sender. */
    record Direction(String recipient, ConversationId group, String sender) {
    }

    /** A membership change the soak made: who, when (virtual time of the admin's call). */
    record Change(ConversationId group, String member, boolean added, Instant at) {
    }

    private final Supplier<Instant> clock;
    private final Map<AccountId, String> names = new HashMap<>();
    private final Map<String, Sent> sent = new LinkedHashMap<>();
    private final Map<String, DeliveryState> states = new HashMap<>();
    private final Map<String, Instant> deliveredAt = new HashMap<>();
    private final Map<String, Set<String>> confirmedEver = new HashMap<>();
    private final Map<String, Map<String, Integer>> shown = new HashMap<>();
    private final Map<Direction, ChatEvent.GroupMissingMessages> lastMissing = new HashMap<>();
    private final List<Change> changes = new ArrayList<>();
    private final Set<String> unknownAnnouncements = new HashSet<>();

    GroupLedger(Supplier<Instant> clock) {
        this.clock = clock;
    }

    void knows(String person, AccountId id) {
        names.put(id, person);
    }

    String name(AccountId id) {
        String name = names.get(id);
        if (name == null) {
            unknownAnnouncements.add(id.value());
            return "?" + id.value();
        }
        return name;
    }

    void sent(ChatMessage message, String from, Set<String> audience, long epoch, boolean allOnline) {
        String id = message.id().value();
        sent.put(id, new Sent(id, message.conversation(), from, Set.copyOf(audience), epoch, clock.get(), allOnline));
        states.put(id, message.state());
    }

    void changed(ConversationId group, String member, boolean added) {
        changes.add(new Change(group, member, added, clock.get()));
    }

    /** Everything an engine announces, tagged with whose engine it was. */
    void on(String person, ChatEvent event) {
        switch (event) {
            case ChatEvent.MessageAdded added ->
                    shown.computeIfAbsent(person, p -> new HashMap<>()).merge(added.message().id().value(), 1, Integer::sum);
            case ChatEvent.DeliveryChanged changed -> delivery(changed);
            case ChatEvent.GroupDeliveryChanged changed -> {
                Set<String> confirmed = confirmedEver.computeIfAbsent(changed.delivery().message().value(), m -> new HashSet<>());
                changed.delivery().deliveredTo().forEach(member -> confirmed.add(name(member)));
            }
            case ChatEvent.GroupMissingMessages missing ->
                    lastMissing.put(new Direction(person, missing.group(), name(missing.sender())), missing);
            default -> { }
        }
    }

    private void delivery(ChatEvent.DeliveryChanged changed) {
        String id = changed.message().value();
        if (!sent.containsKey(id)) {
            return;
        }
        states.put(id, changed.state());
        if (changed.state() == DeliveryState.DELIVERED) {
            deliveredAt.putIfAbsent(id, clock.get());
        }
    }

    Collection<Sent> sent() {
        return sent.values();
    }

    int sentCount() {
        return sent.size();
    }

    List<Change> changes() {
        return List.copyOf(changes);
    }

    /** Every member any engine ever announced as having confirmed this message. */
    Set<String> confirmedEver(String id) {
        return confirmedEver.getOrDefault(id, Set.of());
    }

    /** Messages whose sender still tries: neither delivered nor failed. */
    long unresolved() {
        return sent.keySet().stream()
                .filter(id -> states.get(id) != DeliveryState.DELIVERED && states.get(id) != DeliveryState.FAILED)
                .count();
    }

    boolean recovering() {
        return stillRecovering() > 0;
    }

    /** Recipient, group and sender triples whose last missing report still says RECOVERING. */
    int stillRecovering() {
        return (int) lastMissing.values().stream()
                .filter(m -> m.state() == ChatEvent.MissingState.RECOVERING && m.count() > 0).count();
    }

    /** For detail lines: the directions still RECOVERING and their last report. */
    List<String> recoveringDirections() {
        return lastMissing.entrySet().stream()
                .filter(e -> e.getValue().state() == ChatEvent.MissingState.RECOVERING && e.getValue().count() > 0)
                .map(e -> e.getKey().recipient() + " missing " + e.getValue().count() + " from " + e.getKey().sender()
                        + " in " + e.getKey().group())
                .toList();
    }

    /** Every direction whose last report says LOST. */
    Set<Direction> lostReportDirections() {
        Set<Direction> directions = new HashSet<>();
        lastMissing.forEach((d, m) -> {
            if (m.state() == ChatEvent.MissingState.LOST && m.count() > 0) {
                directions.add(d);
            }
        });
        return directions;
    }

    /** For detail lines: every direction whose last report says LOST. */
    List<String> lostDirections() {
        return lastMissing.entrySet().stream().filter(e -> e.getValue().state() == ChatEvent.MissingState.LOST)
                .map(e -> e.getKey().recipient() + " told " + e.getValue().count() + " LOST from " + e.getKey().sender()
                        + " in " + e.getKey().group())
                .toList();
    }

    /** How many messages from this sender the recipient was last told are LOST in this group. */
    int reportedLost(Direction direction) {
        ChatEvent.GroupMissingMessages last = lastMissing.get(direction);
        return last == null || last.state() != ChatEvent.MissingState.LOST ? 0 : last.count();
    }

    String lastReport(Direction direction) {
        return String.valueOf(lastMissing.get(direction));
    }

    /** Lost reports in all, summed over the last report of every direction. */
    int lostReports() {
        return lastMissing.values().stream().filter(m -> m.state() == ChatEvent.MissingState.LOST)
                .mapToInt(ChatEvent.GroupMissingMessages::count).sum();
    }

    /** MessageAdded events beyond the first for the same message id on the same person's screen. */
    int duplicateAnnouncements() {
        return shown.values().stream().flatMap(m -> m.values().stream()).mapToInt(n -> n - 1).sum();
    }

    /** Send-to-DELIVERED (every member of its epoch confirmed) times of messages sent while all were online. */
    List<Duration> onlineDeliveryTimes() {
        List<Duration> times = new ArrayList<>();
        for (Sent s : sent.values()) {
            Instant delivered = deliveredAt.get(s.id());
            if (s.allOnline() && delivered != null) {
                times.add(Duration.between(s.at(), delivered));
            }
        }
        return times;
    }

    long onlineSent() {
        return sent.values().stream().filter(Sent::allOnline).count();
    }

    /** Account ids named in group events that belong to nobody in the soak (should stay empty). */
    Set<String> unknownAnnouncements() {
        return Set.copyOf(unknownAnnouncements);
    }
}
