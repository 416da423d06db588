package org.wakuchat.cli;

import java.util.List;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.invite.Invite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "invite", mixinStandardHelpOptions = true,
        description = "Print my invite link, to give to a contact (they run `accept <link>`).")
final class InviteCommand extends AccountCommand {

    @Option(names = "--qr", description = "Also draw the link's QR code in the terminal.")
    boolean qr;

    @Option(names = "--qr-inverted", description = "Draw the QR code for light text on a dark background.")
    boolean inverted;

    @Option(names = "--new", description = "Make a fresh invite (the previous one keeps working until it expires).")
    boolean fresh;

    @Mixin
    NetworkOptions network;

    /** The invite carries the network (cluster, and up to two of --store-node / --bootstrap) without starting a node. */
    @Override
    public Integer call() {
        java.nio.file.Path dataDir = account.dataDir(environment());
        var myNetwork = network.toConfig(environment().env(), dataDir);
        try (ChatEngine engine = AccountAccess.unlock(environment(),
                AccountAccess.config(environment(), dataDir, DetachedNode::new).withNetworkOf(myNetwork))) {
            Invite invite = fresh ? engine.rotateInvite() : engine.currentInvite();
            List<String> code = qr || inverted ? QrText.lines(invite.link(), inverted) : null;
            StringBuilder human = new StringBuilder(invite.link());
            if (code != null) {
                human.append('\n').append(String.join("\n", code));
            }
            human.append("\nValid until ").append(invite.expiresAt());
            output().emit(Lines.InviteLine.of(invite, code), human.toString());
            return ExitCodes.OK;
        }
    }
}
