package org.wakuchat.app.report;

import java.time.Duration;
import java.util.Locale;
import org.wakuchat.core.DeliveryFailure;
import org.wakuchat.core.report.ReliabilityReport.LatencyBucket;
import org.wakuchat.core.report.ReportPeriod;

/** How the reliability panel says its figures: durations, histogram buckets, failure reasons. */
final class ReportText {

    private ReportText() {
    }

    /** "0 s" (none at all), "850 ms", "1.2 s", "12 s", "3 min 20 s", "5 h 12 min", "2 d 4 h". */
    static String duration(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms == 0) {
            return "0 s";
        }
        if (ms < 1_000) {
            return ms + " ms";
        }
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3_600) {
            return pair(s / 60, "min", s % 60, "s");
        }
        if (s < 86_400) {
            return pair(s / 3_600, "h", s % 3_600 / 60, "min");
        }
        return pair(s / 86_400, "d", s % 86_400 / 3_600, "h");
    }

    private static String pair(long big, String bigUnit, long small, String smallUnit) {
        return small == 0 ? big + " " + bigUnit : big + " " + bigUnit + " " + small + " " + smallUnit;
    }

    /**
     * A histogram bucket's category: "< 250 ms", "250–500 ms", "0.5–1 s", "30–60 s", "1–5 min",
     * "≥ 30 min". Both ends in the unit of the upper one, so each label reads as one range.
     */
    static String bucket(LatencyBucket bucket) {
        if (bucket.to().isEmpty()) {
            Duration from = bucket.from();
            return "≥ " + inUnit(from, unitOf(from.plusMillis(1)));
        }
        Duration to = bucket.to().get();
        String unit = unitOf(to);
        if (bucket.from().isZero()) {
            return "< " + inUnit(to, unit);
        }
        String upper = inUnit(to, unit);
        return inUnit(bucket.from(), unit).replace(" " + unit, "") + "–" + upper;
    }

    private static String unitOf(Duration upper) {
        if (upper.toMillis() < 1_000) {
            return "ms";
        }
        return upper.toMillis() <= 60_000 ? "s" : "min";
    }

    private static String inUnit(Duration d, String unit) {
        double value = switch (unit) {
            case "ms" -> d.toMillis();
            case "s" -> d.toMillis() / 1000.0;
            default -> d.toMillis() / 60_000.0;
        };
        String number = value == Math.rint(value) ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.1f", value);
        return number + " " + unit;
    }

    /** Why messages failed, in the words the chat uses for one message. */
    static String failure(DeliveryFailure why) {
        return switch (why) {
            case NO_CONFIRMATION -> "no confirmation from your contact's device after every retry";
            case NO_ANSWER_TO_INVITE -> "your contact never answered the invite the chat started from";
            case INVITE_EXPIRED -> "the invite expired before your contact answered";
        };
    }

    /** "Last 24 hours", "Last 7 days", "All"; other lengths as the CLI writes them. */
    static String period(ReportPeriod period) {
        if (period.equals(ReportPeriod.LAST_24_HOURS)) {
            return "Last 24 hours";
        }
        if (period.equals(ReportPeriod.LAST_7_DAYS)) {
            return "Last 7 days";
        }
        return period.length().isEmpty() ? "All" : "Last " + period;
    }

    /** "1 message", "3 messages". */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** "92 %" of {@code part} in {@code whole}; empty when there is no whole. */
    static String percent(int part, int whole) {
        if (whole <= 0) {
            return "";
        }
        long p = Math.round(100.0 * part / whole);
        if (p == 100 && part < whole) {
            p = 99; // "100 %" while some are missing would be a lie
        }
        if (p == 0 && part > 0) {
            return "< 1 %";
        }
        return p + " %";
    }
}
