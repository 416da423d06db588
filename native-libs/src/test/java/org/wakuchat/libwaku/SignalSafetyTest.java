package org.wakuchat.libwaku;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A JVM that has started a real nwaku node survives what HotSpot does every day: GCs while
 * compiled loops run (safepoint polls fault on purpose) and null checks in compiled code. Runs in
 * child JVMs without {@code LD_PRELOAD}, so that a crash is a failed assertion, not a dead fork;
 * a control run with the guard off shows the probe does reach the crash it guards against.
 */
@Tag("libwaku")
class SignalSafetyTest {

    @Test
    void aJvmRunningANodeSurvivesGcsAndNullChecksInCompiledCode() throws Exception {
        RealLibWakuSmokeTest.realLibWakuOrSkip();
        Run run = probe(false, 8);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("segv_handler_unchanged=true").contains("survived gcs=")
                .doesNotContain("SIGSEGV: Illegal storage access");
        long gcs = Long.parseLong(run.output().replaceAll("(?s).*survived gcs=(\\d+).*", "$1"));
        long nullChecks = Long.parseLong(run.output().replaceAll("(?s).*null_checks=(\\d+).*", "$1"));
        assertThat(gcs).isGreaterThan(100);
        assertThat(nullChecks).isGreaterThan(1000);
    }

    @Test
    void withoutTheGuardTheSameProbeDiesOfNimsSignalHandler() throws Exception {
        RealLibWakuSmokeTest.realLibWakuOrSkip();
        Run run = probe(true, 8);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(128 + 11); // killed by SIGSEGV
        assertThat(run.output()).contains("segv_handler_unchanged=false").doesNotContain("survived gcs=");
    }

    record Run(int exitCode, String output) {
    }

    private static Run probe(boolean unguarded, int seconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx64m",
                "-D" + SignalGuard.DISABLE_PROPERTY + "=" + unguarded,
                "-cp", System.getProperty("java.class.path"),
                SignalSafetyProbe.class.getName(), Integer.toString(seconds)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("LD_PRELOAD");
        Process process = builder.start();
        byte[] output;
        try (var in = process.getInputStream()) {
            output = in.readAllBytes(); // ends when the child does; its own loop is bounded
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("probe did not end");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        return new Run(process.exitValue(), text.length() > 20_000 ? text.substring(text.length() - 20_000) : text);
    }
}
