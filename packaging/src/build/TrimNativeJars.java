import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Removes the other platforms' native libraries from the jars that carry one per platform, in
 * the app's input folder, before jpackage and the AOT training see them. An installer is made for
 * one OS and architecture, but sqlite-jdbc ships 24 SQLite builds (25 MB unpacked, 14 MB of its
 * 14.4 MB jar, incompressible) and JNA 28 builds of its dispatch library: in the .deb that was
 * ~13 MB of the package for code that can never run there.
 *
 * <p>Which folder to keep is asked of the library itself (sqlite-jdbc's {@code OSInfo}, JNA's
 * {@code Platform.RESOURCE_PREFIX}), so the names match what it looks up at run time. Usage:
 * {@code java -cp '<app input>/*' TrimNativeJars.java <app input folder>}. A jar without such a
 * folder for this platform is left as it was, with a warning (the library would then fail at run
 * time anyway, but that is for the smoke test to show, not for this step to hide).
 */
public final class TrimNativeJars {

    /** One library's per-platform folders: entries under {@code root} that are native libraries. */
    private record Rule(String jarPrefix, String root, Pattern nativeEntry, String keep) {
        boolean drops(String entry) {
            return entry.startsWith(root) && nativeEntry.matcher(entry).matches() && !entry.startsWith(root + keep + "/");
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: TrimNativeJars <app input folder>");
        }
        Path input = Path.of(args[0]);
        List<Rule> rules = List.of(
                new Rule("sqlite-jdbc-", "org/sqlite/native/",
                        Pattern.compile("org/sqlite/native/.+/[^/]+\\.(so|dylib|dll|jnilib)"),
                        (String) Class.forName("org.sqlite.util.OSInfo")
                                .getMethod("getNativeLibFolderPathForCurrentOS").invoke(null)),
                new Rule("jna-", "com/sun/jna/",
                        Pattern.compile("com/sun/jna/[^/]+/(lib)?jnidispatch\\.[a-z]+"),
                        (String) Class.forName("com.sun.jna.Platform").getField("RESOURCE_PREFIX").get(null)));
        try (Stream<Path> files = Files.list(input)) {
            for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                for (Rule rule : rules) {
                    if (jar.getFileName().toString().startsWith(rule.jarPrefix())) {
                        trim(jar, rule);
                    }
                }
            }
        }
    }

    private static void trim(Path jar, Rule rule) throws IOException {
        Path trimmed = jar.resolveSibling(jar.getFileName() + ".trimmed");
        int kept = 0;
        int dropped = 0;
        long before = Files.size(jar);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(trimmed))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (rule.drops(name)) {
                    dropped++;
                    continue;
                }
                if (name.startsWith(rule.root()) && rule.nativeEntry().matcher(name).matches()) {
                    kept++;
                }
                ZipEntry copy = new ZipEntry(name);
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                in.transferTo(out);
                out.closeEntry();
            }
        }
        if (kept == 0) {
            Files.delete(trimmed);
            System.out.println("[WARNING] " + jar.getFileName() + " has no native library under " + rule.root()
                    + rule.keep() + "/: left as it was");
            return;
        }
        Files.move(trimmed, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("[trim] %s: kept %s (%d file), dropped %d other platforms' libraries, %d -> %d KiB%n",
                jar.getFileName(), rule.root() + rule.keep(), kept, dropped, before / 1024, Files.size(jar) / 1024);
    }
}
