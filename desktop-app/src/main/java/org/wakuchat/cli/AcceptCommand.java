package org.wakuchat.cli;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.account.SafetyNumber;
import org.wakuchat.core.invite.InviteException;
import org.wakuchat.core.invite.InviteNetwork;
import org.wakuchat.core.transport.CommunityNetwork;
import org.wakuchat.core.transport.NetworkConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "accept", mixinStandardHelpOptions = true,
        description = {"Add a contact from their invite link (or bare code).",
            "Prints the conversation id and the safety number to compare with theirs, and, when the invite",
            "comes from another network, which one (--join uses it from now on)."})
final class AcceptCommand extends AccountCommand {

    /** At most this many joined peers are kept; invites add theirs up to it. */
    static final int MAX_JOINED_PEERS = 8;

    @Parameters(index = "0", paramLabel = "<link>", description = "The wakuchat://invite/… link or the bare code.")
    String link;

    @Option(names = "--nickname", paramLabel = "<name>", description = "A name of your own for this contact.")
    String nickname;

    @Option(names = "--join", description = "Use the invite's network (its cluster and service nodes) for every "
            + "command that runs a node from now on, unless given --preset (saved in the data folder as "
            + JoinedNetwork.FILE + ").")
    boolean join;

    @Mixin
    NetworkOptions network;

    @Override
    public Integer call() {
        Path dataDir = account.dataDir(environment());
        NetworkConfig mine = network.toConfig(environment().env(), dataDir);
        try (ChatEngine engine = AccountAccess.unlockOffline(environment(), account)) {
            Conversation conversation = engine.acceptInvite(link);
            var theirs = engine.previewInvite(link).network();
            if (nickname != null) {
                engine.setNickname(conversation.id(), nickname);
                conversation = engine.conversation(conversation.id());
            }
            SafetyNumber safety = engine.safetyNumber(conversation.id());
            output().emit(Lines.ContactLine.of(conversation, safety),
                    "Added " + conversation.displayName() + "\nconversation  " + conversation.id()
                            + "\nsafety number (compare with theirs):\n" + safety.grouped());
            String name = conversation.contactName();
            theirs.ifPresent(invite -> network(dataDir, mine, invite, name));
            return ExitCodes.OK;
        } catch (InviteException e) {
            throw new CliException(ExitCodes.BAD_INVITE, e.getMessage());
        }
    }

    /** Says what the invite's network means for me, and with --join saves it. */
    private void network(Path dataDir, NetworkConfig mine, InviteNetwork invite, String name) {
        boolean same = mine.isCluster(invite.clusterId());
        List<String> newPeers = invite.hints().stream().filter(h -> !mine.bootstrapPeers().contains(h)).toList();
        if (same && newPeers.isEmpty()) {
            return; // nothing to say: scripts see one contact line, as for invites without a network
        }
        String theirNetwork = describe(invite.clusterId());
        String nodes = invite.hints().isEmpty() ? "names no node" : "names " + String.join(", ", invite.hints());
        if (join) {
            LinkedHashSet<String> peers = new LinkedHashSet<>();
            if (same) {
                JoinedNetwork.load(dataDir).filter(j -> j.clusterId() == invite.clusterId())
                        .ifPresent(j -> peers.addAll(j.peers()));
            }
            invite.hints().stream().filter(h -> peers.size() < MAX_JOINED_PEERS).forEach(peers::add);
            new JoinedNetwork(invite.clusterId(), List.copyOf(peers)).save(dataDir);
            output().emit(Lines.NetworkLine.of(invite.clusterId(), invite.hints(), same, true),
                    (same ? "Added " + newPeers.size() + " node(s) of your network from the invite"
                            : "Joined " + theirNetwork + ", " + name + "'s network")
                            + ": commands that run a node use it from now on (" + JoinedNetwork.FILE
                            + " in the data folder; --preset overrides it).");
            return;
        }
        String human = same
                ? "Their invite " + nodes + " on your network; accept again with --join to add "
                        + (newPeers.size() == 1 ? "it" : "them") + " to your peers."
                : name + " is on " + theirNetwork + "; you are on " + describe(mine.clusterId()) + ". Their invite "
                        + nodes + ". To chat, join their network: accept again with --join, or run your commands with "
                        + flags(invite) + ".";
        output().emit(Lines.NetworkLine.of(invite.clusterId(), invite.hints(), same, false), human);
    }

    private static String flags(InviteNetwork invite) {
        StringBuilder flags = new StringBuilder();
        if (invite.clusterId() == 1) {
            flags.append("--preset the-waku-network");
        } else if (invite.clusterId() == CommunityNetwork.ofThisBuild().clusterId()) {
            flags.append("--preset community");
        } else {
            flags.append("--preset private --cluster-id ").append(invite.clusterId());
        }
        invite.hints().forEach(hint -> flags.append(" --bootstrap ").append(hint).append(" --store-node ").append(hint));
        return flags.toString();
    }

    private static String describe(int clusterId) {
        if (clusterId == 1) {
            return "The Waku Network (cluster 1)";
        }
        if (clusterId == CommunityNetwork.ofThisBuild().clusterId()) {
            return "the Waku Chat community network (cluster " + clusterId + ")";
        }
        return "cluster " + clusterId;
    }
}
