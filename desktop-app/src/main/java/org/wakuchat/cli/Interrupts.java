package org.wakuchat.cli;

import java.util.List;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM for the CLI process. A command that runs a node stops on the first
 * one, closes the account and exits with its own code (0 for {@code listen}), instead of the
 * JVM's 130 or 143. Before such a command runs the process exits with 128 + the signal's number,
 * as a shell expects, after the shutdown hook let a short command finish; a second interrupt
 * while a command stops ends the process at once.
 *
 * <p>A signal the process was started with ignored stays ignored: a non-interactive shell starts
 * {@code command &} with SIGINT ignored, so such a job stops on SIGTERM ({@code kill}) only.
 */
final class Interrupts {

    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private Interrupts() {
    }

    static void install(StopSignal stop) {
        for (String name : SIGNALS) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (stop.request()) {
                        return;
                    }
                    if (stop.requested().isDone() && stop.watching()) {
                        // A second interrupt while the command stops: the user insists.
                        Runtime.getRuntime().halt(128 + signal.getNumber());
                    }
                    // What the JVM does by itself: the shutdown hook lets a short command (init) finish first.
                    System.exit(128 + signal.getNumber());
                });
            } catch (IllegalArgumentException notAvailable) {
                // The JVM keeps this signal (e.g. -Xrs): its shutdown hook still stops the command.
            }
        }
    }
}
