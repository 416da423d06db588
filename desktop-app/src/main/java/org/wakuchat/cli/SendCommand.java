package org.wakuchat.cli;

import java.time.Duration;
import java.util.Optional;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.EngineStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Send a text message: it is saved as queued, then sent over a Waku node this command runs.",
            "Without a node (no libwaku) it stays queued and goes out on the next run that has one (exit code 5)."})
final class SendCommand extends AccountCommand {

    enum Wait { QUEUED, SENT, DELIVERED }

    @Parameters(index = "0", paramLabel = "<contact>", description = "Conversation id, id prefix, the contact's (nick)name, or a group's name.")
    String contact;

    @Parameters(index = "1", paramLabel = "<text>", description = "The message.")
    String text;

    @Option(names = "--wait", paramLabel = "<until>", defaultValue = "sent",
            description = "queued: only save it; sent: until published to the network; "
                    + "delivered: until the recipient's device confirmed it. Default: ${DEFAULT-VALUE}.")
    Wait wait;

    @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "60",
            description = "Give up waiting after this long, with exit code 6; the message stays queued (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Mixin
    NetworkOptions network;

    private org.wakuchat.core.ChatEngine engine;

    @Override
    public Integer call() throws InterruptedException {
        if (timeoutSeconds < 1) {
            throw new CliException(ExitCodes.USAGE, "--timeout must be at least 1 second.");
        }
        try (NodeSession session = NodeSession.unlock(environment(), account, network)) {
            engine = session.engine();
            ChatResolver.Chat to = ChatResolver.resolve(session.engine(), contact);
            ChatMessage message = session.engine().sendText(to.id(), text);
            if (wait == Wait.QUEUED) {
                report(message, to, "Queued for " + to.name() + "; it goes out on the next run with a Waku node");
                return ExitCodes.OK;
            }
            session.start();
            DeliveryState state = await(session, message, to, Duration.ofSeconds(timeoutSeconds));
            report(message.withState(state), to, state == DeliveryState.DELIVERED
                    ? "Delivered to " + (to.group() ? "every member of " : "") + to.name()
                    : "Sent to " + to.name() + (to.group() ? "; not every member's device has confirmed it yet"
                    : "; their device has not confirmed it yet"));
            return ExitCodes.OK;
        }
    }

    private DeliveryState await(NodeSession session, ChatMessage message, ChatResolver.Chat to, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        DeliveryState state = message.state();
        while (!reached(state)) {
            if (System.nanoTime() > deadline) {
                report(message.withState(state), to, "Not " + wait.name().toLowerCase() + " within " + timeoutSeconds + " s");
                throw new CliException(ExitCodes.TIMEOUT, "Timed out after " + timeoutSeconds + " s with the message "
                        + state.name().toLowerCase() + (state == DeliveryState.QUEUED
                        ? "; it stays queued and goes out on the next run with a Waku node." : "."));
            }
            if (session.stopRequested()) {
                report(message.withState(state), to, "Stopped");
                throw new CliException(ExitCodes.ERROR, "Stopped with the message " + state.name().toLowerCase()
                        + "; it stays in the outbox for the next run with a Waku node.");
            }
            Optional<ChatEvent> event = session.next(Duration.ofMillis(100));
            if (event.orElse(null) instanceof ChatEvent.DeliveryChanged d && d.message().equals(message.id())) {
                state = d.state();
            }
            EngineStatus status = session.engine().status();
            if (status.state() == EngineStatus.State.UNAVAILABLE) {
                report(message.withState(state), to, "Queued for " + to.name());
                throw new CliException(ExitCodes.ENGINE_UNAVAILABLE, "Waku node unavailable: " + Human.brief(status.detail())
                        + " — the message stays queued and goes out on the next run with a Waku node.");
            }
            if (state == DeliveryState.FAILED) {
                report(message.withState(state), to, "Failed to reach " + to.name());
                throw new CliException(ExitCodes.ERROR, "The message was not confirmed after all retries.");
            }
        }
        return state;
    }

    private boolean reached(DeliveryState state) {
        return switch (wait) {
            case QUEUED -> true;
            case SENT -> state == DeliveryState.SENT || state == DeliveryState.DELIVERED;
            case DELIVERED -> state == DeliveryState.DELIVERED;
        };
    }

    private void report(ChatMessage message, ChatResolver.Chat to, String human) {
        Object line = to.group() ? Lines.GroupMessageLine.of(message, engine.group(to.id())) : Lines.MessageLine.of(message, to.name());
        output().emit(line, human + " (message " + message.id() + ")");
    }
}
