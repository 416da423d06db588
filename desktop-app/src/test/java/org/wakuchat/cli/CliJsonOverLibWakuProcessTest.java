package org.wakuchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.libwaku.LibWakuLoader;
import org.wakuchat.libwaku.LibWakuNotFound;

/**
 * {@code --json} from a real process on a real nwaku node: nwaku writes raw lines to the
 * process's standard output (its configuration warnings and {@code bSubscribeShards: …}, whatever
 * its log level), and none of them may reach the client's standard output. With
 * {@code --node-log-level} they go to standard error instead, which shows they were there.
 */
@Tag("libwaku")
class CliJsonOverLibWakuProcessTest {

    /** A raw echo of nwaku v0.36's configuration builder, printed at every node creation. */
    private static final String NWAKU_ECHO = "bSubscribeShards";

    @TempDir
    Path temp;
    private final List<Process> started = new ArrayList<>();
    private Map<String, String> env;

    @BeforeEach
    void requireLibWaku() throws Exception {
        try {
            LibWakuLoader.forThisMachine().load();
        } catch (LibWakuNotFound e) {
            Assumptions.abort("libwaku tests skipped: " + e.getMessage());
        }
        CliLauncher.requirePosixShell();
        env = CliLauncher.environment();
        env.put(CliEnvironment.PASSPHRASE_VARIABLE, "json pass");
        Run init = run("init", "--data-dir", temp.resolve("a").toString(), "--name", "A", "--json");
        assertThat(init.code()).as(init.err()).isZero();
    }

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void nwakusOwnLinesNeverReachStandardOutput() throws Exception {
        Run quiet = status();
        Run logged = status("--node-log-level", "WARN");

        for (Run run : List.of(quiet, logged)) {
            assertThat(run.code()).as(run.err()).isZero();
            List<JsonNode> lines = run.out().lines().map(CliHarness::parse).toList();
            assertThat(lines).extracting(line -> line.get("type").asText()).containsExactly("status");
            assertThat(lines.getFirst().get("listenAddress").asText()).startsWith("/ip4/127.0.0.1/tcp/");
        }
        assertThat(quiet.err()).doesNotContain(NWAKU_ECHO);
        assertThat(logged.err()).as("nwaku's lines, on standard error when asked for").contains(NWAKU_ECHO);
    }

    private Run status(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("status", "--data-dir", temp.resolve("a").toString(), "--json",
                "--preset", "private", "--listen-address", "127.0.0.1", "--tcp-port", "0", "--timeout", "5"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(CliLauncher.script().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(CliLauncher.repositoryRoot().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s ended", String.join(" ", args)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
