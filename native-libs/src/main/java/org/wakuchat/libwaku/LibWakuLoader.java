package org.wakuchat.libwaku;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and loads libwaku. Search order: system property {@value #PATH_PROPERTY}, environment
 * variable {@value #PATH_ENV} (both a file path), the packaged app's library folders (next to
 * the jpackage launcher named by {@code jpackage.app-path}), {@code native-libs/<os>-<arch>/}
 * in a checkout (the working directory or any parent), then the system library path. When
 * nothing loads, {@link LibWakuNotFound} lists every place searched and how to get libwaku.
 */
public final class LibWakuLoader implements LibWakuSource {

    public static final String PATH_PROPERTY = "wakuchat.libwaku";
    public static final String PATH_ENV = "WAKUCHAT_LIBWAKU";
    static final String APP_PATH_PROPERTY = "jpackage.app-path";
    static final String SYSTEM_LIBRARY_NAME = "waku";

    private static final Logger LOG = LoggerFactory.getLogger(LibWakuLoader.class);

    private final Host host;
    private final Opener opener;

    public LibWakuLoader(Host host, Opener opener) {
        this.host = host;
        this.opener = opener;
    }

    /** The loader for this JVM: real environment, system properties, working directory and JNA. */
    public static LibWakuLoader forThisMachine() {
        Host host = Host.current();
        return new LibWakuLoader(host, new JnaLibWakuOpener(host.platform()));
    }

    /** The machine as the loader sees it; tests pass their own. */
    public record Host(UnaryOperator<String> env, UnaryOperator<String> properties, Path workingDir,
                       Predicate<Path> isFile) {

        public static Host current() {
            return new Host(System::getenv, System::getProperty, Path.of("").toAbsolutePath(), Files::isRegularFile);
        }

        Platform platform() {
            return Platform.of(properties.apply("os.name"), properties.apply("os.arch"));
        }
    }

    /** Opens a library file, or a library by name from the system path; throws {@link LinkageError} when it cannot. */
    public interface Opener {
        LibWaku openFile(Path file);

        LibWaku openByName(String name);
    }

    /** One place to look; {@code file} is null for the system library path. */
    record Candidate(String origin, Path file) {
    }

    @Override
    public LibWaku load() throws LibWakuNotFound {
        List<String> report = new ArrayList<>();
        for (Candidate candidate : candidates(report)) {
            try {
                LibWaku lib = open(candidate);
                LOG.info("loaded libwaku from {}", describe(candidate));
                return lib;
            } catch (CandidateMissing e) {
                report.add(describe(candidate) + " — " + e.getMessage());
            } catch (LinkageError | RuntimeException e) {
                String problem = candidate.file() == null ? " — not loadable: " : " — found but failed to load: ";
                report.add(describe(candidate) + problem + briefly(e.getMessage()));
            }
        }
        throw new LibWakuNotFound(explain(report));
    }

    List<Candidate> candidates(List<String> report) {
        Platform platform = host.platform();
        List<Candidate> candidates = new ArrayList<>();
        explicitPath(PATH_PROPERTY, "system property " + PATH_PROPERTY, host.properties(), candidates, report);
        explicitPath(PATH_ENV, "environment variable " + PATH_ENV, host.env(), candidates, report);
        appFolders(platform, candidates, report);
        checkoutFolders(platform, candidates, report);
        candidates.add(new Candidate("system library path (" + systemPathDescription() + ")", null));
        return candidates;
    }

    private static void explicitPath(String key, String origin, UnaryOperator<String> source, List<Candidate> candidates,
                                     List<String> report) {
        String value = source.apply(key);
        if (value == null || value.isBlank()) {
            report.add(origin + " — not set");
        } else {
            candidates.add(new Candidate(origin, Path.of(value.strip())));
        }
    }

    private void appFolders(Platform platform, List<Candidate> candidates, List<String> report) {
        String appPath = host.properties().apply(APP_PATH_PROPERTY);
        if (appPath == null || appPath.isBlank()) {
            report.add("packaged app library folder — not a packaged app (" + APP_PATH_PROPERTY + " not set)");
            return;
        }
        Path launcherDir = Path.of(appPath).toAbsolutePath().getParent();
        if (launcherDir == null) {
            return;
        }
        for (Path folder : appLibraryFolders(launcherDir, platform)) {
            candidates.add(new Candidate("packaged app library folder", folder.resolve(platform.libraryFileName())));
        }
    }

    /**
     * jpackage layouts: Linux {@code bin/App} with {@code lib/app} and {@code lib}; macOS
     * {@code Contents/MacOS/App} with {@code Contents/app}; Windows {@code App.exe} with {@code app}.
     */
    static List<Path> appLibraryFolders(Path launcherDir, Platform platform) {
        List<Path> folders = new ArrayList<>(List.of(launcherDir.resolve("../lib/app"), launcherDir.resolve("../lib")));
        switch (platform.os()) {
            case "macos" -> folders.add(launcherDir.resolve("../app"));
            case "windows" -> {
                folders.add(launcherDir.resolve("app"));
                folders.add(launcherDir);
            }
            default -> { }
        }
        return folders.stream().map(Path::normalize).toList();
    }

    private void checkoutFolders(Platform platform, List<Candidate> candidates, List<String> report) {
        if (!platform.known()) {
            report.add("checkout folder native-libs/<os>-<arch>/ — unsupported platform " + platform.folderName());
            return;
        }
        Path relative = Path.of("native-libs", platform.folderName(), platform.libraryFileName());
        List<Path> found = new ArrayList<>();
        for (Path dir = host.workingDir(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(relative);
            if (host.isFile().test(file)) {
                found.add(file);
            }
        }
        if (found.isEmpty()) {
            report.add("checkout folder " + relative + " in " + host.workingDir() + " or any parent — no such file");
        }
        found.forEach(file -> candidates.add(new Candidate("checkout folder", file)));
    }

    private LibWaku open(Candidate candidate) {
        if (candidate.file() == null) {
            return opener.openByName(SYSTEM_LIBRARY_NAME);
        }
        if (!host.isFile().test(candidate.file())) {
            throw new CandidateMissing("no such file");
        }
        return opener.openFile(candidate.file());
    }

    private String systemPathDescription() {
        String jna = host.properties().apply("jna.library.path");
        String java = host.properties().apply("java.library.path");
        return "jna.library.path=" + (jna == null ? "" : jna) + ", java.library.path=" + (java == null ? "" : java);
    }

    /** JNA's messages can list the whole class path; the first two lines say what matters. */
    static String briefly(String message) {
        if (message == null) {
            return "";
        }
        String text = String.join(" ", message.lines().limit(2).map(String::strip).toList());
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static String describe(Candidate candidate) {
        return candidate.file() == null ? candidate.origin() : candidate.origin() + " " + candidate.file();
    }

    private String explain(List<String> report) {
        Platform platform = host.platform();
        StringBuilder text = new StringBuilder("libwaku (nwaku's C library, v0.36.x) was not found. Looked in:\n");
        for (int i = 0; i < report.size(); i++) {
            text.append("  ").append(i + 1).append(". ").append(report.get(i)).append('\n');
        }
        text.append("Build it from nwaku v0.36.x with `make libwaku`, then put ").append(platform.libraryFileName())
                .append(" in native-libs/").append(platform.folderName())
                .append("/ or point ").append(PATH_ENV).append(" at it. See native-libs/README.md.");
        return text.toString();
    }

    /** A candidate file that is not there; reported, not thrown to the caller. */
    private static final class CandidateMissing extends RuntimeException {
        CandidateMissing(String message) {
            super(message, null, false, false);
        }
    }
}
