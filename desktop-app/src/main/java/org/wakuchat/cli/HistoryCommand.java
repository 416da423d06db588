package org.wakuchat.cli;

import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "history", mixinStandardHelpOptions = true, description = "Print a conversation's latest messages, oldest first.")
final class HistoryCommand extends AccountCommand {

    @Parameters(index = "0", paramLabel = "<contact>", description = "Conversation id, id prefix, or the contact's (nick)name.")
    String contact;

    @Option(names = "--limit", paramLabel = "<n>", defaultValue = "20", description = "How many messages (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new CliException(ExitCodes.USAGE, "--limit must be at least 1.");
        }
        try (ChatEngine engine = AccountAccess.unlockOffline(environment(), account)) {
            Conversation conversation = ContactResolver.resolve(engine, contact);
            int count = engine.messageCount(conversation.id());
            Output out = output();
            for (ChatMessage m : engine.messages(conversation.id(), Math.max(0, count - limit), limit)) {
                out.emit(Lines.MessageLine.of(m, conversation.displayName()), EventPrinter.message(m, conversation.displayName())
                        + "  (" + m.id() + ")");
            }
            return ExitCodes.OK;
        }
    }
}
