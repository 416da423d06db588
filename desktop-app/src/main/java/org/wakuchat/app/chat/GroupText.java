package org.wakuchat.app.chat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.account.AccountId;
import org.wakuchat.core.group.GroupDelivery;
import org.wakuchat.core.group.GroupHistoryEntry;

/** The words of a group chat: system lines, "Delivered to k of n" and who, missing-message warnings. */
final class GroupText {

    private GroupText() {
    }

    /** "Alice added Carol", with "You" for me. */
    static String systemLine(GroupHistoryEntry entry, AccountId me) {
        String author = entry.author().equals(me) ? "You" : entry.authorName();
        List<String> subjectNames = new java.util.ArrayList<>();
        for (int i = 0; i < entry.subjects().size(); i++) {
            boolean mine = entry.subjects().get(i).equals(me);
            subjectNames.add(mine ? "you" : i < entry.subjectNames().size() ? entry.subjectNames().get(i) : "someone");
        }
        String subjects = and(subjectNames);
        return switch (entry.kind()) {
            case CREATED -> author + " created the group" + entry.newName().map(n -> " “" + n + "”").orElse("")
                    + (subjects.isEmpty() ? "" : " with " + subjects);
            case ADDED -> author + " added " + subjects;
            case REMOVED -> author + " removed " + subjects;
            case LEFT -> capitalized(subjects.isEmpty() ? author : subjects) + " left the group";
            case RENAMED -> author + " renamed the group to “" + entry.newName().orElse("") + "”";
            case PROMOTED -> author + " made " + subjects + " an admin";
            case DEMOTED -> entry.subjects().equals(List.of(entry.author())) ? author + " stepped down as admin"
                    : author + " made " + subjects + " a member (no longer admin)";
            // the engine records a member's arrival (its signing key, docs/groups.md) as a key change of that member
            case KEY_REFRESHED -> subjects.isEmpty() ? "The group's keys were refreshed" : capitalized(subjects) + " joined";
        };
    }

    /** "Delivered to 2 of 3". */
    static String deliveryLabel(GroupDelivery delivery) {
        return "Delivered to " + delivery.delivered() + " of " + delivery.of();
    }

    /** "Delivered to: Bob, Carol\nWaiting for: Dave". */
    static String deliveryWho(GroupDelivery delivery, Function<AccountId, String> name) {
        StringBuilder text = new StringBuilder();
        if (!delivery.deliveredTo().isEmpty()) {
            text.append("Delivered to: ").append(names(delivery.deliveredTo(), name));
        }
        if (!delivery.waitingFor().isEmpty()) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append("Waiting for: ").append(names(delivery.waitingFor(), name));
        }
        return text.isEmpty() ? "Nobody else is in the group." : text.toString();
    }

    /** "2 messages from Bob could not be recovered." per sender, for the banner; empty when nothing is missing. */
    static String missing(Collection<ChatEvent.GroupMissingMessages> missing, Map<AccountId, String> names) {
        return missing.stream().sorted(java.util.Comparator.comparing(m -> m.sender().value()))
                .map(m -> {
                    String what = (m.count() == 1 ? "1 message" : m.count() + " messages") + " from "
                            + names.getOrDefault(m.sender(), "a member");
                    return m.state() == ChatEvent.MissingState.LOST
                            ? what + " could not be recovered."
                            : what + " may be missing — recovering…";
                })
                .collect(Collectors.joining(" "));
    }

    private static String names(List<AccountId> ids, Function<AccountId, String> name) {
        return ids.stream().map(name).collect(Collectors.joining(", "));
    }

    private static String and(List<String> names) {
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
