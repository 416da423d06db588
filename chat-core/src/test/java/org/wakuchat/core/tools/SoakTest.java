package org.wakuchat.core.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.engine.DeliveryPolicy;
import org.wakuchat.core.simulator.NetworkSettings;
import org.wakuchat.core.transport.WakuMessage;

class SoakTest {

    @TempDir
    Path folder;

    @Test
    void aSmallSoakLosesNothingSilentlyAndShowsNothingTwice() {
        SoakReport report = SoakRun.run(SoakSettings.DEFAULTS.withMessages(300), folder);
        report.lines().forEach(System.out::println);

        assertThat(report.silentLossDetails()).isEmpty();
        assertThat(report.silentLosses()).isZero();
        assertThat(report.duplicatesShown()).isZero();
        assertThat(report.falseDeliveries()).isZero();
        assertThat(report.unresolved()).isZero();
        assertThat(report.stillRecovering()).isZero();
        assertThat(report.sent()).isEqualTo(300);
        assertThat(report.delivered()).isBetween(0, report.sent());
        assertThat(report.received()).isBetween(report.delivered(), report.sent());
        assertThat(report.received() + report.reportedMissing() + report.silentLosses()).isEqualTo(report.sent());
        assertThat(report.onlineDelivered()).isLessThanOrEqualTo(report.onlineSent());
        assertThat(report.p95DeliveryMs()).isBetween(report.p50DeliveryMs(), report.p99DeliveryMs());
        assertThat(report.restarts() + report.partitions() + report.offlinePeriods()).as("chaos happened").isPositive();
        assertThat(report.published()).as("every message at least once on the wire").isGreaterThanOrEqualTo(report.sent());
    }

    @Test
    void theSameSeedGivesTheSameRun(@TempDir Path other) {
        SoakSettings settings = SoakSettings.parse("messages=60", "seed=5", "chaos_gap_s=20");

        List<String> first = withoutWallTime(SoakRun.run(settings, folder));
        List<String> second = withoutWallTime(SoakRun.run(settings, other));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void aMessageTheNetworkNeverCarriesIsSilentWhileTheSenderTriesAndReportedOnceItFails() {
        var ledger = new Ledger[1];
        DeliveryPolicy giveUpSoon = new DeliveryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), 3,
                Duration.ofMillis(150), Duration.ofMinutes(2));
        try (var world = new World(folder, 3, NetworkSettings.defaults(), giveUpSoon,
                (who, event) -> ledger[0].on(who, event), (who, message) -> { })) {
            ledger[0] = new Ledger(world.clock::now);
            World.Person alice = world.join("Alice");
            World.Person bob = world.join("Bob");
            ConversationId id = world.connect(alice, bob);
            ChatMessage hello = bob.engine().sendText(id, "hello");
            ledger[0].sent(hello, "Bob", "Alice", true);
            world.runUntil(() -> ledger[0].unresolved() == 0, Duration.ofMinutes(1));
            world.network.dropIf((WakuMessage m) -> true);

            ChatMessage lost = alice.engine().sendText(id, "into the void");
            ledger[0].sent(lost, "Alice", "Bob", true);
            world.clock.runFor(Duration.ofMillis(500));
            SoakReport whileTrying = census(world, ledger[0]);
            world.runUntil(() -> ledger[0].unresolved() == 0, Duration.ofMinutes(1));
            SoakReport afterFailing = census(world, ledger[0]);

            assertThat(whileTrying.silentLosses()).isEqualTo(1);
            assertThat(whileTrying.silentLossDetails()).singleElement().asString().contains(lost.id().value());
            assertThat(afterFailing.silentLosses()).isZero();
            assertThat(afterFailing.failed()).isEqualTo(1);
            assertThat(afterFailing.reportedMissing()).isEqualTo(1);
            assertThat(afterFailing.received()).isEqualTo(1);
            assertThat(afterFailing.delivered()).isEqualTo(1);
            assertThat(alice.engine().messages(id, 0, 10)).extracting(ChatMessage::state)
                    .contains(DeliveryState.FAILED);
        }
    }

    @Test
    void settingsRejectUnknownKeysAndNamesTheKnownOnes() {
        assertThatThrownBy(() -> SoakSettings.parse("mesages=10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mesages=10").hasMessageContaining("messages");
        assertThat(SoakSettings.parse("--messages=12", "loss=0.1").messages()).isEqualTo(12);
    }

    private static SoakReport census(World world, Ledger ledger) {
        return new Census(world, ledger).report(SoakSettings.DEFAULTS, new Chaos(world, new Random(1)), 0, 0, 0, 0);
    }

    private static List<String> withoutWallTime(SoakReport report) {
        return report.lines().stream().filter(line -> !line.startsWith("wall_s=")).toList();
    }
}
