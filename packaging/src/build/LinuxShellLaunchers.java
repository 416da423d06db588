import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Linux: replaces jpackage's native launchers in the app image ({@code bin/<name>}) with
 * {@code linux-launcher.sh}, which starts the same JVM with the options of
 * {@code lib/app/<name>.cfg}. jpackage's launcher runs {@code rpm -qf} and {@code dpkg -S} on its
 * own path at every start (twice: once in the launcher, once in {@code libapplauncher.so}; and
 * {@code dpkg -L} when installed) to find out whether a package installed it; {@code dpkg -S}
 * reads every installed package's file list, 0.13-0.2 s each with ~800 packages, more on a
 * desktop: measured 0.3-0.5 s of the first window's time before the JVM started.
 *
 * <p>Each launcher also gets {@code lib/runtime/bin/<name>}, a copy of the runtime's
 * {@code java} (16 KB), so that the process keeps its name ({@code ps}, system monitors).
 * {@code lib/libapplauncher.so}, used only by the native launchers, is removed.
 *
 * <p>Usage: {@code java LinuxShellLaunchers.java <app image folder> <linux-launcher.sh>}.
 */
public final class LinuxShellLaunchers {
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: LinuxShellLaunchers <app image folder> <linux-launcher.sh>");
        }
        Path image = Path.of(args[0]);
        String script = Files.readString(Path.of(args[1]));
        Path java = image.resolve("lib/runtime/bin/java");
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException("no " + java);
        }
        List<String> replaced = new ArrayList<>();
        try (var launchers = Files.list(image.resolve("bin"))) {
            for (Path launcher : launchers.sorted().toList()) {
                String name = launcher.getFileName().toString();
                Path cfg = image.resolve("lib/app").resolve(name + ".cfg");
                if (!Files.isRegularFile(cfg)) {
                    continue;
                }
                checkSupported(cfg);
                Files.writeString(launcher, script);
                Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.copy(java, image.resolve("lib/runtime/bin").resolve(name), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
                replaced.add(name);
            }
        }
        if (replaced.isEmpty()) {
            throw new IllegalStateException("no launcher with a .cfg in " + image.resolve("bin"));
        }
        Files.deleteIfExists(image.resolve("lib/libapplauncher.so"));
        System.out.println("[launcher] " + String.join(", ", replaced) + ": shell launchers (no package manager queries at start)");
    }

    /** The script knows the class path, main class and JVM options; anything else would be lost silently. */
    private static void checkSupported(Path cfg) throws IOException {
        for (String line : Files.readAllLines(cfg)) {
            String trimmed = line.strip();
            boolean known = trimmed.isEmpty() || trimmed.equals("[Application]") || trimmed.equals("[JavaOptions]")
                    || trimmed.startsWith("app.classpath=") || trimmed.startsWith("app.mainclass=")
                    || trimmed.startsWith("java-options=");
            if (!known) {
                throw new IllegalStateException(cfg + ": linux-launcher.sh does not handle '" + line
                        + "' (teach it, or keep jpackage's launcher)");
            }
        }
    }
}
