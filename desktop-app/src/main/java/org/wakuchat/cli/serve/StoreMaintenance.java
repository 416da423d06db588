package org.wakuchat.cli.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size limit of a service node's Store, and its message count. nwaku v0.36 enforces one
 * retention policy only (time, size or capacity; a combination is refused), so nwaku gets the
 * time limit and this class keeps the size one: it runs {@link StoreMaintenanceMain} in a child
 * JVM (same Java, same class path) that counts the rows and deletes the oldest when the database
 * outgrew the limit. A child, not this process: see {@link StoreMaintenanceMain} for why.
 */
public final class StoreMaintenance {

    private static final Pattern RESULT = Pattern.compile("rows=(\\d+) deleted=(\\d+) bytes=(\\d+)");
    private static final long PATIENCE_SECONDS = 120;

    private final Path database;
    private final long maxBytes;

    public StoreMaintenance(Path database, long maxBytes) {
        this.database = database;
        this.maxBytes = maxBytes;
    }

    /** What one maintenance run found and did. */
    public record Check(long rows, long deleted, long bytes) {
    }

    /** Counts and, above the limit, prunes; empty (with the reason logged by the caller) when the child failed. */
    public Check run() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx96m", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                StoreMaintenanceMain.class.getName(), database.toAbsolutePath().toString(), Long.toString(maxBytes)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output;
        try (var in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("Store maintenance did not finish in " + PATIENCE_SECONDS + " s");
        }
        String text = new String(output, StandardCharsets.UTF_8).strip();
        Matcher m = RESULT.matcher(text);
        if (process.exitValue() != 0 || !m.find()) {
            throw new IOException("Store maintenance failed (exit " + process.exitValue() + "): "
                    + text.lines().reduce((a, b) -> b).orElse("no output"));
        }
        return new Check(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
    }

    /** The database's bytes on disk: the file, its write-ahead log and shared-memory index. */
    public static long databaseBytes(Path database) {
        long total = 0;
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path file = database.resolveSibling(database.getFileName() + suffix);
            try {
                total += Files.size(file);
            } catch (IOException missing) {
                // not there (yet)
            }
        }
        return total;
    }

    /**
     * This runtime's {@code java}: the packaged app's runtime keeps it (jlink without
     * --strip-native-commands), whereas this process's own command is there the app's launcher.
     */
    private static String javaBinary() {
        Path java = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        return Files.isExecutable(java) ? java.toString() : ProcessHandle.current().info().command().orElse("java");
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }
}
