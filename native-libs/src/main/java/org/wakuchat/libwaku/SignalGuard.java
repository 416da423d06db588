package org.wakuchat.libwaku;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps libwaku from taking the JVM's signal handlers.
 *
 * <p>libwaku's Nim runtime installs its own handlers with {@code signal()} when it starts (in
 * {@code NimMain}, run by the first {@code waku_new}): SIGSEGV, SIGFPE, SIGILL, SIGABRT and
 * SIGINT get a handler that prints a Nim stack trace and kills the process, SIGPIPE is ignored.
 * HotSpot takes SIGSEGV on purpose all the time (safepoint polls and implicit null checks in
 * compiled code), so from then on an ordinary GC can end the JVM with exit code 139.
 *
 * <p>Two layers, neither needing {@code LD_PRELOAD=libjsig.so}:
 * <ol>
 *   <li>On Linux, before any libwaku code runs, the library's GOT slots for {@code signal},
 *   {@code sigaction} and their aliases are pointed at functions that change nothing and report
 *   the current disposition: the Nim runtime never replaces a handler, not even for an instant.
 *   <li>Everywhere else, and as a check behind the first layer, every signal's disposition is
 *   recorded before the first libwaku call and put back (with a warning) after each lifecycle
 *   call that changed it. This leaves a window of a few milliseconds during the first
 *   {@code waku_new}, which is why the first layer exists.
 * </ol>
 * A crash inside libwaku itself then reaches the JVM's handler, which writes an {@code hs_err}
 * report instead of Nim's one-line message.
 */
final class SignalGuard {

    /** Off only for the test that shows what happens without it. */
    static final String DISABLE_PROPERTY = "wakuchat.libwaku.unguardedSignals";

    private static final Logger LOG = LoggerFactory.getLogger(SignalGuard.class);
    private static final Set<String> SIGNAL_FUNCTIONS = Set.of("signal", "bsd_signal", "sysv_signal", "__sysv_signal");
    private static final String SIGACTION = "sigaction";
    private static final int HIGHEST_STANDARD_SIGNAL = 31;
    /** Larger than {@code struct sigaction} on every supported platform (152 bytes on glibc, 16 on macOS). */
    private static final int SIGACTION_BUFFER = 256;
    private static final Set<String> LIFECYCLE_CALLS = Set.of("waku_new", "waku_start", "waku_stop", "waku_destroy");
    private static final int PROT_READ = 1;
    private static final int PROT_WRITE = 2;
    private static final int SC_PAGESIZE_LINUX = 30;

    /** The C library functions the guard uses. */
    interface LibC extends Library {
        int sigaction(int signal, Pointer action, Pointer oldAction);

        int mprotect(Pointer address, SizeT length, int protection);

        long sysconf(int name);
    }

    interface SignalFunction extends Callback {
        Pointer invoke(int signal, Pointer handler);
    }

    interface SigactionFunction extends Callback {
        int invoke(int signal, Pointer action, Pointer oldAction);
    }

    /**
     * The stand-ins libwaku calls instead of libc's. They live as long as the process does, because
     * the patched slots do; signal dispositions are process-wide, so one pair serves every load.
     */
    private static final class StandIns {
        static final LibC LIBC = Native.load("c", LibC.class);
        static final SignalFunction SIGNAL = (signal, handler) -> {
            LOG.debug("libwaku asked for signal {}; the JVM keeps its handler", signal);
            return currentHandler(signal);
        };
        static final SigactionFunction SIGACTION = (signal, action, oldAction) -> {
            if (oldAction != null) {
                LIBC.sigaction(signal, null, oldAction);
            }
            if (action != null) {
                LOG.debug("libwaku asked for signal {}; the JVM keeps its handler", signal);
            }
            return 0;
        };

        private static Pointer currentHandler(int signal) {
            Memory current = new Memory(SIGACTION_BUFFER);
            current.clear();
            return LIBC.sigaction(signal, null, current) == 0 ? current.getPointer(0) : Pointer.NULL;
        }
    }

    private final Platform platform;

    SignalGuard(Platform platform) {
        this.platform = platform;
    }

    static boolean disabled() {
        return Boolean.getBoolean(DISABLE_PROPERTY);
    }

    /**
     * Protects the JVM from the library just opened (before any of its functions has run) and
     * returns {@code lib} wrapped so that lifecycle calls restore any disposition it changed.
     */
    LibWaku protect(NativeLibrary library, LibWaku lib) {
        if (disabled() || platform.os().equals("windows")) {
            return lib;
        }
        if (platform.os().equals("linux")) {
            patchImports(library);
        }
        Dispositions before = Dispositions.record(StandIns.LIBC);
        InvocationHandler restoring = (proxy, method, args) -> {
            try {
                return method.invoke(lib, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                if (LIFECYCLE_CALLS.contains(method.getName())) {
                    before.restoreChanged(StandIns.LIBC, method.getName());
                }
            }
        };
        return (LibWaku) Proxy.newProxyInstance(LibWaku.class.getClassLoader(), new Class<?>[] {LibWaku.class}, restoring);
    }

    /** Points the library's signal-function slots at the stand-ins; returns how many were patched. */
    int patchImports(NativeLibrary library) {
        Set<String> names = new java.util.HashSet<>(SIGNAL_FUNCTIONS);
        names.add(SIGACTION);
        Optional<ElfImports> imports;
        try {
            imports = ElfImports.read(library.getFile().toPath(), names, "waku_new");
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not read {} to keep its signal handlers out ({}); restoring them after each call instead",
                    library.getFile(), e.toString());
            return 0;
        }
        if (imports.isEmpty()) {
            LOG.warn("{} is not an ELF file this guard understands; restoring signal handlers after each call instead",
                    library.getFile());
            return 0;
        }
        long base = Pointer.nativeValue(library.getFunction("waku_new")) - imports.get().anchorValue();
        int patched = 0;
        for (ElfImports.Slot slot : imports.get().slots()) {
            if (patch(library.getFile().toPath(), base, slot, imports.get().relro())) {
                patched++;
            }
        }
        LOG.debug("{} of {} signal-function imports of libwaku point at the JVM-safe stand-ins", patched,
                imports.get().slots().size());
        return patched;
    }

    private static boolean patch(Path file, long base, ElfImports.Slot slot, List<ElfImports.Range> relro) {
        Callback standIn = slot.symbol().equals(SIGACTION) ? StandIns.SIGACTION : StandIns.SIGNAL;
        long standInAddress = Pointer.nativeValue(CallbackReference.getFunctionPointer(standIn));
        Pointer slotPointer = new Pointer(base + slot.offset());
        long current = slotPointer.getLong(0);
        if (current == standInAddress) {
            return true;
        }
        if (!resolvesTo(current, slot.symbol())) {
            LOG.warn("{}: the slot for {} holds {} which is not that function; left alone", file, slot.symbol(),
                    Long.toHexString(current));
            return false;
        }
        boolean readOnly = relro.stream().anyMatch(range -> range.contains(slot.offset()));
        long pageSize = StandIns.LIBC.sysconf(SC_PAGESIZE_LINUX);
        Pointer page = new Pointer((base + slot.offset()) & -pageSize);
        if (readOnly && StandIns.LIBC.mprotect(page, new SizeT(pageSize), PROT_READ | PROT_WRITE) != 0) {
            LOG.warn("{}: could not make the slot for {} writable; left alone", file, slot.symbol());
            return false;
        }
        slotPointer.setLong(0, standInAddress);
        if (readOnly) {
            StandIns.LIBC.mprotect(page, new SizeT(pageSize), PROT_READ);
        }
        return true;
    }

    /** The slot must hold the function as the process or libc resolves it (libjsig, when preloaded, or libc). */
    private static boolean resolvesTo(long address, String symbol) {
        for (NativeLibrary candidate : List.of(NativeLibrary.getProcess(), NativeLibrary.getInstance("c"))) {
            try {
                if (Pointer.nativeValue(candidate.getFunction(symbol)) == address) {
                    return true;
                }
            } catch (UnsatisfiedLinkError e) {
                // not defined there; try the next
            }
        }
        return false;
    }

    /** Every standard signal's {@code struct sigaction}, as raw bytes. */
    record Dispositions(List<byte[]> actions) {

        static Dispositions record(LibC libc) {
            List<byte[]> actions = new ArrayList<>();
            for (int signal = 1; signal <= HIGHEST_STANDARD_SIGNAL; signal++) {
                actions.add(read(libc, signal));
            }
            return new Dispositions(actions);
        }

        /** Puts back every disposition that differs from the recorded one; returns the signals restored. */
        List<Integer> restoreChanged(LibC libc, String after) {
            List<Integer> restored = new ArrayList<>();
            for (int signal = 1; signal <= HIGHEST_STANDARD_SIGNAL; signal++) {
                byte[] recorded = actions.get(signal - 1);
                if (recorded != null && !sameHandler(recorded, read(libc, signal))) {
                    Memory action = new Memory(SIGACTION_BUFFER);
                    action.write(0, recorded, 0, recorded.length);
                    libc.sigaction(signal, action, null);
                    restored.add(signal);
                }
            }
            if (!restored.isEmpty()) {
                LOG.warn("libwaku replaced the JVM's handlers of signals {} during {}; put them back", restored, after);
            }
            return restored;
        }

        /**
         * Compares the handler pointer (the first field on Linux and macOS) only: glibc fills just
         * the first 8 of {@code sa_mask}'s 128 bytes and leaves the rest as it found them.
         */
        private static boolean sameHandler(byte[] recorded, byte[] current) {
            return current != null && Arrays.equals(recorded, 0, Long.BYTES, current, 0, Long.BYTES);
        }

        private static byte[] read(LibC libc, int signal) {
            Memory action = new Memory(SIGACTION_BUFFER);
            action.clear();
            return libc.sigaction(signal, null, action) == 0 ? action.getByteArray(0, SIGACTION_BUFFER) : null;
        }
    }
}
