package org.wakuchat.core.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Reliability soak: engines over the simulator in virtual time under loss, duplication,
 * reordering, partitions, offline periods and restarts; prints {@code key=value} figures.
 * Run: {@code ./mvnw -q -B -ntp -pl chat-core -am -DskipTests -Psoak verify}, options with
 * {@code -Dsoak.args="messages=20000 seed=3 loss=0.3"} (keys in {@link SoakSettings}).
 * Exits with status 1 when a message was lost silently or shown twice.
 */
public final class Soak {

    private Soak() {
    }

    public static void main(String[] args) throws IOException {
        SoakSettings settings;
        try {
            settings = SoakSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("soak: " + e.getMessage());
            System.exit(2);
            return;
        }
        SoakReport report = run(settings);
        report.lines().forEach(System.out::println);
        report.silentLossDetails().forEach(System.err::println);
        if (report.silentLosses() > 0 || report.duplicatesShown() > 0 || report.falseDeliveries() > 0) {
            System.exit(1);
        }
    }

    /** Runs in the given folder, or in a fresh temporary one (in memory where the OS offers it) removed afterwards. */
    static SoakReport run(SoakSettings settings) throws IOException {
        if (settings.dir().isPresent()) {
            Path dir = Path.of(settings.dir().get());
            Files.createDirectories(dir);
            return SoakRun.run(settings, dir);
        }
        Path shm = Path.of("/dev/shm");
        Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "wakuchat-soak") : Files.createTempDirectory("wakuchat-soak");
        try {
            return SoakRun.run(settings, dir);
        } finally {
            deleteRecursively(dir);
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
