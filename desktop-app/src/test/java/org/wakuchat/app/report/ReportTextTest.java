package org.wakuchat.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.EngineStatus.State;
import org.wakuchat.core.report.ReliabilityReport.Connectivity;
import org.wakuchat.core.report.ReliabilityReport.Latency;
import org.wakuchat.core.report.ReliabilityReport.PeerSample;
import org.wakuchat.core.report.ReliabilityReport.StateChange;
import org.wakuchat.core.report.ReportPeriod;

class ReportTextTest {

    @Test
    void durationsReadInTheirLargestUsefulUnits() {
        assertThat(ReportText.duration(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(ReportText.duration(Duration.ofMillis(1240))).isEqualTo("1.2 s");
        assertThat(ReportText.duration(Duration.ofMillis(12_900))).isEqualTo("12 s");
        assertThat(ReportText.duration(Duration.ofSeconds(200))).isEqualTo("3 min 20 s");
        assertThat(ReportText.duration(Duration.ofMinutes(5))).isEqualTo("5 min");
        assertThat(ReportText.duration(Duration.ofMinutes(312))).isEqualTo("5 h 12 min");
        assertThat(ReportText.duration(Duration.ofHours(52))).isEqualTo("2 d 4 h");
        assertThat(ReportText.duration(Duration.ZERO)).isEqualTo("0 s");
    }

    @Test
    void everyHistogramBucketHasARangeLabel() {
        List<String> labels = Latency.of(List.of()).histogram().stream().map(ReportText::bucket).toList();
        assertThat(labels).containsExactly("< 250 ms", "250–500 ms", "0.5–1 s", "1–2 s", "2–5 s", "5–10 s", "10–30 s",
                "30–60 s", "1–5 min", "5–30 min", "≥ 30 min");
    }

    @Test
    void percentNeverRoundsToAllOrNothingWhenItIsNot() {
        assertThat(ReportText.percent(199, 200)).isEqualTo("99 %");
        assertThat(ReportText.percent(200, 200)).isEqualTo("100 %");
        assertThat(ReportText.percent(1, 500)).isEqualTo("< 1 %");
        assertThat(ReportText.percent(0, 500)).isEqualTo("0 %");
        assertThat(ReportText.percent(0, 0)).isEmpty();
        assertThat(ReportText.period(ReportPeriod.LAST_24_HOURS)).isEqualTo("Last 24 hours");
        assertThat(ReportText.period(ReportPeriod.parse("90m"))).isEqualTo("Last 90m");
    }

    @Test
    void countAxesStepInRoundNumbers() {
        assertThat(ReportView.niceStep(0)).isEqualTo(1);
        assertThat(ReportView.niceStep(6)).isEqualTo(1);
        assertThat(ReportView.niceStep(7)).isEqualTo(2);
        assertThat(ReportView.niceStep(30)).isEqualTo(5);
        assertThat(ReportView.niceStep(31)).isEqualTo(10);
        assertThat(ReportView.niceStep(1000)).isEqualTo(200);
    }

    @Test
    void thePeerLineStepsAndBreaksWhereTheAppWasClosed() {
        Instant t = Instant.parse("2026-11-20T00:00:00Z");
        var k = new Connectivity(Duration.ZERO, Duration.ZERO, Duration.ZERO, 2, 0,
                List.of(new StateChange(t, State.CONNECTED), new StateChange(t.plusSeconds(100), State.STOPPED),
                        new StateChange(t.plusSeconds(200), State.STARTING)),
                List.of(new PeerSample(t, 3), new PeerSample(t.plusSeconds(50), 5), new PeerSample(t.plusSeconds(100), 0),
                        new PeerSample(t.plusSeconds(200), 0), new PeerSample(t.plusSeconds(210), 2)));

        List<List<PeerSample>> lines = PeerLine.segments(k, t.plusSeconds(300));

        assertThat(lines).containsExactly(
                List.of(new PeerSample(t, 3), new PeerSample(t.plusSeconds(50), 3), new PeerSample(t.plusSeconds(50), 5),
                        new PeerSample(t.plusSeconds(100), 5)),
                List.of(new PeerSample(t.plusSeconds(200), 0), new PeerSample(t.plusSeconds(210), 0),
                        new PeerSample(t.plusSeconds(210), 2), new PeerSample(t.plusSeconds(300), 2)));
    }

    @Test
    void timeAxesTickOnWholeHoursOrMidnights() {
        java.time.ZoneId zone = java.time.ZoneOffset.UTC;
        Instant to = Instant.parse("2026-11-20T10:15:00Z");

        ChartTicks week = ChartTicks.of(to.minus(Duration.ofDays(7)), to, zone);
        assertThat(week.days()).isTrue();
        assertThat(Instant.ofEpochMilli(week.lower())).isEqualTo(Instant.parse("2026-11-13T00:00:00Z"));
        assertThat(week.unit()).isEqualTo(Duration.ofDays(1).toMillis());
        assertThat(week.upper()).isEqualTo(to.toEpochMilli());

        ChartTicks day = ChartTicks.of(to.minus(Duration.ofHours(24)), to, zone);
        assertThat(day.days()).isFalse();
        assertThat(Instant.ofEpochMilli(day.lower())).isEqualTo(Instant.parse("2026-11-19T08:00:00Z"));
        assertThat(day.unit()).isEqualTo(Duration.ofHours(4).toMillis());
        assertThat((day.upper() - day.lower()) / day.unit()).isLessThanOrEqualTo(ChartTicks.MOST);

        ChartTicks hour = ChartTicks.of(to.minus(Duration.ofMinutes(50)), to, zone);
        assertThat(Instant.ofEpochMilli(hour.lower())).isEqualTo(Instant.parse("2026-11-20T09:20:00Z"));
    }
}
