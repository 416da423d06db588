package org.wakuchat.cli;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.wakuchat.libwaku.SizeT;

/**
 * The process's standard streams at the file-descriptor level (Linux, macOS), for what Java
 * cannot do itself: tell whether standard input is a terminal, and keep native code off the
 * CLI's standard output. nwaku writes its log lines and some raw {@code echo}s (such as
 * {@code bSubscribeShards: some(@[0, 1, …])}) to file descriptor 1, some of them whatever its log
 * level; with {@code --json} they would break the one-object-a-line output. So the CLI writes to
 * a duplicate of the original standard output, and descriptor 1 itself points elsewhere:
 * {@code /dev/null}, or standard error when nwaku's log was asked for.
 */
final class NativeStdio {

    private static final int STDOUT = 1;
    private static final int STDERR = 2;
    private static final int O_WRONLY = 1;
    private static final int EINTR = 4;

    /** The C library functions used; the same numbers and flags on Linux and macOS. */
    interface CLib extends Library {
        int isatty(int fd);

        int dup(int fd);

        int dup2(int from, int to);

        int open(String path, int flags);

        int close(int fd);

        SizeT write(int fd, byte[] buffer, SizeT count);
    }

    private final CLib libc;

    private NativeStdio(CLib libc) {
        this.libc = libc;
    }

    /** The C library of this POSIX system; empty on Windows or where it cannot be loaded. */
    static Optional<NativeStdio> posix() {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new NativeStdio(Native.load("c", CLib.class)));
        } catch (UnsatisfiedLinkError e) {
            return Optional.empty();
        }
    }

    boolean stdinIsTerminal() {
        return libc.isatty(0) == 1;
    }

    /**
     * Takes standard output for the CLI: returns a stream to it (UTF-8, flushed each line) and
     * points descriptor 1 at {@code /dev/null}, so what native code writes there is dropped.
     * Empty, changing nothing, if a descriptor cannot be duplicated.
     */
    Optional<PrintStream> takeStdout() {
        int ours = libc.dup(STDOUT);
        if (ours < 0) {
            return Optional.empty();
        }
        int devNull = libc.open("/dev/null", O_WRONLY);
        if (devNull < 0 || libc.dup2(devNull, STDOUT) < 0) {
            libc.close(ours);
            return Optional.empty();
        }
        libc.close(devNull);
        return Optional.of(new PrintStream(new BufferedOutputStream(new FdOutputStream(libc, ours)), true,
                StandardCharsets.UTF_8));
    }

    /** From now on what native code writes to standard output goes to standard error (nwaku's log, when asked for). */
    void nativeStdoutToStderr() {
        libc.dup2(STDERR, STDOUT);
    }

    /** Writes straight to a file descriptor, keeping its file offset and flags (append, pipe) as the shell set them. */
    private static final class FdOutputStream extends OutputStream {

        private final CLib libc;
        private final int fd;

        FdOutputStream(CLib libc, int fd) {
            this.libc = libc;
            this.fd = fd;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            int done = 0;
            while (done < length) {
                byte[] rest = offset + done == 0 ? bytes : Arrays.copyOfRange(bytes, offset + done, offset + length);
                long written = libc.write(fd, rest, new SizeT(length - done)).longValue();
                if (written < 0) {
                    if (Native.getLastError() == EINTR) {
                        continue;
                    }
                    throw new IOException("cannot write to standard output (errno " + Native.getLastError() + ")");
                }
                done += (int) written;
            }
        }
    }
}
