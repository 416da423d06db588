package org.wakuchat.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command has: which account, and how to print. */
final class AccountOptions {

    @Option(names = "--data-dir", paramLabel = "<folder>",
            description = "The account's data folder (default: the desktop app's, or $WAKUCHAT_DATA_DIR).")
    Path dataDir;

    @Option(names = "--json", description = "Print one JSON object per line, for scripts.")
    boolean json;

    Path dataDir(CliEnvironment environment) {
        return dataDir != null ? dataDir.toAbsolutePath().normalize() : environment.defaultDataDir();
    }
}
