package org.wakuchat.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.wakuchat.core.store.DataDirectory;

/**
 * Command line: {@code [--demo] [--data-dir=PATH] [wakuchat://invite/…]}; the link is what the OS
 * passes when someone opens an invite link.
 */
record LaunchOptions(boolean demo, Path dataFolder, Optional<String> inviteLink) {

    static final String INVITE_SCHEME = "wakuchat://";
    private static final String USAGE = "Usage: wakuchat [--demo] [--data-dir=PATH] [wakuchat://invite/…]";

    static LaunchOptions parse(List<String> args) {
        boolean demo = false;
        Path dataFolder = defaultDataFolder();
        Optional<String> inviteLink = Optional.empty();
        for (String arg : args) {
            if (arg.regionMatches(true, 0, INVITE_SCHEME, 0, INVITE_SCHEME.length())) {
                inviteLink = Optional.of(arg.strip());
            } else if (arg.equals("--demo")) {
                demo = true;
            } else if (arg.startsWith("--data-dir=")) {
                dataFolder = Path.of(arg.substring("--data-dir=".length())).toAbsolutePath();
            } else if (!arg.isBlank()) {
                throw new IllegalArgumentException("Unknown option " + arg + ". " + USAGE);
            }
        }
        return new LaunchOptions(demo, dataFolder, inviteLink);
    }

    /** The per-user data folder of this OS, unless overridden by wakuchat.dataDir or WAKUCHAT_DATA_DIR. */
    static Path defaultDataFolder() {
        return DataDirectory.resolveDefault();
    }
}
