package org.wakuchat.core.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the app keeps one user's data: the account databases and the {@code logs/} folder. Only
 * resolves paths; {@link Storage#create} makes the folder.
 */
public final class DataDirectory {

    /** Environment variable that overrides the folder (tests, portable installs). */
    public static final String ENV_OVERRIDE = "WAKUCHAT_DATA_DIR";
    /** System property that overrides the folder, taking precedence over {@link #ENV_OVERRIDE}. */
    public static final String PROPERTY_OVERRIDE = "wakuchat.dataDir";

    private static final String LINUX_FOLDER = "wakuchat";
    private static final String DESKTOP_FOLDER = "Waku Chat";

    private DataDirectory() {
    }

    /**
     * The data folder: {@code override} if present, else {@code $WAKUCHAT_DATA_DIR}, else the
     * platform's per-user data folder — Linux (and other Unix) {@code $XDG_DATA_HOME/wakuchat} or
     * {@code ~/.local/share/wakuchat}, macOS {@code ~/Library/Application Support/Waku Chat},
     * Windows {@code %APPDATA%\Waku Chat}.
     */
    public static Path resolve(Optional<Path> override, Map<String, String> env, String osName, Path home) {
        if (override.isPresent()) {
            return absolute(override.get());
        }
        Optional<String> fromEnv = nonBlank(env.get(ENV_OVERRIDE));
        if (fromEnv.isPresent()) {
            return absolute(Path.of(fromEnv.get()));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return absolute(nonBlank(env.get("APPDATA")).map(Path::of)
                    .orElse(home.resolve("AppData").resolve("Roaming"))
                    .resolve(DESKTOP_FOLDER));
        }
        if (os.startsWith("mac") || os.contains("darwin")) {
            return absolute(home.resolve("Library").resolve("Application Support").resolve(DESKTOP_FOLDER));
        }
        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        Path dataHome = nonBlank(env.get("XDG_DATA_HOME")).map(Path::of).filter(Path::isAbsolute)
                .orElse(home.resolve(".local").resolve("share"));
        return absolute(dataHome.resolve(LINUX_FOLDER));
    }

    /** {@link #resolve} for this process: system property {@value #PROPERTY_OVERRIDE}, real environment, OS and home. */
    public static Path resolveDefault() {
        Optional<Path> override = nonBlank(System.getProperty(PROPERTY_OVERRIDE)).map(Path::of);
        return resolve(override, System.getenv(), System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home")));
    }

    /** Environment variable that overrides the per-user state folder ({@link #resolveState}). */
    public static final String STATE_ENV_OVERRIDE = "WAKUCHAT_STATE_DIR";

    /**
     * This computer's per-user state folder, deliberately outside the data folder (which is what
     * gets backed up, restored and copied): {@code $WAKUCHAT_STATE_DIR}, else Linux (and other
     * Unix) {@code $XDG_STATE_HOME/wakuchat} or {@code ~/.local/state/wakuchat}, macOS
     * {@code ~/Library/Application Support/Waku Chat State}, Windows {@code %LOCALAPPDATA%\Waku Chat}
     * (local, unlike the roaming data folder).
     */
    public static Path resolveState(Map<String, String> env, String osName, Path home) {
        Optional<String> fromEnv = nonBlank(env.get(STATE_ENV_OVERRIDE));
        if (fromEnv.isPresent()) {
            return absolute(Path.of(fromEnv.get()));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return absolute(nonBlank(env.get("LOCALAPPDATA")).map(Path::of)
                    .orElse(home.resolve("AppData").resolve("Local"))
                    .resolve(DESKTOP_FOLDER));
        }
        if (os.startsWith("mac") || os.contains("darwin")) {
            return absolute(home.resolve("Library").resolve("Application Support").resolve(DESKTOP_FOLDER + " State"));
        }
        Path stateHome = nonBlank(env.get("XDG_STATE_HOME")).map(Path::of).filter(Path::isAbsolute)
                .orElse(home.resolve(".local").resolve("state"));
        return absolute(stateHome.resolve(LINUX_FOLDER));
    }

    /** {@link #resolveState} for this process: real environment, OS and home. */
    public static Path resolveStateDefault() {
        return resolveState(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    /** Where this computer keeps one marker per data folder it opened (docs/crypto.md §6). */
    public static Path markers(Path stateDirectory) {
        return stateDirectory.resolve("folder-markers");
    }

    /** The folder the app writes its log files to, inside the data folder. */
    public static Path logs(Path dataDirectory) {
        return dataDirectory.resolve("logs");
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
