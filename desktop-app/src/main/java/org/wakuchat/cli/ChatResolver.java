package org.wakuchat.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.group.Group;

/**
 * Finds the chat a person means, a contact or a group: its id, a prefix of the id, the group's
 * name, or the contact's (nick)name.
 */
final class ChatResolver {

    /** A 1:1 chat or a group, as commands that take either need it. */
    record Chat(ConversationId id, String name, boolean group) {
    }

    private ChatResolver() {
    }

    static Chat resolve(ChatEngine engine, String wanted) {
        List<Candidate> all = new ArrayList<>();
        engine.conversations().forEach(c -> all.add(new Candidate(new Chat(c.id(), c.displayName(), false),
                List.of(c.nickname().orElse(""), c.contactName()))));
        engine.groups().forEach(g -> all.add(new Candidate(new Chat(g.id(), g.name(), true), List.of(g.name()))));
        String text = wanted.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        for (Predicate<Candidate> rule : List.<Predicate<Candidate>>of(
                c -> c.chat.id().value().equals(text),
                c -> c.chat.id().value().startsWith(text),
                c -> c.names.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(lower)))) {
            List<Candidate> found = all.stream().filter(rule).toList();
            if (found.size() == 1) {
                return found.getFirst().chat;
            }
            if (found.size() > 1) {
                throw new CliException(ExitCodes.USAGE, "'" + wanted + "' matches several chats: "
                        + found.stream().map(c -> (c.chat.group() ? "group " : "") + c.chat.name() + " (" + c.chat.id() + ")")
                        .collect(Collectors.joining(", ")) + ". Use the conversation id.");
            }
        }
        throw new CliException(ExitCodes.USAGE, "No contact or group '" + wanted
                + "': `wakuchat-cli contacts` and `wakuchat-cli group list` list them.");
    }

    static Group group(ChatEngine engine, String wanted) {
        Chat chat = resolve(engine, wanted);
        if (!chat.group()) {
            throw new CliException(ExitCodes.USAGE, "'" + wanted + "' is a contact, not a group: `wakuchat-cli group list` lists groups.");
        }
        return engine.group(chat.id());
    }

    private record Candidate(Chat chat, List<String> names) {
    }
}
