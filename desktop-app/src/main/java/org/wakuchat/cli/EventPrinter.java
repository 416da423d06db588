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
import org.wakuchat.core.group.Group;

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

    /** Only events of this chat (a contact or a group), or all when null. */
    private ConversationId only;

    void only(ConversationId chat) {
        only = chat;
    }

    void print(ChatEvent event) {
        ConversationId about = about(event);
        if (only != null && about != null && !only.equals(about)) {
            return;
        }
        switch (event) {
            case ChatEvent.MessageAdded(ChatMessage m) when group(m.conversation()) != null -> {
                Group g = group(m.conversation());
                output.emit(Lines.GroupMessageLine.of(m, g), groupMessage(m, g));
            }
            case ChatEvent.MessageAdded(ChatMessage m) -> output.emit(Lines.MessageLine.of(m, name(m.conversation())), message(m));
            case ChatEvent.GroupChanged(Group g) -> output.emit(Lines.GroupLine.of(g), time(Instant.now()) + "  group "
                    + g.name() + " (" + g.id() + "):" + GroupCommand.describe(g).substring(1));
            case ChatEvent.GroupHistoryAdded h -> output.emit(Lines.GroupHistoryLine.of(h), time(Instant.now()) + "  "
                    + groupName(h.group()) + ": " + history(h.entry()));
            case ChatEvent.GroupDeliveryChanged d -> output.emit(Lines.GroupDeliveryLine.of(d), time(Instant.now())
                    + "  delivered to " + d.delivery().delivered() + " of " + d.delivery().of() + ": message "
                    + d.delivery().message() + " in " + groupName(d.group()));
            case ChatEvent.GroupMissingMessages m -> {
                String sender = memberName(m.group(), m.sender());
                output.emit(Lines.GroupMissingLine.of(m, sender), groupMissing(m, sender));
            }
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

    private static ConversationId about(ChatEvent event) {
        return switch (event) {
            case ChatEvent.MessageAdded e -> e.message().conversation();
            case ChatEvent.DeliveryChanged e -> e.conversation();
            case ChatEvent.MissingMessages e -> e.conversation();
            case ChatEvent.GroupChanged e -> e.group().id();
            case ChatEvent.GroupHistoryAdded e -> e.group();
            case ChatEvent.GroupDeliveryChanged e -> e.group();
            case ChatEvent.GroupMissingMessages e -> e.group();
            default -> null;
        };
    }

    private Group group(ConversationId id) {
        if (!id.value().startsWith("g-")) {
            return null;
        }
        try {
            return engine.group(id);
        } catch (RuntimeException notAGroup) {
            return null;
        }
    }

    private String groupName(ConversationId id) {
        Group g = group(id);
        return g == null ? id.value() : g.name();
    }

    private String memberName(ConversationId groupId, org.wakuchat.core.account.AccountId member) {
        Group g = group(groupId);
        return g == null ? member.value() : g.members().stream().filter(m -> m.id().equals(member))
                .map(org.wakuchat.core.group.GroupMember::name).findFirst().orElse(member.value());
    }

    /** "← Hiking / Carol: see you" and "→ Hiking: see you  [sent]". */
    static String groupMessage(ChatMessage m, Group g) {
        String who = m.sender().flatMap(id -> g.members().stream().filter(x -> x.id().equals(id)).findFirst())
                .map(org.wakuchat.core.group.GroupMember::name).orElse(m.sender().map(id -> id.value()).orElse(""));
        String arrow = m.outgoing() ? "→ " + g.name() : "← " + g.name() + " / " + who;
        return time(m.outgoing() ? m.sentAt() : m.receivedAt()) + "  " + arrow + ": " + m.text()
                + (m.outgoing() ? "  [" + m.state().name().toLowerCase() + "]" : "");
    }

    static String history(org.wakuchat.core.group.GroupHistoryEntry h) {
        String subjects = String.join(", ", h.subjectNames());
        return switch (h.kind()) {
            case CREATED -> h.authorName() + " created the group" + h.newName().map(n -> " " + n).orElse("");
            case ADDED -> h.authorName() + " added " + subjects;
            case REMOVED -> h.authorName() + " removed " + subjects;
            case LEFT -> (subjects.isEmpty() ? h.authorName() : subjects) + " left";
            case RENAMED -> h.authorName() + " renamed the group to " + h.newName().orElse("");
            case PROMOTED -> h.authorName() + " made " + subjects + " admin";
            case DEMOTED -> h.authorName() + " made " + subjects + " a member";
            case KEY_REFRESHED -> subjects.isEmpty() ? h.authorName() + "'s device refreshed the keys" : subjects + " joined";
        } + " (epoch " + h.epoch() + ")";
    }

    private static String groupMissing(ChatEvent.GroupMissingMessages m, String sender) {
        String what = m.count() + " message" + (m.count() == 1 ? "" : "s") + " from " + sender;
        return time(Instant.now()) + "  " + switch (m.state()) {
            case RECOVERING -> "missing " + what + " in a group: recovering";
            case RECOVERED -> "recovered " + what + " in a group";
            case LOST -> "lost " + what + " in a group: they could not be recovered";
        };
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
