package org.wakuchat.cli;

import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.account.SafetyNumber;
import org.wakuchat.core.invite.InviteException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "accept", mixinStandardHelpOptions = true,
        description = {"Add a contact from their invite link (or bare code).",
            "Prints the conversation id and the safety number to compare with theirs."})
final class AcceptCommand extends AccountCommand {

    @Parameters(index = "0", paramLabel = "<link>", description = "The wakuchat://invite/… link or the bare code.")
    String link;

    @Option(names = "--nickname", paramLabel = "<name>", description = "A name of your own for this contact.")
    String nickname;

    @Override
    public Integer call() {
        try (ChatEngine engine = AccountAccess.unlockOffline(environment(), account)) {
            Conversation conversation = engine.acceptInvite(link);
            if (nickname != null) {
                engine.setNickname(conversation.id(), nickname);
                conversation = engine.conversation(conversation.id());
            }
            SafetyNumber safety = engine.safetyNumber(conversation.id());
            output().emit(Lines.ContactLine.of(conversation, safety),
                    "Added " + conversation.displayName() + "\nconversation  " + conversation.id()
                            + "\nsafety number (compare with theirs):\n" + safety.grouped());
            return ExitCodes.OK;
        } catch (InviteException e) {
            throw new CliException(ExitCodes.BAD_INVITE, e.getMessage());
        }
    }
}
