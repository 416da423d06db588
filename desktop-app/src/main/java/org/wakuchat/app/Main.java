package org.wakuchat.app;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import javafx.application.Application;

/**
 * Entry point: {@code wakuchat [--demo] [--data-dir=PATH] [wakuchat://invite/…]}. Not an {@link Application} itself, so
 * that the launcher can set up logging before JavaFX starts.
 */
public final class Main {

    private static final String SLF4J_PROVIDER = "slf4j.provider";

    private Main() {
    }

    public static void main(String[] args) throws IOException {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(List.of(args));
        } catch (IllegalArgumentException badOption) {
            System.err.println(badOption.getMessage());
            System.exit(2);
            return;
        }
        Files.createDirectories(options.dataFolder());
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
            System.setProperty("org.slf4j.simpleLogger.logFile", options.dataFolder().resolve("wakuchat.log").toString());
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        }
        // Names SLF4J's provider: without it SLF4J looks for one with a ServiceLoader, which opens
        // every jar on the class path (and the signed bcprov's manifest) before the first window.
        if (System.getProperty(SLF4J_PROVIDER) == null) {
            System.setProperty(SLF4J_PROVIDER, "org.slf4j.simple.SimpleServiceProvider");
            // and without its note on stderr that it did so, at every start
            System.setProperty("slf4j.internal.verbosity", System.getProperty("slf4j.internal.verbosity", "WARN"));
        }
        Application.launch(WakuChatApp.class, args);
    }
}
