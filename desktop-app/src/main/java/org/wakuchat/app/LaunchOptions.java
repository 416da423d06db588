package org.wakuchat.app;

import java.nio.file.Path;
import org.wakuchat.core.store.DataDirectory;
import java.util.List;

/** Command line: {@code [--demo] [--data-dir=PATH]}. */
record LaunchOptions(boolean demo, Path dataFolder) {

    static LaunchOptions parse(List<String> args) {
        boolean demo = false;
        Path dataFolder = defaultDataFolder();
        for (String arg : args) {
            if (arg.equals("--demo")) {
                demo = true;
            } else if (arg.startsWith("--data-dir=")) {
                dataFolder = Path.of(arg.substring("--data-dir=".length())).toAbsolutePath();
            } else if (!arg.isBlank()) {
                throw new IllegalArgumentException("Unknown option " + arg + ". Usage: wakuchat [--demo] [--data-dir=PATH]");
            }
        }
        return new LaunchOptions(demo, dataFolder);
    }

    /** The per-user data folder of this OS, unless overridden by wakuchat.dataDir or WAKUCHAT_DATA_DIR. */
    static Path defaultDataFolder() {
        return DataDirectory.resolveDefault();
    }
}
