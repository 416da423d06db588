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

    /** "in 6 days", "in 3 hours", "expired"; for invite expiry. */
    public String until(Instant instant) {
        long minutes = java.time.Duration.between(clock.instant(), instant).toMinutes();
        if (minutes <= 0) {
            return "expired";
        }
        if (minutes < 120) {
            return "in " + minutes + " minutes";
        }
        long hours = minutes / 60;
        return hours < 48 ? "in " + hours + " hours" : "in " + hours / 24 + " days";
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
