package org.wakuchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the real launcher, {@code desktop-app/wakuchat-cli}, from tests inside the Maven build: it
 * gets this module's class path (WAKUCHAT_CLI_CLASSPATH) and JDK, so it builds nothing.
 */
final class CliLauncher {

    private CliLauncher() {
    }

    /** The checkout's root: the first folder above the working directory with README.md and desktop-app/. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("desktop-app")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the checkout's root, above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }

    /** The launcher is a POSIX shell script; process tests skip where there is none to run it. */
    static void requirePosixShell() {
        org.junit.jupiter.api.Assumptions.assumeFalse(
                System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows"),
                "desktop-app/wakuchat-cli is a POSIX shell script; Windows runs the packaged launcher instead");
    }

    static Path script() {
        return repositoryRoot().resolve("desktop-app/wakuchat-cli");
    }

    /** This JVM's environment without the CLI's account settings, plus the launcher's class path and JDK. */
    static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.remove(CliEnvironment.PASSPHRASE_VARIABLE);
        env.remove(CliEnvironment.RLN_PASSWORD_VARIABLE);
        env.remove("WAKUCHAT_DATA_DIR");
        String classPath = Optional.ofNullable(System.getProperty("surefire.test.class.path"))
                .orElse(System.getProperty("java.class.path"));
        env.put("WAKUCHAT_CLI_CLASSPATH", classPath);
        env.put("WAKUCHAT_CLI_JAVA_HOME", System.getProperty("java.home"));
        return env;
    }
}
