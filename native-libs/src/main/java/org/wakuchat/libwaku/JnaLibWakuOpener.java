package org.wakuchat.libwaku;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Opens libwaku with JNA, privately: with {@code RTLD_LOCAL} its ~780 exported symbols (its own
 * SQLite, zlib…) cannot interpose on other native code in the process such as sqlite-jdbc; and
 * {@link SignalGuard} keeps its Nim runtime away from the JVM's signal handlers. It is never unmapped
 * ({@code RTLD_NODELETE}): JNA closes a library once nothing references it, but a Nim runtime cannot
 * be unloaded — a test suite's JVM died (SIGSEGV in a native thread, at an address where libwaku had
 * been mapped) after the last node of a test was freed and libwaku closed.
 */
final class JnaLibWakuOpener implements LibWakuLoader.Opener {

    private static final int RTLD_NOW = 0x2;
    private static final int RTLD_LOCAL_LINUX = 0x0;
    private static final int RTLD_LOCAL_MACOS = 0x4;
    private static final int RTLD_NODELETE_LINUX = 0x1000;
    private static final int RTLD_NODELETE_MACOS = 0x80;

    private final Map<String, Object> options;
    private final SignalGuard signalGuard;

    JnaLibWakuOpener(Platform platform) {
        this.options = options(platform);
        this.signalGuard = new SignalGuard(platform);
    }

    static Map<String, Object> options(Platform platform) {
        return switch (platform.os()) {
            case "linux" -> Map.of(Library.OPTION_OPEN_FLAGS, RTLD_NOW | RTLD_LOCAL_LINUX | RTLD_NODELETE_LINUX,
                    Library.OPTION_STRING_ENCODING, "UTF-8");
            case "macos" -> Map.of(Library.OPTION_OPEN_FLAGS, RTLD_NOW | RTLD_LOCAL_MACOS | RTLD_NODELETE_MACOS,
                    Library.OPTION_STRING_ENCODING, "UTF-8");
            default -> Map.of(Library.OPTION_STRING_ENCODING, "UTF-8");
        };
    }

    @Override
    public LibWaku openFile(Path file) {
        return open(file.toAbsolutePath().toString());
    }

    @Override
    public LibWaku openByName(String name) {
        return open(name);
    }

    private LibWaku open(String nameOrPath) {
        NativeLibrary library = NativeLibrary.getInstance(nameOrPath, options);
        requireFunctions(library);
        return signalGuard.protect(library, Native.load(nameOrPath, LibWaku.class, options));
    }

    private static void requireFunctions(NativeLibrary library) {
        List<String> missing = new ArrayList<>();
        for (String function : LibWaku.REQUIRED_FUNCTIONS) {
            try {
                library.getFunction(function);
            } catch (UnsatisfiedLinkError e) {
                missing.add(function);
            }
        }
        if (!missing.isEmpty()) {
            throw new UnsatisfiedLinkError(library.getFile() + " is not libwaku v0.36.x: it lacks " + String.join(", ", missing));
        }
    }
}
