package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryFailure;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.report.ReliabilityReport;
import org.wakuchat.core.report.ReliabilityReport.CatchUpRun;
import org.wakuchat.core.report.ReliabilityReport.CatchUps;
import org.wakuchat.core.report.ReliabilityReport.Connectivity;
import org.wakuchat.core.report.ReliabilityReport.ContactRow;
import org.wakuchat.core.report.ReliabilityReport.Latency;
import org.wakuchat.core.report.ReliabilityReport.Missed;
import org.wakuchat.core.report.ReliabilityReport.Outgoing;
import org.wakuchat.core.report.ReliabilityReport.PeerSample;
import org.wakuchat.core.report.ReliabilityReport.RateLimitWaits;
import org.wakuchat.core.report.ReliabilityReport.StateChange;
import org.wakuchat.core.report.ReportPeriod;
import org.wakuchat.core.report.ReportQuery;

/** The reliability panel over the real UI, with the fake engine answering a known report. */
class ReliabilityReportUiTest extends AppUiTest {

    private ConversationId alice;
    private ConversationId bob;
    private final FakeAccounts accounts = FakeAccounts.existing(CLOCK, PASSPHRASE, engine -> {
        alice = engine.addContact("Alice", Crypto.sha256("alice".getBytes(StandardCharsets.UTF_8))).id();
        bob = engine.addContact("Bob", Crypto.sha256("bob".getBytes(StandardCharsets.UTF_8))).id();
        engine.setReliabilityReport(known(alice, bob));
    });

    @Override
    Optional<AccountsFactory> accounts() {
        return Optional.of(folder -> accounts);
    }

    /**
     * 40 sent: 34 delivered, 2 pending, 4 failed (3 unconfirmed, 1 invite expired); delivered in
     * 10 × 200 ms, 8 × 700 ms, 9 × 1.2 s, 4 × 3 s, 2 × 8.4 s, 1 × 45 s: median 700 ms, p95 8.4 s.
     */
    static ReliabilityReport known(ConversationId alice, ConversationId bob) {
        Instant to = CLOCK.instant();
        Instant from = to.minus(Duration.ofDays(7));
        List<Duration> latencies = new ArrayList<>();
        latencies.addAll(Collections.nCopies(10, Duration.ofMillis(200)));
        latencies.addAll(Collections.nCopies(8, Duration.ofMillis(700)));
        latencies.addAll(Collections.nCopies(9, Duration.ofMillis(1200)));
        latencies.addAll(Collections.nCopies(4, Duration.ofSeconds(3)));
        latencies.addAll(Collections.nCopies(2, Duration.ofMillis(8400)));
        latencies.add(Duration.ofSeconds(45));
        var catchUps = new CatchUps(2, 1, 14, Duration.ofMillis(5500), Duration.ofSeconds(4), List.of(
                new CatchUpRun(to.minus(Duration.ofDays(2)), Duration.ofMillis(1500), Duration.ofHours(9), 11, true),
                new CatchUpRun(to.minus(Duration.ofHours(5)), Duration.ofSeconds(4), Duration.ofMinutes(40), 3, false)));
        Instant started = to.minus(Duration.ofHours(20));
        var connectivity = new Connectivity(Duration.ofHours(18), Duration.ofHours(2), Duration.ofHours(148), 3, 1,
                List.of(new StateChange(started, EngineStatus.State.STARTING),
                        new StateChange(started.plusSeconds(5), EngineStatus.State.CONNECTED)),
                List.of(new PeerSample(started, 0), new PeerSample(started.plusSeconds(5), 4),
                        new PeerSample(started.plus(Duration.ofHours(3)), 9),
                        new PeerSample(started.plus(Duration.ofHours(12)), 6)));
        return new ReliabilityReport(ReportQuery.overall(ReportPeriod.LAST_7_DAYS), from, to, Optional.of(66),
                new Outgoing(40, 34, 2, 4, Map.of(DeliveryFailure.NO_CONFIRMATION, 3, DeliveryFailure.INVITE_EXPIRED, 1),
                        6, 9),
                Latency.of(latencies), 57, new Missed(5, 3, 1, 1, 0), catchUps, connectivity,
                new RateLimitWaits(2, Duration.ofSeconds(80)),
                List.of(new ContactRow(alice, 30, 26, 1, 3, 40, Optional.of(Duration.ofMillis(700)), 5, 1),
                        new ContactRow(bob, 10, 8, 1, 1, 17, Optional.of(Duration.ofMillis(1200)), 0, 0)));
    }

    private static void waitForFigures(FxRobot robot) {
        waitUntil(() -> robot.lookup("#report-sent").tryQuery().isPresent()
                && !robot.lookup("#report-busy").query().isVisible());
    }

    @Test
    @SuppressWarnings("unchecked")
    void settingsOpenTheReportWithTheEnginesFigures(FxRobot robot) {
        unlock(robot);
        robot.clickOn("#settings-button");
        waitUntil(() -> robot.lookup("#reliability-report-button").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#reliability-report-button").queryButton().fire()); // below the fold
        waitUntil(() -> robot.lookup("#report-dialog").tryQuery().isPresent());
        waitForFigures(robot);

        assertThat(accounts.engine().reportQueries()).containsExactly(ReportQuery.overall(ReportPeriod.LAST_7_DAYS));
        assertThat(text(robot, "#report-sent")).isEqualTo("40");
        assertThat(text(robot, "#report-delivered")).isEqualTo("34");
        assertThat(text(robot, "#report-pending")).isEqualTo("2");
        assertThat(text(robot, "#report-failed")).isEqualTo("4");
        assertThat(text(robot, "#report-retried")).isEqualTo("6");
        assertThat(text(robot, "#report-failure-NO_CONFIRMATION")).startsWith("3 — no confirmation");
        assertThat(text(robot, "#report-failure-INVITE_EXPIRED")).startsWith("1 — the invite expired");
        assertThat(robot.lookup("#report-failure-NO_ANSWER_TO_INVITE").tryQuery()).isEmpty();
        assertThat(text(robot, "#report-median")).isEqualTo("700 ms");
        assertThat(text(robot, "#report-p95")).isEqualTo("8.4 s");
        assertThat(text(robot, "#report-latency-samples")).isEqualTo("34");

        BarChart<String, Number> histogram = robot.lookup("#latency-chart").queryAs(BarChart.class);
        List<XYChart.Data<String, Number>> bars = histogram.getData().getFirst().getData();
        assertThat(bars).hasSize(ReliabilityReport.Latency.BUCKET_BOUNDS.size() + 1);
        assertThat(bars.stream().map(bar -> bar.getYValue().intValue()).toList())
                .containsExactly(10, 0, 8, 9, 4, 2, 0, 1, 0, 0, 0);
        assertThat(bars.stream().map(bar -> bar.getXValue().replace('\n', ' ')).toList())
                .startsWith("< 250 ms", "250–500 ms", "0.5–1 s").endsWith("≥ 30 min");

        assertThat(text(robot, "#report-received")).isEqualTo("57");
        assertThat(text(robot, "#report-missed")).isEqualTo("5");
        assertThat(text(robot, "#report-recovered-store")).isEqualTo("3");
        assertThat(text(robot, "#report-resent")).isEqualTo("1");
        assertThat(text(robot, "#report-lost")).isEqualTo("1");
        assertThat(text(robot, "#report-catchups")).isEqualTo("2");
        assertThat(text(robot, "#report-store-answered")).isEqualTo("1 of 2");
        assertThat(text(robot, "#report-connected")).isEqualTo("18 h");
        assertThat(text(robot, "#report-offline")).isEqualTo("2 h");
        assertThat(text(robot, "#report-node-starts")).isEqualTo("3");
        assertThat(text(robot, "#report-rate-limit")).isEqualTo("2");
        assertThat(text(robot, "#report-unclean")).startsWith("1 start found");
        assertThat(robot.lookup("#peers-chart").tryQuery()).isPresent();
        assertThat(text(robot, "#report-range")).isEqualTo("13 Nov 10:15 – 20 Nov 10:15 · all contacts");
        // names on screen (the export replaces them)
        assertThat(robot.lookup("#report-contacts").lookup(".label").queryAllAs(javafx.scene.control.Label.class)
                .stream().map(javafx.scene.control.Label::getText).toList()).contains("Alice", "Bob");
        assertThat(text(robot, "#report-contact-0-sent")).isEqualTo("30");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theStatusLineOpensItAndPeriodAndContactAreAskedOfTheEngine(FxRobot robot) {
        unlock(robot);
        robot.clickOn("#status-report-link");
        waitUntil(() -> robot.lookup("#report-dialog").tryQuery().isPresent());
        waitForFigures(robot);

        robot.clickOn("#report-period-24h");
        waitUntil(() -> accounts.engine().reportQueries().getLast().equals(ReportQuery.overall(ReportPeriod.LAST_24_HOURS)));
        waitForFigures(robot);
        robot.clickOn("#report-period-all");
        waitUntil(() -> accounts.engine().reportQueries().getLast().equals(ReportQuery.overall(ReportPeriod.ALL)));
        waitForFigures(robot);

        waitUntil(() -> robot.lookup("#report-contact").queryAs(ComboBox.class).getItems().size() == 3);
        robot.clickOn("#report-contact");
        // The contact's cell in the combo box's popup, not the conversation named Alice behind the dialog.
        waitUntil(() -> aliceInPopup(robot).isPresent());
        robot.clickOn(aliceInPopup(robot).orElseThrow());
        waitUntil(() -> accounts.engine().reportQueries().getLast().equals(ReportQuery.forContact(ReportPeriod.ALL, alice)));
        robot.clickOn("#report-period-7d");
        waitUntil(() -> accounts.engine().reportQueries().getLast()
                .equals(ReportQuery.forContact(ReportPeriod.LAST_7_DAYS, alice)));
        assertThat(accounts.engine().reportQueries()).containsExactly(
                ReportQuery.overall(ReportPeriod.LAST_7_DAYS), ReportQuery.overall(ReportPeriod.LAST_24_HOURS),
                ReportQuery.overall(ReportPeriod.ALL), ReportQuery.forContact(ReportPeriod.ALL, alice),
                ReportQuery.forContact(ReportPeriod.LAST_7_DAYS, alice));
    }

    @Test
    void exportsJsonWithoutNamesAndSaysSo(FxRobot robot) throws Exception {
        unlock(robot);
        robot.clickOn("#status-report-link");
        waitForFigures(robot);
        Path target = dataFolder.resolve("report");
        files.nextSave = target;

        robot.clickOn("#export-json");
        Path json = dataFolder.resolve("report.json");
        waitUntil(() -> Files.exists(json) && robot.lookup("#report-exported").query().isVisible());

        assertThat(files.suggested).containsExactly("wakuchat-reliability-7d.json");
        String text = Files.readString(json, StandardCharsets.UTF_8);
        JsonNode tree = new ObjectMapper().readTree(text);
        assertThat(tree.path("type").asText()).isEqualTo("reliabilityReport");
        assertThat(tree.path("period").asText()).isEqualTo("7d");
        assertThat(tree.path("outgoing").path("sent").asInt()).isEqualTo(40);
        assertThat(tree.path("latency").path("medianMs").asInt()).isEqualTo(700);
        assertThat(tree.path("missed").path("lost").asInt()).isEqualTo(1);
        assertThat(tree.path("contacts")).hasSize(2);
        assertThat(tree.path("contacts").findValuesAsText("contact")).containsExactlyInAnyOrder("contact-1", "contact-2");
        assertThat(text).doesNotContain("Alice", "Bob", alice.value(), bob.value());
        assertThat(robot.lookup("#report-exported").queryAs(atlantafx.base.controls.Message.class).getDescription())
                .startsWith("Saved report.json").contains("no message content, names, keys or addresses");
    }

    @Test
    void exportsTheTablesAsCsvFiles(FxRobot robot) throws Exception {
        unlock(robot);
        robot.clickOn("#status-report-link");
        waitForFigures(robot);
        files.nextSave = dataFolder.resolve("tables.csv");

        robot.clickOn("#export-csv");
        waitUntil(() -> robot.lookup("#report-exported").query().isVisible());

        assertThat(files.suggested).containsExactly("wakuchat-reliability-7d.csv");
        for (String table : List.of("summary", "contacts", "latency-histogram", "failures", "catch-ups", "states", "peers")) {
            assertThat(dataFolder.resolve("tables-" + table + ".csv")).exists();
        }
        List<String> contacts = Files.readAllLines(dataFolder.resolve("tables-contacts.csv"), StandardCharsets.UTF_8);
        assertThat(contacts).hasSize(3);
        assertThat(String.join("\n", contacts)).contains("contact-1", "contact-2").doesNotContain("Alice", "Bob");
        assertThat(Files.readAllLines(dataFolder.resolve("tables-latency-histogram.csv"), StandardCharsets.UTF_8))
                .hasSize(12);
    }

    @Test
    void aPeriodWithoutMessagesSaysSoInsteadOfEmptyCharts(FxRobot robot) {
        unlock(robot);
        accounts.engine().setReliabilityReport(
                ReliabilityReport.empty(ReportQuery.overall(ReportPeriod.LAST_7_DAYS), CLOCK.instant()));
        robot.clickOn("#status-report-link");
        waitUntil(() -> robot.lookup("#report-empty").tryQuery().isPresent());

        var empty = robot.lookup("#report-empty").queryAs(atlantafx.base.controls.Message.class);
        assertThat(empty.getTitle()).isEqualTo("No messages in this period");
        assertThat(empty.getDescription()).contains("between 13 Nov 10:15 and 20 Nov 10:15").contains("longer period");
        assertThat(robot.lookup("#latency-chart").tryQuery()).isEmpty();
        assertThat(robot.lookup("#peers-chart").tryQuery()).isEmpty();
        assertThat(robot.lookup("#report-sent").tryQuery()).isEmpty();
    }

    private static java.util.Optional<javafx.scene.Node> aliceInPopup(FxRobot robot) {
        return robot.lookup(".combo-box-popup .list-cell").queryAll().stream()
                .filter(cell -> cell instanceof javafx.scene.control.ListCell<?> listCell && "Alice".equals(listCell.getText())
                        && cell.isVisible())
                .findFirst();
    }
}
