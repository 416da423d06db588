package org.wakuchat.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    /** Where each OS keeps per-user application data. */
    static Path defaultDataFolder() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return (appData != null ? Path.of(appData) : home).resolve("Waku Chat");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("Waku Chat");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share")).resolve("wakuchat");
    }
}
