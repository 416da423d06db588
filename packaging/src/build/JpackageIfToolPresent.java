import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs jpackage for one installer type when the machine has the tools that type needs. A type
 * nobody asked for by name is skipped with one line saying what to install; a type asked for by
 * name ({@code -Dinstaller.types=deb,rpm}) fails with that line instead. {@code auto} (the
 * default) means every type this OS makes.
 *
 * <p>Usage: {@code java JpackageIfToolPresent.java <type> <requested types|auto> <jpackage> <jpackage arguments…>}.
 */
public final class JpackageIfToolPresent {

    /** Each type's tools, any one of the alternatives of each inner list. */
    private static final Map<String, List<List<String>>> TOOLS = Map.of(
            "deb", List.of(List.of("dpkg-deb"), List.of("fakeroot")),
            "rpm", List.of(List.of("rpmbuild")),
            "msi", List.of(List.of("wix", "candle")),
            "dmg", List.of(List.of("hdiutil")));

    private static final Map<String, String> HOW_TO_INSTALL = Map.of(
            "deb", "Debian/Ubuntu: sudo apt-get install dpkg fakeroot",
            "rpm", "Debian/Ubuntu: sudo apt-get install rpm; Fedora/RHEL: sudo dnf install rpm-build",
            "msi", "dotnet tool install --global wix --version 5.0.2 (with the UI and Util extensions; see packaging/README.md)",
            "dmg", "hdiutil comes with macOS");

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: JpackageIfToolPresent <type> <requested types|auto> <jpackage> <args…>");
        }
        String type = args[0];
        Set<String> requested = requested(args[1]);
        boolean byName = requested.contains(type);
        if (!requested.isEmpty() && !byName) {
            System.out.println("[installer] ." + type + " not built: installer.types=" + args[1]);
            return;
        }
        List<String> missing = TOOLS.getOrDefault(type, List.of()).stream()
                .filter(alternatives -> alternatives.stream().noneMatch(JpackageIfToolPresent::onPath))
                .map(alternatives -> String.join(" or ", alternatives))
                .toList();
        if (!missing.isEmpty()) {
            String line = String.join(" and ", missing) + " not found on PATH (" + HOW_TO_INSTALL.get(type) + ")";
            if (byName) {
                System.out.println("[ERROR] cannot build the ." + type + " installer: " + line);
                System.exit(1);
            }
            System.out.println("[WARNING] skipping the ." + type + " installer: " + line);
            return;
        }
        Process jpackage = new ProcessBuilder(Arrays.asList(args).subList(2, args.length)).inheritIO().start();
        System.exit(jpackage.waitFor());
    }

    static Set<String> requested(String value) {
        String list = value.strip().toLowerCase(Locale.ROOT);
        if (list.isEmpty() || list.equals("auto")) {
            return Set.of();
        }
        return Set.copyOf(Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
        for (String dir : path.split(File.pathSeparator)) {
            for (String name : windows ? List.of(tool + ".exe", tool + ".cmd", tool + ".bat") : List.of(tool)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(candidate) && (windows || Files.isExecutable(candidate))) {
                    return true;
                }
            }
        }
        return false;
    }
}
