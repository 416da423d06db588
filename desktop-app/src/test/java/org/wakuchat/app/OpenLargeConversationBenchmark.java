package org.wakuchat.app;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * How long opening a 100,000-message conversation, and a 20,000-message group, takes, from the
 * click to the newest message on screen (headless platform, fake engine in memory, so this is the
 * UI's share). Not run by the
 * normal build: {@code ./mvnw -pl desktop-app -am test -Dtest=OpenLargeConversationBenchmark
 * -Dtest.excluded.groups= -Dsurefire.failIfNoSpecifiedTests=false}. Writes docs/benchmarks/.
 */
@Tag("benchmark")
class OpenLargeConversationBenchmark extends AppUiTest {

    private static final int MESSAGES = Integer.getInteger("benchmark.messages", 100_000);
    private static final int GROUP_MESSAGES = Integer.getInteger("benchmark.groupMessages", 20_000);
    /** Renames spread over the group's messages: system lines between its pages. */
    private static final int GROUP_CHANGES = 20;

    private final FakeAccounts accounts = FakeAccounts.existing(CLOCK, PASSPHRASE, engine -> {
        var big = engine.addContact("Big", new byte[] {9}).id();
        engine.addHistory(big, MESSAGES, CLOCK.instant().minus(Duration.ofDays(200)), Duration.ofMinutes(2));
        var small = engine.addContact("Small", new byte[] {8}).id();
        var other = engine.addContact("Other", new byte[] {7}).id();
        var group = engine.createGroup("Big group", java.util.List.of(small, other)).id();
        var first = CLOCK.instant().plus(Duration.ofMinutes(1));
        engine.addGroupHistory(group, GROUP_MESSAGES, first, Duration.ofMinutes(1));
        for (int i = 1; i <= GROUP_CHANGES; i++) {
            long at = (long) GROUP_MESSAGES * i / GROUP_CHANGES - 1;
            engine.renameGroupAt(group, i == GROUP_CHANGES ? "Big group" : "Big group " + i,
                    first.plus(Duration.ofMinutes(at)).minusSeconds(30));
        }
    });

    @Override
    Optional<AccountsFactory> accounts() {
        return Optional.of(folder -> accounts);
    }

    /** Runs {@code action} on the FX thread and checks every pulse until the newest message is drawn. */
    private static long timeUntilNewestShown(FxRobot robot, Runnable action, javafx.scene.Scene scene, long[] fxCpuMillis, int run,
                                             String newest) throws Exception {
        java.util.concurrent.CompletableFuture<Long> elapsed = new java.util.concurrent.CompletableFuture<>();
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        robot.interact(() -> {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            action.run();
            new javafx.animation.AnimationTimer() {
                @Override
                public void handle(long now) {
                    boolean shown = scene.getRoot().lookupAll(".message-text").stream()
                            .anyMatch(node -> node instanceof Text text && text.getText().equals(newest));
                    if (shown) {
                        stop();
                        fxCpuMillis[run] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
                        elapsed.complete((System.nanoTime() - start) / 1_000_000);
                    }
                }
            }.start();
        });
        return elapsed.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Open times after the first (sorted), of the JavaFX thread's CPU too, and the first open's. */
    private record Timings(long firstMillis, long firstCpuMillis, long[] millis, long[] fxCpuMillis) {

        /** The figure lines both result files share (millis and fxCpuMillis sorted). */
        String lines() {
            return """
                    - first open after start: %d ms (JavaFX thread CPU %d ms)
                    - the next %d opens: median %d ms, fastest %d ms, slowest %d ms
                    - CPU time of the JavaFX thread meanwhile (less affected by other load): median %d ms
                    - Java %s, %d cores, load average %.1f while measuring (other builds shared the machine)
                    """.formatted(firstMillis, firstCpuMillis, millis.length, millis[millis.length / 2], millis[0],
                    millis[millis.length - 1], fxCpuMillis[fxCpuMillis.length / 2], System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static void writeResult(String file, String text) throws java.io.IOException {
        Path out = Path.of(System.getProperty("benchmarks.dir", "../docs/benchmarks"));
        Files.createDirectories(out);
        Files.writeString(out.resolve(file), text, StandardCharsets.UTF_8);
    }

    /** Opens the list item whose text contains {@code item} (from "Small") until {@code newest} shows, benchmark.runs times. */
    private Timings timeOpenings(FxRobot robot, String item, String newest) throws Exception {
        long[] millis = new long[Integer.getInteger("benchmark.runs", 11)];
        long[] fxCpuMillis = new long[millis.length];
        for (int run = 0; run < millis.length; run++) {
            robot.clickOn("Small");
            waitUntil(() -> text(robot, "#chat-title").equals("Small"));
            var list = robot.lookup("#conversation-list").queryListView();
            var target = list.getItems().stream().filter(i -> i.toString().contains(item)).findFirst().orElseThrow();
            millis[run] = timeUntilNewestShown(robot, () -> list.getSelectionModel().select(target), list.getScene(),
                    fxCpuMillis, run, newest);
        }
        // the first open also warms up the JIT
        long[] rest = java.util.Arrays.copyOfRange(millis, 1, millis.length);
        long[] restCpu = java.util.Arrays.copyOfRange(fxCpuMillis, 1, fxCpuMillis.length);
        java.util.Arrays.sort(rest);
        java.util.Arrays.sort(restCpu);
        return new Timings(millis[0], fxCpuMillis[0], rest, restCpu);
    }

    @Test
    void openOneHundredThousandMessages(FxRobot robot) throws Exception {
        unlock(robot);
        Timings t = timeOpenings(robot, "name=Big,", "Message number " + MESSAGES);
        writeResult("desktop-open-conversation.md", """
                # Opening a conversation with %,d messages (desktop app)

                From selecting it in the conversation list until the newest message is on screen, JavaFX
                headless platform, fake in-memory engine (so only the UI's share: one count, three pages of
                %d messages, markRead), checked on every pulse (so up to one frame, ~16 ms, late).

                %s
                Nearly all of it is JavaFX laying out and styling the visible cells after
                `ListView.scrollTo`; only the pages on screen (and the first, which the virtual flow
                measures) are read from the engine. Reused cells keep their nodes and only change text;
                right after the main window appears the app lays out a long sample list off screen once
                (`CellWarmUp`), so the first open does not pay for loading and compiling that code.
                """.formatted(MESSAGES, 100, t.lines()));
    }

    @Test
    void openATwentyThousandMessageGroup(FxRobot robot) throws Exception {
        unlock(robot);
        Timings t = timeOpenings(robot, "name=Big group,", "Group message " + GROUP_MESSAGES);
        writeResult("desktop-open-group.md", """
                # Opening a group with %,d messages (desktop app)

                From selecting it in the conversation list until the newest message is on screen, JavaFX
                headless platform, fake in-memory engine (so only the UI's share), 3 members, %d history
                entries (renames) spread over the messages as system lines. The group pages like a 1:1 chat
                (`GroupRows` under `PagedMessages`): at open one count, the history, the last two pages of
                rows (%d each) and the first page, who confirmed my messages in them, markRead; older pages
                are read as they are scrolled to, each with its system lines in place.

                %s
                Before, a group showed only its newest 2,000 messages (older ones could not be reached) and
                built all of those rows at open.
                """.formatted(GROUP_MESSAGES, GROUP_CHANGES + 1, 100, t.lines()));
    }
}
