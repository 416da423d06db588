package org.wakuchat.app.common;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** How times read in the UI: short in lists, with day separators in a conversation. */
public final class TimeFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEEE", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter FULL_DATE = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
            .withLocale(Locale.ENGLISH);

    private final Clock clock;

    public TimeFormat(Clock clock) {
        this.clock = clock;
    }

    /** Time of day, for a message bubble. */
    public String time(Instant instant) {
        return TIME.format(local(instant));
    }

    /** Today's messages by time, this week's by weekday, older by date; for the conversation list. */
    public String listTime(Instant instant) {
        LocalDate day = local(instant).toLocalDate();
        LocalDate today = today();
        if (day.equals(today)) {
            return time(instant);
        }
        if (day.equals(today.minusDays(1))) {
            return "Yesterday";
        }
        if (day.isAfter(today.minusDays(7))) {
            return WEEKDAY.format(day);
        }
        return day.getYear() == today.getYear() ? SHORT_DATE.format(day) : FULL_DATE.format(day);
    }

    /** The separator between days in a conversation. */
    public String dayLabel(LocalDate day) {
        LocalDate today = today();
        if (day.equals(today)) {
            return "Today";
        }
        if (day.equals(today.minusDays(1))) {
            return "Yesterday";
        }
        return FULL_DATE.format(day);
    }

    /**
     * "in 7 days", "in 3 hours", "expired"; for invite expiry. Rounded to the nearest unit, so a
     * 7-day invite made a moment ago reads "in 7 days", not "in 6 days".
     */
    public String until(Instant instant) {
        long seconds = java.time.Duration.between(clock.instant(), instant).toSeconds();
        if (seconds <= 0) {
            return "expired";
        }
        long minutes = Math.round(seconds / 60.0);
        if (minutes < 120) {
            return minutes <= 1 ? "in a minute" : "in " + minutes + " minutes";
        }
        long hours = Math.round(seconds / 3600.0);
        return hours < 48 ? "in " + hours + " hours" : "in " + Math.round(seconds / 86400.0) + " days";
    }

    /** "20 Nov 10:15": a moment in a report, with its day. */
    public String dateTime(Instant instant) {
        return DATE_TIME.format(local(instant));
    }

    /** "20 Nov": a day on a chart's axis. */
    public String shortDate(Instant instant) {
        return SHORT_DATE.format(local(instant));
    }

    /** The zone times are shown in (for lining a chart's ticks up with whole hours and days). */
    public java.time.ZoneId zone() {
        return clock.getZone();
    }

    public LocalDate day(Instant instant) {
        return local(instant).toLocalDate();
    }

    private LocalDate today() {
        return local(clock.instant()).toLocalDate();
    }

    private ZonedDateTime local(Instant instant) {
        return instant.atZone(clock.getZone());
    }
}
