import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Turns the platform-specific JavaFX jars from Maven Central into jmods, so that jlink puts
 * JavaFX into the app's runtime with its native libraries in the runtime's own library folder.
 * JavaFX then loads them from there instead of extracting them into the user's home at first run.
 *
 * <p>Usage: {@code java JavaFxJmods.java <folder of javafx jars> <jmod folder> <jlink argfile>}.
 * Jars without a module descriptor (the empty, classifier-less JavaFX jars) are skipped. The
 * argfile receives {@code --add-modules} with every JavaFX module made.
 */
public final class JavaFxJmods {
    private static final List<String> NATIVE_SUFFIXES = List.of(".so", ".dylib", ".dll");

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: JavaFxJmods <javafx jar folder> <jmod folder> <jlink argfile>");
        }
        Path jars = Path.of(args[0]);
        Path jmods = Path.of(args[1]);
        Path argFile = Path.of(args[2]);
        deleteRecursively(jmods);
        Files.createDirectories(jmods);
        List<String> modules = new ArrayList<>();
        try (Stream<Path> files = Files.list(jars)) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                String module = moduleName(jar);
                if (module != null) {
                    makeJmod(jar, module, jmods);
                    modules.add(module);
                }
            }
        }
        if (modules.isEmpty()) {
            throw new IllegalStateException("no modular JavaFX jar in " + jars);
        }
        Files.writeString(argFile, "--add-modules " + String.join(",", modules) + System.lineSeparator());
        System.out.println("[javafx-jmods] " + String.join(", ", modules) + " -> " + jmods);
    }

    /** The module name from the jar's descriptor, or null for a jar that has none. */
    private static String moduleName(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.getEntry("module-info.class") == null) {
                return null;
            }
        }
        var finder = java.lang.module.ModuleFinder.of(jar);
        return finder.findAll().iterator().next().descriptor().name();
    }

    private static void makeJmod(Path jar, String module, Path jmods) throws IOException {
        Path work = Files.createTempDirectory("javafx-jmod-");
        try {
            Path classes = Files.createDirectories(work.resolve("classes"));
            Path libs = Files.createDirectories(work.resolve("libs"));
            boolean hasLibs = split(jar, classes, libs);
            List<String> jmodArgs = new ArrayList<>(List.of("create", "--class-path", classes.toString()));
            if (hasLibs) {
                jmodArgs.addAll(List.of("--libs", libs.toString()));
            }
            jmodArgs.add(jmods.resolve(module + ".jmod").toString());
            run("jmod", jmodArgs);
        } finally {
            deleteRecursively(work);
        }
    }

    /**
     * Unpacks the jar: native libraries at its root go to {@code libs}, everything else but
     * nested jars (javafx-swt.jar, which only SWT interop needs) to {@code classes}.
     */
    private static boolean split(Path jar, Path classes, Path libs) throws IOException {
        boolean hasLibs = false;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                String name = entry.getName();
                boolean atRoot = !name.contains("/");
                if (entry.isDirectory() || name.startsWith("META-INF/") || (atRoot && name.endsWith(".jar"))) {
                    continue;
                }
                boolean nativeLib = atRoot && NATIVE_SUFFIXES.stream().anyMatch(name::endsWith);
                Path target = (nativeLib ? libs : classes).resolve(name).normalize();
                if (!target.startsWith(nativeLib ? libs : classes)) {
                    throw new IOException("entry escapes its folder: " + name + " in " + jar);
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target);
                }
                hasLibs |= nativeLib;
            }
        }
        return hasLibs;
    }

    private static void run(String tool, List<String> args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException(tool + " not found: run with a full JDK"));
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out);
        int status = provider.run(writer, writer, args.toArray(String[]::new));
        writer.flush();
        if (status != 0) {
            throw new IllegalStateException(tool + " " + args + " failed (" + status + "): " + out);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
