package org.wakuchat.app.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A time axis whose ticks fall on whole hours or midnights of the shown zone ("14:00", "14 Nov"),
 * at most {@link #MOST} of them: ticks at odd times ("14 Nov 14:15") read badly.
 *
 * @param lower first tick, epoch ms (at or before the period's start)
 * @param upper end of the axis, epoch ms
 * @param unit  between ticks, ms
 * @param days  whether the ticks are midnights (labelled by date) rather than hours
 */
record ChartTicks(long lower, long upper, long unit, boolean days) {

    static final int MOST = 8;
    private static final List<Duration> UNITS = List.of(Duration.ofMinutes(10), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3), Duration.ofHours(4), Duration.ofHours(6),
            Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(7), Duration.ofDays(14),
            Duration.ofDays(28), Duration.ofDays(56), Duration.ofDays(91), Duration.ofDays(182), Duration.ofDays(364));

    static ChartTicks of(Instant from, Instant to, ZoneId zone) {
        Instant end = to.isAfter(from) ? to : from.plusSeconds(60);
        Duration span = Duration.between(from, end);
        Duration unit = UNITS.stream().filter(u -> span.dividedBy(u) < MOST).findFirst().orElse(UNITS.getLast());
        ZonedDateTime start = from.atZone(zone);
        boolean days = unit.compareTo(Duration.ofDays(1)) >= 0;
        if (days) {
            start = start.truncatedTo(ChronoUnit.DAYS);
        } else if (unit.compareTo(Duration.ofHours(1)) >= 0) {
            start = start.truncatedTo(ChronoUnit.HOURS);
            start = start.minusHours(start.getHour() % unit.toHours());
        } else {
            start = start.truncatedTo(ChronoUnit.MINUTES);
            start = start.minusMinutes(start.getMinute() % unit.toMinutes());
        }
        // Days of different lengths (a clock change) shift midnight ticks by an hour; close enough for a chart.
        return new ChartTicks(start.toInstant().toEpochMilli(), end.toEpochMilli(), unit.toMillis(), days);
    }
}
