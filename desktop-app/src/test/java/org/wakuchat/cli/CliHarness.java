package org.wakuchat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.wakuchat.core.store.KdfParams;
import org.wakuchat.core.time.Scheduler;

/**
 * Runs CLI command lines in this JVM with captured output, as separate processes would. Public for
 * the desktop app's tests that chat with a CLI.
 */
public final class CliHarness {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeFactory nodes;
    private final Scheduler scheduler;
    private final Path root;

    public CliHarness(NodeFactory nodes, Scheduler scheduler, Path root) {
        this.nodes = nodes;
        this.scheduler = scheduler;
        this.root = root;
    }

    /** The result of one run: exit code and what it printed. */
    public record Result(int code, String out, String err) {

        public List<JsonNode> json() {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : out.lines().filter(l -> !l.isBlank()).toList()) {
                lines.add(parse(line));
            }
            return lines;
        }

        public JsonNode jsonLine() {
            List<JsonNode> lines = json();
            if (lines.size() != 1) {
                throw new AssertionError("expected one JSON line, got: " + out);
            }
            return lines.getFirst();
        }

        JsonNode errorJson() {
            return parse(err.strip());
        }
    }

    public static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    Path dataDir(String account) {
        return root.resolve(account);
    }

    /** Runs {@code args} for {@code account}'s data folder with its passphrase in the environment. */
    public Result as(String account, String... args) {
        return run(Map.of(CliEnvironment.PASSPHRASE_VARIABLE, passphrase(account)), new ByteArrayInputStream(new byte[0]),
                withDataDir(account, args));
    }

    /**
     * Runs {@code args} for {@code account} as {@link #as(String, String...)} does, reading {@code stdin}
     * and writing standard output into {@code out} as it goes (for a long-running {@code listen}).
     */
    public Result as(String account, InputStream stdin, ByteArrayOutputStream out, String... args) {
        return run(Map.of(CliEnvironment.PASSPHRASE_VARIABLE, passphrase(account)), stdin, out, new ByteArrayOutputStream(),
                withDataDir(account, args));
    }

    /** Runs with a given environment and standard input; no --data-dir is added. */
    Result run(Map<String, String> env, InputStream stdin, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        return run(env, stdin, out, err, args);
    }

    Result run(Map<String, String> env, InputStream stdin, ByteArrayOutputStream out, ByteArrayOutputStream err,
               String... args) {
        return run(env, stdin, out, err, new StopSignal(), args);
    }

    /** Runs with {@code stop} standing for the process interrupt (Ctrl-C). */
    Result run(Map<String, String> env, InputStream stdin, ByteArrayOutputStream out, ByteArrayOutputStream err,
               StopSignal stop, String... args) {
        return run(env, stdin, false, out, err, stop, args);
    }

    /** Runs with standard input that is a terminal ({@code terminal}) or not. */
    Result run(Map<String, String> env, InputStream stdin, boolean terminal, ByteArrayOutputStream out,
               ByteArrayOutputStream err, StopSignal stop, String... args) {
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("WAKUCHAT_DATA_DIR", root.resolve("default").toString());
        CliEnvironment cli = new CliEnvironment(nodes, scheduler, KdfParams.FAST_FOR_TESTS, environment,
                new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)), terminal, Optional.empty(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), stop);
        int code = WakuChatCli.run(cli, args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    String[] withDataDir(String account, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(1, "--data-dir");
        all.add(2, dataDir(account).toString());
        return all.toArray(String[]::new);
    }

    static String passphrase(String account) {
        return "passphrase of " + account;
    }
}
