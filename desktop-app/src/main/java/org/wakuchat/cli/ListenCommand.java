package org.wakuchat.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.EngineStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "listen", mixinStandardHelpOptions = true,
        description = {"Run the Waku node and print events until stopped.",
            "Prints received messages, delivery changes, missing-message warnings and recoveries, new contacts and "
                    + "connection changes. Runs until Ctrl-C or SIGTERM (then it closes the account and exits with 0), "
                    + "--count or --duration; on a terminal also until Ctrl-D. Standard input that is not a terminal "
                    + "(a script's `listen &`, nohup, a service: /dev/null) does not stop it unless --exit-on-eof."})
final class ListenCommand extends AccountCommand {

    /** After the last --count message, long enough for its delivery confirmation to go out. */
    private static final Duration RECEIPT_GRACE = Duration.ofSeconds(1);

    @Option(names = "--count", paramLabel = "<n>", description = "Stop after receiving this many messages (and confirming them).")
    int count;

    @Option(names = "--duration", paramLabel = "<seconds>", description = "Stop after this long.")
    long durationSeconds;

    @Option(names = "--exit-on-eof",
            description = "Stop at the end of standard input even when it is not a terminal (a pipe or file, "
                    + "e.g. a bot's --commands input).")
    boolean exitOnEof;

    @Option(names = "--ignore-stdin", description = "Do not stop at the end of standard input, not even Ctrl-D on a terminal.")
    boolean ignoreStdin;

    @Option(names = "--commands",
            description = "Read commands from standard input, one a line, while listening: `send <contact> <text>` "
                    + "(so a bot can reply without giving up the account); <contact> may be a group.")
    boolean commands;

    @Mixin
    NetworkOptions network;

    @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "<chat>",
            description = "Only this contact's or group's events (id, id prefix, (nick)name or group name); all without.")
    String chat;

    private org.wakuchat.core.ConversationId only;

    @Override
    public Integer call() throws InterruptedException {
        if (count < 0 || durationSeconds < 0) {
            throw new CliException(ExitCodes.USAGE, "--count and --duration must not be negative.");
        }
        if (exitOnEof && ignoreStdin) {
            throw new CliException(ExitCodes.USAGE, "--exit-on-eof and --ignore-stdin contradict each other.");
        }
        // EOF ends listening only where the user asked for it: Ctrl-D on a terminal, or --exit-on-eof.
        // A script's `listen &`, nohup or a service has /dev/null as input, which ends at once.
        boolean endOfInputStops = !ignoreStdin && (exitOnEof || environment().stdinTerminal());
        CompletableFuture<Void> stop = new CompletableFuture<>();
        environment().stop().requested().thenRun(() -> stop.complete(null));
        try (NodeSession session = NodeSession.unlock(environment(), account, network)) {
            if (commands || endOfInputStops) {
                watchStdin(stop, endOfInputStops, commands
                        ? new StdinCommands(session.engine(), environment().err(), account.json) : line -> { });
            }
            // an unknown chat is a usage error before the node starts
            only = chat == null ? null : ChatResolver.resolve(session.engine(), chat).id();
            session.start();
            stream(session, stop);
            return ExitCodes.OK;
        } finally {
            environment().stop().finished();
        }
    }

    private void stream(NodeSession session, CompletableFuture<Void> stop) throws InterruptedException {
        Output out = output();
        EventPrinter printer = new EventPrinter(session.engine(), out);
        printer.only(only);
        long deadline = durationSeconds > 0 ? System.nanoTime() + Duration.ofSeconds(durationSeconds).toNanos() : Long.MAX_VALUE;
        boolean addressShown = false;
        int received = 0;
        while (!stop.isDone() && System.nanoTime() < deadline) {
            Optional<ChatEvent> next = session.next(Duration.ofMillis(200));
            if (next.isEmpty()) {
                continue;
            }
            ChatEvent event = next.get();
            printer.print(event);
            if (event instanceof ChatEvent.StatusChanged(EngineStatus status)) {
                if (status.state() == EngineStatus.State.UNAVAILABLE) {
                    throw new CliException(ExitCodes.ENGINE_UNAVAILABLE, "Waku node unavailable: " + Human.brief(status.detail()));
                }
                if (!addressShown && (status.state() == EngineStatus.State.CONNECTED || status.state() == EngineStatus.State.OFFLINE)) {
                    addressShown = true;
                    showAddress(session, out);
                }
            }
            if (event instanceof ChatEvent.MessageAdded(var message) && !message.outgoing() && count > 0 && ++received >= count) {
                deadline = Math.min(deadline, System.nanoTime() + RECEIPT_GRACE.toNanos());
            }
        }
    }

    private static void showAddress(NodeSession session, Output out) {
        Lines.NodeInfo info = session.info();
        out.emit(Lines.NodeLine.of(info), info.listenAddress().map(a -> "listening on " + a)
                .orElse("listen address: not shown (only a libwaku node tells it)"));
    }

    private void watchStdin(CompletableFuture<Void> stop, boolean endStops, java.util.function.Consumer<String> lines) {
        Thread watcher = new Thread(() -> {
            try {
                String line;
                while ((line = environment().stdin().readLine()) != null) {
                    lines.accept(line);
                }
            } catch (IOException closed) {
                // A closed input is its end.
            }
            if (endStops) {
                stop.complete(null);
            }
        }, "wakuchat-cli-stdin");
        watcher.setDaemon(true);
        watcher.start();
    }
}
