package org.wakuchat.cli;

import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.Conversation;
import picocli.CommandLine.Command;

@Command(name = "contacts", mixinStandardHelpOptions = true, description = "List my contacts, most recent first.")
final class ContactsCommand extends AccountCommand {

    @Override
    public Integer call() {
        try (ChatEngine engine = AccountAccess.unlockOffline(environment(), account)) {
            Output out = output();
            if (engine.conversations().isEmpty()) {
                out.note("No contacts yet: `wakuchat-cli invite` prints your invite, `accept <link>` adds someone's.");
            }
            for (Conversation c : engine.conversations()) {
                out.emit(Lines.ContactLine.of(c, null), c.id() + "  " + c.displayName()
                        + (c.verified() ? "  (verified)" : "") + (c.unreadCount() > 0 ? "  " + c.unreadCount() + " unread" : "")
                        + c.lastMessagePreview().map(p -> "  “" + p + "”").orElse(""));
            }
            return ExitCodes.OK;
        }
    }
}
