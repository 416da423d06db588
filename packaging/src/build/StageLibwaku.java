import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Copies the Waku engine library for the build machine's OS and architecture,
 * {@code native-libs/<os>-<arch>/} (os: linux, macos, windows; arch: x86_64, aarch64), into the
 * app's input folder, which jpackage installs as the app folder ({@code lib/app} on Linux,
 * {@code Contents/app} on macOS, {@code app} on Windows). Without it the package still builds,
 * with a warning: the app then runs without a Waku engine.
 *
 * <p>Usage: {@code java StageLibwaku.java <native-libs folder> <app input folder> [required]};
 * with {@code required} = {@code true} (release builds: {@code -Dlibwaku.required=true}) a
 * missing library fails the build instead.
 */
public final class StageLibwaku {
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            throw new IllegalArgumentException("usage: StageLibwaku <native-libs folder> <app input folder> [required]");
        }
        boolean required = args.length == 3 && Boolean.parseBoolean(args[2]);
        String platform = os() + "-" + arch();
        Path source = Path.of(args[0]).resolve(platform);
        Path target = Files.createDirectories(Path.of(args[1]));
        if (!hasLibwaku(source)) {
            String missing = "package has no Waku engine (libwaku not found in native-libs/" + platform + "/)";
            if (required) {
                System.out.println("[ERROR] " + missing + "; -Dlibwaku.required=true");
                System.exit(1);
            }
            System.out.println("[WARNING] " + missing);
            return;
        }
        // Every shared library in the folder: libwaku may come with libraries it links to (Windows).
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(StageLibwaku::isSharedLibrary).toList()) {
                Path copy = target.resolve(file.getFileName());
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                System.out.println("[libwaku] " + file + " -> " + target + stripped(copy));
            }
        }
    }

    /**
     * Linux: drops the copy's symbol table ({@code strip --strip-unneeded}; 20.8 -> 17.0 MB for
     * nwaku v0.36, ~0.7 MB less in the xz .deb). The exported functions JNA binds to are in the
     * dynamic symbol table, which strip keeps, as it keeps the GNU build ID that identifies the
     * build. Only native stack traces in a debugger lose libwaku's internal function names. Left
     * as it is where strip is missing or fails, and on macOS and Windows (not tried there).
     */
    private static String stripped(Path copy) throws IOException {
        if (!os().equals("linux") || !copy.getFileName().toString().contains(".so")) {
            return "";
        }
        long before = Files.size(copy);
        Process strip;
        try {
            strip = new ProcessBuilder("strip", "--strip-unneeded", copy.toString()).inheritIO().start();
        } catch (IOException e) {
            return " (not stripped: no strip on the PATH)";
        }
        try {
            if (strip.waitFor() != 0) {
                return " (not stripped: strip ended with status " + strip.exitValue() + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stripping " + copy, e);
        }
        return " (stripped: " + before / 1024 + " -> " + Files.size(copy) / 1024 + " KiB)";
    }

    /** libwaku.so, libwaku.dylib, libwaku.dll or waku.dll, possibly with a version suffix. */
    private static boolean hasLibwaku(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(StageLibwaku::isSharedLibrary)
                    .anyMatch(file -> file.getFileName().toString().matches("(lib)?waku\\..*"));
        }
    }

    private static boolean isSharedLibrary(Path file) {
        return Files.isRegularFile(file) && file.getFileName().toString().matches(".+\\.(so|dylib|dll)(\\.[0-9.]+)?");
    }

    private static String os() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return "windows";
        }
        if (name.startsWith("mac")) {
            return "macos";
        }
        return name.startsWith("linux") ? "linux" : name.replace(' ', '_');
    }

    private static String arch() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        if (List.of("amd64", "x86_64", "x64").contains(arch)) {
            return "x86_64";
        }
        return List.of("aarch64", "arm64").contains(arch) ? "aarch64" : arch;
    }
}
