package org.wakuchat.cli;

import java.time.Duration;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.EngineStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Print the engine's state, running the Waku node to see its peers.",
            "Waits until the node is connected (or --timeout), then prints the state, peers, cluster and shards, "
                    + "queued messages, and the node's listen address (libwaku nodes only)."})
final class StatusCommand extends AccountCommand {

    @Option(names = "--offline", description = "Do not start the node; print the stored state only.")
    boolean offline;

    @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "15",
            description = "How long to wait for peers (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Mixin
    NetworkOptions network;

    @Override
    public Integer call() throws InterruptedException {
        if (offline) {
            try (ChatEngine engine = AccountAccess.unlockOffline(environment(), account)) {
                print(engine, engine.status(), null);
                return ExitCodes.OK;
            }
        }
        try (NodeSession session = NodeSession.unlock(environment(), account, network)) {
            session.start();
            EngineStatus status = session.awaitSettled(Duration.ofSeconds(Math.max(1, timeoutSeconds)));
            print(session.engine(), status, session.info());
            if (status.state() == EngineStatus.State.UNAVAILABLE) {
                throw new CliException(ExitCodes.ENGINE_UNAVAILABLE, "Waku node unavailable: " + Human.brief(status.detail()));
            }
            return ExitCodes.OK;
        }
    }

    private void print(ChatEngine engine, EngineStatus status, Lines.NodeInfo node) {
        StringBuilder human = new StringBuilder()
                .append("account    ").append(engine.account().displayName()).append(" (").append(engine.account().id()).append(")\n")
                .append("state      ").append(Human.status(status)).append('\n')
                .append("queued     ").append(status.queued()).append(" message").append(status.queued() == 1 ? "" : "s");
        if (node != null) {
            human.append("\nnetwork    cluster ").append(node.clusterId()).append(", shards ").append(String.join(" ", node.shards()))
                    .append("\nlistening  ").append(node.listenAddress()
                            .orElse("not shown (only a running libwaku node tells its address)"));
        }
        output().emit(Lines.StatusLine.of(status, node), human.toString());
    }
}
