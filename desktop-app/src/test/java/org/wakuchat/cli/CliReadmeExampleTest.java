package org.wakuchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.libwaku.LibWakuLoader;
import org.wakuchat.libwaku.LibWakuNotFound;

/**
 * The README's worked example ("Command-line client"), run as written: its shell blocks are read
 * from README.md and run by bash from the checkout's root, through the real launcher
 * {@code desktop-app/wakuchat-cli}, on the real libwaku. Only what cannot be literal changes: the
 * data folders are temporary, the ports free ones, {@code /path/to/libwaku.so} the library found,
 * and the {@code …} of an address the one its {@code listen} printed. Each block's commands run in
 * the shell of its terminal (a block that starts with variables opens one; otherwise it goes on in
 * the terminal whose variables it uses, or the last). A {@code listen} runs in the background as
 * in a script (input /dev/null) and is stopped — SIGTERM for the first, SIGINT (Ctrl-C) for the
 * next — before a command uses its data folder, and at the end; each must exit with 0. Every
 * {@code #   line} under a command is output it must print ({@code …}: anything), and each
 * "X's terminal shows `…`" of the text must appear in X's {@code listen}.
 *
 * <p>The launcher runs the module's own class path (WAKUCHAT_CLI_CLASSPATH), so nothing is built.
 */
@Tag("libwaku")
class CliReadmeExampleTest {

    private static final Logger LOG = LoggerFactory.getLogger(CliReadmeExampleTest.class);
    private static final String SECTION = "### Worked example: two accounts chatting on one machine";
    private static final Duration COMMAND_PATIENCE = Duration.ofSeconds(150);
    private static final Duration LISTEN_PATIENCE = Duration.ofSeconds(90);
    /** {@code name=value} or {@code export name=value} alone on its line, the value one word or quoted. */
    private static final Pattern ASSIGNMENT =
            Pattern.compile("(?:export )?([A-Za-z_][A-Za-z_0-9]*)=(\"[^\"]*\"|'[^']*'|[^\\s'\"$]+)");
    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z_][A-Za-z_0-9]*)");
    private static final Pattern DATA_DIR = Pattern.compile("--data-dir /tmp/(\\w+)");
    private static final Pattern ADDRESS = Pattern.compile("/ip4/\\S+/p2p/\\S+");
    private static final Pattern SHOWS = Pattern.compile("(\\w+)'s terminal shows `([^`]+)`");
    private static final int SIGINT = 2;

    @TempDir
    Path temp;
    private final List<Process> started = new ArrayList<>();

    /** One command of a block, continuation lines joined, with the output lines written under it. */
    record Command(String line, List<String> expected) {
        boolean listens() {
            return line.contains(" listen ");
        }
    }

    record Block(List<String> assignments, List<Command> commands) {
    }

    /** A terminal: its shell's variables so far, in order. */
    private static final class Terminal {
        final Map<String, String> variables = new LinkedHashMap<>();
    }

    private record Listener(String account, Process process, Path out, Path err) {
    }

    @AfterEach
    void killLeftovers() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void theWorkedExampleRunsAsWritten() throws Exception {
        Path root = CliLauncher.repositoryRoot();
        String readme = Files.readString(root.resolve("README.md"));
        Map<String, String> substitutions = substitutions(root);
        Map<String, String> env = environment();
        List<Block> blocks = blocks(section(readme));
        assertThat(blocks).as("the example's shell blocks").hasSizeGreaterThanOrEqualTo(2);

        List<Terminal> terminals = new ArrayList<>();
        Map<String, Listener> listening = new LinkedHashMap<>();
        List<Listener> stopped = new ArrayList<>();
        int step = 0;
        for (Block block : blocks) {
            Terminal terminal = terminalFor(block, terminals);
            block.assignments().forEach(line -> terminal.variables.put(name(line), substitute(line, substitutions)));
            List<Command> batch = new ArrayList<>();
            for (Command command : block.commands()) {
                Optional<String> account = account(command);
                if (account.isPresent() && listening.containsKey(account.get())) {
                    step = run(root, env, terminal, batch, substitutions, step);
                    batch.clear();
                    stopped.add(stop(listening.remove(account.get()), stopped.size()));
                }
                if (command.listens()) {
                    step = run(root, env, terminal, batch, substitutions, step);
                    batch.clear();
                    Listener listener = listen(root, env, terminal, command, account.orElseThrow(), substitutions, step++);
                    listening.put(listener.account(), listener);
                } else {
                    batch.add(command);
                }
            }
            step = run(root, env, terminal, batch, substitutions, step);
        }
        for (Listener listener : List.copyOf(listening.values())) {
            stopped.add(stop(listener, stopped.size()));
        }

        Matcher shows = SHOWS.matcher(section(readme));
        int checked = 0;
        while (shows.find()) {
            String account = shows.group(1).toLowerCase(java.util.Locale.ROOT);
            Listener listener = stopped.stream().filter(l -> l.account().equals(account)).findFirst().orElseThrow(
                    () -> new AssertionError("the README says " + account + "'s terminal shows something, but no listen ran for it"));
            assertThat(Files.readString(listener.out())).as(account + "'s listen output").contains(shows.group(2));
            checked++;
        }
        assertThat(checked).as("\"X's terminal shows `…`\" sentences").isGreaterThanOrEqualTo(2);
        Listener alice = stopped.stream().filter(l -> l.account().equals("alice")).findFirst().orElseThrow();
        assertThat(Files.readString(alice.out())).as("and that Bob is a new contact").contains("new contact: Bob");
    }

    /** Runs {@code commands} in one shell of {@code terminal}; each one's expected lines must show, in order. */
    private int run(Path root, Map<String, String> env, Terminal terminal, List<Command> commands,
                    Map<String, String> substitutions, int step) throws Exception {
        if (commands.isEmpty()) {
            return step;
        }
        StringBuilder script = new StringBuilder("set -e\n");
        commands.forEach(command -> script.append(substitute(command.line(), substitutions)).append('\n'));
        Path out = temp.resolve("step-" + step + ".out");
        Path err = temp.resolve("step-" + step + ".err");
        Process process = shell(root, env, terminal, script.toString(), out, err);
        boolean ended = process.waitFor(COMMAND_PATIENCE.toSeconds(), TimeUnit.SECONDS);
        String printed = Files.readString(out);
        assertThat(ended).as("step %d ended within %d s:\n%s\n%s", step, COMMAND_PATIENCE.toSeconds(), script, printed).isTrue();
        assertThat(process.exitValue()).as("step %d exit code:\n%s\nout:\n%s\nerr:\n%s", step, script, printed,
                Files.readString(err)).isZero();
        List<String> lines = printed.lines().toList();
        int from = 0;
        for (Command command : commands) {
            for (String expected : command.expected()) {
                Pattern wanted = expectedLine(substitute(expected, substitutions));
                int found = indexOf(lines, wanted, from);
                assertThat(found).as("`%s` prints a line like `%s`; it printed:\n%s", command.line(), expected, printed)
                        .isNotNegative();
                from = found + 1;
            }
        }
        LOG.info("README step {} ok: {}", step, script.toString().replace('\n', ';'));
        return step + 1;
    }

    /** Starts a listen as a script's background job does (input /dev/null) and waits for its expected lines. */
    private Listener listen(Path root, Map<String, String> env, Terminal terminal, Command command, String account,
                            Map<String, String> substitutions, int step) throws Exception {
        Path out = temp.resolve("listen-" + account + "-" + step + ".out");
        Path err = temp.resolve("listen-" + account + "-" + step + ".err");
        Process process = shell(root, env, terminal, substitute(command.line(), substitutions), out, err);
        Listener listener = new Listener(account, process, out, err);
        long deadline = System.nanoTime() + LISTEN_PATIENCE.toNanos();
        for (String expected : command.expected()) {
            String placeholder = substitute(expected, substitutions);
            Pattern wanted = expectedLine(placeholder);
            String line = null;
            while (line == null) {
                line = Files.readString(out).lines().filter(l -> wanted.matcher(l).matches()).findFirst().orElse(null);
                if (line == null) {
                    assertThat(process.isAlive()).as("%s's listen runs; it printed:\n%s\n%s", account,
                            Files.readString(out), Files.readString(err)).isTrue();
                    assertThat(System.nanoTime()).as("%s's listen printed `%s` within %d s:\n%s", account, expected,
                            LISTEN_PATIENCE.toSeconds(), Files.readString(out)).isLessThan(deadline);
                    Thread.sleep(100);
                }
            }
            // An address with "…" in the README is the one this listen printed, for the commands after it.
            Matcher shown = ADDRESS.matcher(placeholder);
            Matcher actual = ADDRESS.matcher(line);
            if (shown.find() && actual.find()) {
                substitutions.put(shown.group(), actual.group());
            }
        }
        LOG.info("README step {}: {}'s listen runs", step, account);
        return listener;
    }

    /**
     * Stops a listen, SIGTERM (as a script's {@code kill}) first and then SIGINT (Ctrl-C); it must
     * exit with 0. The signal goes to the client: the shell's child (the launcher, which execs
     * java), or the shell itself where it exec'd its last command; the shell exits with the client's code.
     */
    private Listener stop(Listener listener, int index) throws Exception {
        boolean interrupt = index % 2 == 1 && !sigintIgnored();
        // bash may exec the last command of its script itself (bash 5.1+): then it is the client.
        ProcessHandle client = listener.process().children().findFirst().orElse(listener.process().toHandle());
        if (interrupt) {
            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(client.pid())).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } else {
            assertThat(client.destroy()).as("SIGTERM sent").isTrue();
        }
        boolean ended = listener.process().waitFor(LISTEN_PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(ended).as("%s's listen ended after %s", listener.account(), interrupt ? "SIGINT" : "SIGTERM").isTrue();
        assertThat(listener.process().exitValue()).as("%s's listen exit code after %s; stderr:\n%s", listener.account(),
                interrupt ? "SIGINT" : "SIGTERM", Files.readString(listener.err())).isZero();
        LOG.info("{}'s listen stopped by {} with exit code 0", listener.account(), interrupt ? "SIGINT" : "SIGTERM");
        return listener;
    }

    private Process shell(Path root, Map<String, String> env, Terminal terminal, String script, Path out, Path err)
            throws IOException {
        StringBuilder full = new StringBuilder();
        terminal.variables.values().forEach(line -> full.append(line).append('\n'));
        full.append(script);
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", full.toString()).directory(root.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    // --- reading the README ---

    static String section(String readme) {
        int start = readme.indexOf(SECTION);
        assertThat(start).as("README has \"" + SECTION + "\"").isNotNegative();
        int end = readme.indexOf("\n## ", start);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    static List<Block> blocks(String section) {
        List<Block> blocks = new ArrayList<>();
        String[] parts = section.split("```", -1);
        for (int i = 1; i < parts.length; i += 2) {
            List<String> assignments = new ArrayList<>();
            List<Command> commands = new ArrayList<>();
            for (String line : joinContinuations(parts[i].lines().toList())) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith("#")) {
                    String expected = line.replaceFirst("^#\\s*", "");
                    if (!commands.isEmpty() && !expected.isBlank()) {
                        commands.getLast().expected().add(expected);
                    }
                } else if (ASSIGNMENT.matcher(line).matches() && commands.isEmpty()) {
                    assignments.add(line);
                } else {
                    commands.add(new Command(line, new ArrayList<>()));
                }
            }
            blocks.add(new Block(assignments, commands));
        }
        return blocks;
    }

    private static List<String> joinContinuations(List<String> lines) {
        List<String> joined = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                joined.add(current.append(line).toString().replaceAll("\\s+", " ").strip());
                current.setLength(0);
            }
        }
        return joined;
    }

    /** A block that sets variables opens a terminal; otherwise it goes on where its variables are set, or in the last. */
    private static Terminal terminalFor(Block block, List<Terminal> terminals) {
        if (!block.assignments().isEmpty() || terminals.isEmpty()) {
            terminals.add(new Terminal());
            return terminals.getLast();
        }
        List<String> used = block.commands().stream()
                .flatMap(command -> VARIABLE.matcher(command.line()).results().map(r -> r.group(1))).toList();
        for (Terminal terminal : terminals.reversed()) {
            if (!used.isEmpty() && terminal.variables.keySet().containsAll(used)) {
                return terminal;
            }
        }
        return terminals.getLast();
    }

    private static String name(String assignment) {
        Matcher matcher = ASSIGNMENT.matcher(assignment);
        assertThat(matcher.matches()).isTrue();
        return matcher.group(1);
    }

    private static Optional<String> account(Command command) {
        Matcher matcher = DATA_DIR.matcher(command.line());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /**
     * An expected output line: literal, except that {@code …} (with the hex digits before it, an
     * example id) stands for anything, and a space before it may be missing.
     */
    static Pattern expectedLine(String expected) {
        String[] pieces = expected.strip().split("[0-9a-f]*…", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pieces.length; i++) {
            boolean last = i == pieces.length - 1;
            String literal = last ? pieces[i] : pieces[i].stripTrailing();
            regex.append(Pattern.quote(literal));
            if (!last) {
                regex.append("\\s*.*");
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static int indexOf(List<String> lines, Pattern wanted, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (wanted.matcher(lines.get(i)).matches()) {
                return i;
            }
        }
        return -1;
    }

    private static String substitute(String text, Map<String, String> substitutions) {
        String result = text;
        for (Map.Entry<String, String> entry : substitutions.entrySet()) {
            result = result.replace(entry.getKey(), entry.getValue());
        }
        return result;
    }

    // --- this machine ---

    private Map<String, String> substitutions(Path root) throws Exception {
        try {
            LibWakuLoader.forThisMachine().load();
        } catch (LibWakuNotFound e) {
            Assumptions.abort("libwaku tests skipped: " + e.getMessage());
        }
        CliLauncher.requirePosixShell();
        Assumptions.assumeTrue(commandWorks("jq", "--version"), "the README's example needs jq, which is not installed");
        Assumptions.assumeTrue(commandWorks("bash", "--version"), "the README's example is a bash session; no bash here");
        Path library = libwakuFile(root).orElse(null);
        Assumptions.assumeTrue(library != null,
                "libwaku loads here, but its file is not known: set WAKUCHAT_LIBWAKU for the example's export line");
        int alicePort = freePort();
        int bobPort = freePort();
        while (bobPort == alicePort) {
            bobPort = freePort();
        }
        Map<String, String> substitutions = new LinkedHashMap<>();
        // Ports first: a folder's random name might contain "60001".
        substitutions.put("60001", String.valueOf(alicePort));
        substitutions.put("60002", String.valueOf(bobPort));
        substitutions.put("/path/to/libwaku.so", library.toString());
        substitutions.put("/tmp/alice", temp.resolve("alice").toString());
        substitutions.put("/tmp/bob", temp.resolve("bob").toString());
        return substitutions;
    }

    private static Optional<Path> libwakuFile(Path root) throws IOException {
        for (String explicit : new String[] {System.getProperty(LibWakuLoader.PATH_PROPERTY), System.getenv(LibWakuLoader.PATH_ENV)}) {
            if (explicit != null && !explicit.isBlank()) {
                return Optional.of(Path.of(explicit.strip()).toAbsolutePath());
            }
        }
        try (Stream<Path> found = Files.find(root.resolve("native-libs"), 2,
                (path, attributes) -> path.getFileName().toString().matches("libwaku\\.(so|dylib)|libwaku\\.dll"))) {
            return found.findFirst().map(Path::toAbsolutePath);
        }
    }

    /** The launcher's environment; the example's export line sets WAKUCHAT_LIBWAKU itself. */
    private static Map<String, String> environment() {
        Map<String, String> env = CliLauncher.environment();
        env.remove(LibWakuLoader.PATH_ENV);
        return env;
    }

    private static boolean commandWorks(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Whether this JVM was started with SIGINT ignored (as a script's background job is): its
     * children then ignore it too, and only SIGTERM can stop them. Linux tells; elsewhere assume not.
     */
    private static boolean sigintIgnored() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("SigIgn:")) {
                    long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16);
                    boolean ignored = (mask & (1L << (SIGINT - 1))) != 0;
                    if (ignored) {
                        LOG.warn("SIGINT is ignored in this JVM, so the example's second listen is stopped by SIGTERM too");
                    }
                    return ignored;
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // no /proc
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
