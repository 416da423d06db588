package org.wakuchat.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeFormatTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:15:00Z");
    private final TimeFormat format = new TimeFormat(Clock.fixed(NOW, ZoneId.of("Europe/Berlin")));

    @Test
    void listTimesGetCoarserWithAge() {
        assertThat(format.listTime(NOW.minus(Duration.ofMinutes(5)))).isEqualTo("11:10");
        assertThat(format.listTime(NOW.minus(Duration.ofDays(1)))).isEqualTo("Yesterday");
        assertThat(format.listTime(NOW.minus(Duration.ofDays(3)))).isEqualTo("Tuesday");
        assertThat(format.listTime(NOW.minus(Duration.ofDays(30)))).isEqualTo("21 Oct");
        assertThat(format.listTime(Instant.parse("2024-03-01T10:00:00Z"))).isEqualTo("Mar 1, 2024");
    }

    @Test
    void daySeparatorsNameTodayAndYesterday() {
        assertThat(format.dayLabel(LocalDate.of(2026, 11, 20))).isEqualTo("Today");
        assertThat(format.dayLabel(LocalDate.of(2026, 11, 19))).isEqualTo("Yesterday");
        assertThat(format.dayLabel(LocalDate.of(2026, 11, 2))).isEqualTo("Nov 2, 2026");
    }

    @Test
    void expiryReadsAsARoughDuration() {
        assertThat(format.until(NOW.plus(Duration.ofDays(7)))).isEqualTo("in 7 days");
        assertThat(format.until(NOW.plus(Duration.ofDays(7)).minusSeconds(3))).as("made a moment ago").isEqualTo("in 7 days");
        assertThat(format.until(NOW.plus(Duration.ofDays(6)).plus(Duration.ofHours(13)))).isEqualTo("in 7 days");
        assertThat(format.until(NOW.plus(Duration.ofDays(6)).plus(Duration.ofHours(11)))).isEqualTo("in 6 days");
        assertThat(format.until(NOW.plus(Duration.ofHours(5)))).isEqualTo("in 5 hours");
        assertThat(format.until(NOW.plus(Duration.ofMinutes(30)))).isEqualTo("in 30 minutes");
        assertThat(format.until(NOW.minusSeconds(1))).isEqualTo("expired");
    }
}
