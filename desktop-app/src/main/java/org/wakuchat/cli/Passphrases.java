package org.wakuchat.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** Reads the passphrase: $WAKUCHAT_PASSPHRASE, else the terminal without echo, else one line of standard input. */
final class Passphrases {

    private Passphrases() {
    }

    static char[] read(CliEnvironment environment, boolean confirm) {
        String fromEnv = environment.env().get(CliEnvironment.PASSPHRASE_VARIABLE);
        if (fromEnv != null) {
            return nonEmpty(fromEnv.toCharArray());
        }
        if (environment.console().isPresent()) {
            return fromTerminal(environment, confirm);
        }
        try {
            String line = environment.stdin().readLine();
            if (line == null) {
                throw new CliException(ExitCodes.USAGE, "No passphrase: set " + CliEnvironment.PASSPHRASE_VARIABLE
                        + " or give it as the first line of standard input.");
            }
            return nonEmpty(line.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the passphrase from standard input", e);
        }
    }

    private static char[] fromTerminal(CliEnvironment environment, boolean confirm) {
        var console = environment.console().orElseThrow();
        char[] first = nonEmpty(orEmpty(console.readPassword("Passphrase: ")));
        if (confirm) {
            char[] again = orEmpty(console.readPassword("Passphrase again: "));
            boolean same = Arrays.equals(first, again);
            Arrays.fill(again, '\0');
            if (!same) {
                Arrays.fill(first, '\0');
                throw new CliException(ExitCodes.USAGE, "The passphrases differ.");
            }
        }
        return first;
    }

    private static char[] orEmpty(char[] read) {
        return read == null ? new char[0] : read;
    }

    private static char[] nonEmpty(char[] passphrase) {
        if (passphrase.length == 0) {
            throw new CliException(ExitCodes.USAGE, "The passphrase is empty.");
        }
        return passphrase;
    }
}
