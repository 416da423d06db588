package org.wakuchat.core.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How far back a reliability report looks: the last {@code length} before the report is made,
 * or (empty) everything the account recorded.
 */
public record ReportPeriod(Optional<Duration> length) {

    public static final ReportPeriod LAST_24_HOURS = new ReportPeriod(Optional.of(Duration.ofHours(24)));
    public static final ReportPeriod LAST_7_DAYS = new ReportPeriod(Optional.of(Duration.ofDays(7)));
    public static final ReportPeriod ALL = new ReportPeriod(Optional.empty());

    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([mhd])");

    public ReportPeriod {
        Objects.requireNonNull(length, "length");
        if (length.isPresent() && (length.get().isNegative() || length.get().isZero())) {
            throw new IllegalArgumentException("a report period must be positive: " + length.get());
        }
    }

    public static ReportPeriod last(Duration length) {
        return new ReportPeriod(Optional.of(length));
    }

    /**
     * Reads {@code all}, or a number with {@code m} (minutes), {@code h} (hours) or {@code d}
     * (days): {@code 24h}, {@code 7d}, {@code 90m}. Throws {@link IllegalArgumentException} otherwise.
     */
    public static ReportPeriod parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("all")) {
            return ALL;
        }
        var m = SHORT.matcher(t);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("a period is 'all' or a number with m, h or d (24h, 7d): '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return last(switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }

    /** The start of the period for a report made at {@code now}; empty for {@link #ALL}. */
    public Optional<Instant> since(Instant now) {
        return length.map(now::minus);
    }

    /**
     * {@code all}, or the length as {@link #parse} reads it: whole days from two days on
     * ({@code 7d}), else whole hours ({@code 24h}), else minutes ({@code 90m}).
     */
    @Override
    public String toString() {
        if (length.isEmpty()) {
            return "all";
        }
        Duration d = length.get();
        if (d.toSeconds() % 86_400 == 0 && d.toDays() >= 2) {
            return d.toDays() + "d";
        }
        if (d.toSeconds() % 3_600 == 0) {
            return d.toHours() + "h";
        }
        return d.toMinutes() + "m";
    }
}
