package org.wakuchat.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.engine.LocalAccounts;
import org.wakuchat.core.simulator.SimulatedNetwork;
import org.wakuchat.core.time.VirtualScheduler;

/**
 * Kills a process running Alice and Bob with SIGKILL at random moments, again and again, then
 * checks that every message whose {@code sendText} had returned is delivered and shown once, and
 * that both databases still open. Prints {@code key=value} figures.
 */
@Tag("slow")
class CrashTest {

    private static final int KILLS = 22;
    private static final Duration READY_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    @Test
    void messagesWhoseSendReturnedSurviveRepeatedKillsAndArriveExactlyOnce() throws Exception {
        long seed = System.nanoTime();
        var random = new Random(seed);
        Path log = folder.resolve("sent.log");
        long wallStart = System.nanoTime();
        Child setup = Child.launch("setup", folder, log);
        assertThat(setup.process.waitFor(2, TimeUnit.MINUTES)).as("setup finished: %s", setup.output).isTrue();
        assertThat(setup.process.exitValue()).as("setup: %s", setup.output).isZero();

        int killedWhileSending = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            killedWhileSending += killAtRandomPoint(random, log) ? 1 : 0;
        }

        Child settle = Child.launch("settle", folder, log);
        boolean settled = settle.process.waitFor(3, TimeUnit.MINUTES) && settle.process.exitValue() == 0;
        settle.process.destroyForcibly().waitFor();
        CrashLog.Verdict verdict = verifyDatabases(log);
        System.out.printf("crash_kills=%d%nkills_while_sending=%d%nlogged=%d%ndelivered=%d%nreceived=%d%n"
                        + "duplicates_shown=%d%nsettled=%s%nseed=%d%nwall_s=%.1f%n", KILLS, killedWhileSending,
                verdict.logged(), verdict.delivered(), verdict.received(), verdict.duplicates(), settled, seed,
                (System.nanoTime() - wallStart) / 1e9);

        assertThat(verdict.problems()).as("messages not delivered exactly once").isEmpty();
        assertThat(settled).as("settle run: %s", settle.output).isTrue();
        assertThat(killedWhileSending).as("kills that hit a process while it was sending").isGreaterThanOrEqualTo(KILLS / 2);
        assertThat(verdict.logged()).as("messages sent between kills").isGreaterThan(KILLS);
    }

    /** One run of the child, killed either while it starts (1 in 5) or while it sends; returns whether it was sending. */
    private boolean killAtRandomPoint(Random random, Path log) throws Exception {
        Child child = Child.launch("run", folder, log);
        boolean sending;
        if (random.nextInt(5) == 0) {
            Thread.sleep(random.nextInt(1500));
            sending = child.ready();
        } else {
            assertThat(child.awaitReady(READY_LIMIT)).as("child got ready: %s", child.output).isTrue();
            Thread.sleep(100 + random.nextInt(1400));
            sending = true;
        }
        assertThat(child.process.isAlive()).as("child still running before the kill: %s", child.output).isTrue();
        child.process.destroyForcibly();
        assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return sending;
    }

    /** Opens both accounts in this JVM (which also checks each database's integrity) and compares with the log. */
    private CrashLog.Verdict verifyDatabases(Path log) throws IOException {
        var scheduler = new VirtualScheduler(Instant.now());
        var network = new SimulatedNetwork(1, scheduler);
        List<List<ChatMessage>> rows = new ArrayList<>();
        for (String name : CrashChild.NAMES) {
            var accounts = new LocalAccounts(CrashChild.config(folder, name, () -> network.addNode(name), scheduler));
            try (ChatEngine engine = accounts.unlock(CrashChild.passphrase(name))) {
                ConversationId id = engine.conversations().getFirst().id();
                rows.add(engine.messages(id, 0, Integer.MAX_VALUE));
            }
        }
        return CrashLog.verify(CrashLog.read(log), rows.get(0), rows.get(1));
    }

    /** A child JVM on this test's classpath, its output collected. */
    private record Child(Process process, List<String> output) {

        static Child launch(String mode, Path root, Path log) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            var builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                    "--sun-misc-unsafe-memory-access=allow", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                    CrashChild.class.getName(), mode, root.toString(), log.toString());
            builder.redirectErrorStream(true);
            var child = new Child(builder.start(), new CopyOnWriteArrayList<>());
            Thread.ofVirtual().start(child::collectOutput);
            return child;
        }

        private void collectOutput() {
            try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    output.add(line);
                }
            } catch (IOException ended) {
                // The child was killed: its output ends here.
            }
        }

        boolean ready() {
            return output.contains(CrashChild.READY);
        }

        boolean awaitReady(Duration limit) throws InterruptedException {
            long end = System.nanoTime() + limit.toNanos();
            while (!ready() && process.isAlive() && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            return ready();
        }
    }
}
