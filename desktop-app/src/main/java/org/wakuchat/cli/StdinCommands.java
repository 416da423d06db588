package org.wakuchat.cli;

import java.io.PrintStream;
import java.util.function.Consumer;
import org.wakuchat.core.ChatEngine;

/**
 * The commands {@code listen --commands} takes on standard input, one a line:
 * {@code send <contact> <text>} (the contact or group as one word: id, id prefix or name). A bad line is
 * reported on standard error and listening goes on. The sent message shows up as a
 * {@code message} line, then its {@code delivery} lines.
 */
final class StdinCommands implements Consumer<String> {

    private final ChatEngine engine;
    private final PrintStream err;
    private final boolean json;

    StdinCommands(ChatEngine engine, PrintStream err, boolean json) {
        this.engine = engine;
        this.err = err;
        this.json = json;
    }

    @Override
    public void accept(String line) {
        String[] words = line.strip().split("\\s+", 3);
        if (words[0].isEmpty()) {
            return;
        }
        try {
            if (!words[0].equals("send") || words.length < 3) {
                throw new CliException(ExitCodes.USAGE, "Unknown input command '" + line.strip()
                        + "': listen --commands takes `send <contact> <text>`.");
            }
            ChatResolver.Chat to = ChatResolver.resolve(engine, words[1]);
            // The engine announces the new message; listen prints it with the other events.
            engine.sendText(to.id(), words[2]);
        } catch (CliException | IllegalArgumentException | org.wakuchat.core.group.GroupException e) {
            int code = e instanceof CliException cli ? cli.exitCode() : ExitCodes.USAGE;
            err.println(json ? Output.toJson(Lines.ErrorLine.of(code, e.getMessage())) : "wakuchat-cli: " + e.getMessage());
            err.flush();
        }
    }
}
