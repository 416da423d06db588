package org.wakuchat.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

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
