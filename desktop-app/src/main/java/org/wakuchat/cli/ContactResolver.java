package org.wakuchat.cli;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.Conversation;

/** Finds the conversation a person means: its id, a prefix of the id, or the contact's (nick)name. */
final class ContactResolver {

    private ContactResolver() {
    }

    static Conversation resolve(ChatEngine engine, String contact) {
        List<Conversation> all = engine.conversations();
        String wanted = contact.strip();
        String lower = wanted.toLowerCase(Locale.ROOT);
        for (Predicate<Conversation> rule : List.<Predicate<Conversation>>of(
                c -> c.id().value().equals(wanted),
                c -> c.id().value().startsWith(wanted),
                c -> c.nickname().map(n -> n.toLowerCase(Locale.ROOT).equals(lower)).orElse(false),
                c -> c.contactName().toLowerCase(Locale.ROOT).equals(lower))) {
            List<Conversation> found = all.stream().filter(rule).toList();
            if (found.size() == 1) {
                return found.getFirst();
            }
            if (found.size() > 1) {
                throw new CliException(ExitCodes.USAGE, "'" + contact + "' matches several contacts: "
                        + found.stream().map(c -> c.displayName() + " (" + c.id().value() + ")").collect(Collectors.joining(", "))
                        + ". Use the conversation id.");
            }
        }
        throw new CliException(ExitCodes.USAGE, "No contact '" + contact + "': `wakuchat-cli contacts` lists them.");
    }
}
