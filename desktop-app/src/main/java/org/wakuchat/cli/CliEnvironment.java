package org.wakuchat.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.wakuchat.core.store.DataDirectory;
import org.wakuchat.core.store.KdfParams;
import org.wakuchat.core.time.Scheduler;
import org.wakuchat.core.time.SystemScheduler;
import org.wakuchat.core.transport.LibWakuNode;

/**
 * What the CLI takes from its process, injectable so tests run several CLIs in one JVM.
 *
 * @param nodes     makes the Waku node for commands that use the network
 * @param scheduler the engine's clock and timers
 * @param kdf       passphrase key derivation cost for new accounts (lower only in tests)
 * @param env       environment variables ({@code WAKUCHAT_PASSPHRASE}, {@code WAKUCHAT_DATA_DIR}, …)
 * @param stdin     standard input: the passphrase line, and {@code listen --commands}
 * @param stdinTerminal whether standard input is a terminal: its end (Ctrl-D) then stops {@code listen}
 * @param console   the terminal, when there is one: passphrases are then read without echo
 * @param stop      the process interrupt, for {@code listen}
 */
public record CliEnvironment(NodeFactory nodes, Scheduler scheduler, KdfParams kdf, Map<String, String> env,
                             BufferedReader stdin, boolean stdinTerminal, Optional<Console> console, PrintStream out, PrintStream err,
                             StopSignal stop) {

    public static final String PASSPHRASE_VARIABLE = "WAKUCHAT_PASSPHRASE";
    public static final String RLN_PASSWORD_VARIABLE = "WAKUCHAT_RLN_PASSWORD";

    public CliEnvironment {
        Objects.requireNonNull(nodes, "nodes");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(kdf, "kdf");
        env = Map.copyOf(env);
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(stop, "stop");
    }

    /**
     * This process: libwaku, the wall clock, real standard streams (UTF-8), the terminal if any.
     * Where the C library is at hand, the CLI's standard output is a duplicate of the process's,
     * and native code's (nwaku's log and echoes) goes to /dev/null, or to standard error for a
     * node whose log level was raised ({@code --node-log-level}).
     */
    public static CliEnvironment system(StopSignal stop) {
        Console console = System.console();
        Optional<NativeStdio> stdio = NativeStdio.posix();
        PrintStream out = stdio.flatMap(NativeStdio::takeStdout)
                .orElseGet(() -> utf8(new FileOutputStream(FileDescriptor.out)));
        boolean terminal = stdio.map(NativeStdio::stdinIsTerminal)
                .orElseGet(() -> console != null && console.isTerminal());
        NodeFactory nodes = config -> {
            if (!config.logLevel().equals(NetworkOptions.QUIET_NODE_LOG)) {
                stdio.ifPresent(NativeStdio::nativeStdoutToStderr);
            }
            return new LibWakuNode(config);
        };
        return new CliEnvironment(nodes, new SystemScheduler(), KdfParams.DEFAULT, System.getenv(),
                reader(System.in), terminal, Optional.ofNullable(console).filter(Console::isTerminal),
                out, utf8(new FileOutputStream(FileDescriptor.err)), stop);
    }

    /** For tests and embedding: no terminal, streams given. */
    public static CliEnvironment of(NodeFactory nodes, Scheduler scheduler, KdfParams kdf, Map<String, String> env,
                                    InputStream stdin, PrintStream out, PrintStream err) {
        return new CliEnvironment(nodes, scheduler, kdf, env, reader(stdin), false, Optional.empty(), out, err, new StopSignal());
    }

    /** The app's data folder, as the desktop app finds it ({@code WAKUCHAT_DATA_DIR} overrides it). */
    Path defaultDataDir() {
        return DataDirectory.resolve(Optional.empty(), env, System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home")));
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static PrintStream utf8(FileOutputStream stream) {
        return new PrintStream(stream, true, StandardCharsets.UTF_8);
    }
}
