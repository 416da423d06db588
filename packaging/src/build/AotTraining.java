import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Speeds up the packaged app's start: runs the app image once as a training run (the app opens
 * its window and, with {@code -Dwakuchat.smokeTest=true}, closes it again), lets the JVM write
 * an ahead-of-time cache of the classes it loaded and linked (JDK 25, JEP 483/514), stores it in
 * the app folder and points the launcher's configuration at it. The cache survives the move to
 * the install folder (JDK 25 checks the class path relative to the app).
 *
 * <p>Usage: {@code java AotTraining.java <launcher> <app folder> <launcher .cfg>}. A run that
 * cannot open a window (no display, training failed) leaves the image as it was, with a warning:
 * the app then starts without the cache, just slower.
 */
public final class AotTraining {
    private static final String CACHE_NAME = "wakuchat.aot";
    private static final long TIMEOUT_SECONDS = 180;

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: AotTraining <launcher> <app folder> <launcher .cfg>");
        }
        Path launcher = Path.of(args[0]).toAbsolutePath();
        Path appDir = Path.of(args[1]).toAbsolutePath();
        Path cfg = Path.of(args[2]);
        Path cache = appDir.resolve(CACHE_NAME);
        Files.deleteIfExists(cache);

        List<String> command = new ArrayList<>();
        if (needsVirtualDisplay()) {
            command.addAll(List.of("xvfb-run", "-a"));
        }
        command.add(launcher.toString());
        ProcessBuilder training = new ProcessBuilder(command).inheritIO();
        // The training run must not leave an account folder in the builder's home.
        Path scratchData = Files.createTempDirectory("wakuchat-aot-training");
        training.environment().put("WAKUCHAT_DATA_DIR", scratchData.toString());
        // The launcher ignores JDK_JAVA_OPTIONS, but the JVM itself reads JAVA_TOOL_OPTIONS.
        training.environment().put("JAVA_TOOL_OPTIONS",
                "-XX:AOTCacheOutput=" + cache + " -Dwakuchat.smokeTest=true");
        int status = run(training);
        if (status != 0 || !Files.isRegularFile(cache)) {
            System.out.println("[WARNING] no AOT cache: the training run of " + launcher + " ended with status "
                    + status + "; the app will start without it");
            Files.deleteIfExists(cache);
            return;
        }
        String option = "java-options=-XX:AOTCache=$APPDIR/" + CACHE_NAME;
        String config = Files.readString(cfg);
        Matcher section = Pattern.compile("\\[JavaOptions\\](\\r?\\n)").matcher(config);
        if (!section.find()) {
            throw new IllegalStateException("no [JavaOptions] section in " + cfg);
        }
        if (!config.contains(option)) {
            String newline = section.group(1);
            Files.writeString(cfg, config.substring(0, section.end()) + option + newline + config.substring(section.end()));
        }
        System.out.println("[aot] " + cache + " (" + Files.size(cache) / 1024 / 1024 + " MiB), used by " + cfg);
    }

    private static boolean needsVirtualDisplay() {
        boolean linux = System.getProperty("os.name").toLowerCase().startsWith("linux");
        return linux && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null;
    }

    private static int run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            System.out.println("[WARNING] cannot start the AOT training run: " + e.getMessage());
            return -1;
        }
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            return -2;
        }
        return process.exitValue();
    }
}
