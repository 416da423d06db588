package org.wakuchat.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.DeliveryFailure;
import org.wakuchat.core.report.ReliabilityReport;
import org.wakuchat.core.report.ReportExport;
import org.wakuchat.core.report.ReportPeriod;
import org.wakuchat.core.report.ReportQuery;
import org.wakuchat.libwaku.LibWakuCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Print the reliability report: whether my messages arrived and how fast.",
            "Sent, delivered, pending and failed messages, delivery latency, missed messages and what became of "
                    + "them, catch-ups from Store, time connected and offline, rate-limit waits; from what this "
                    + "device recorded, without starting the node. --json prints the export format (no content, "
                    + "no names, no keys; contacts as random labels), the same as --export writes."})
final class StatsCommand extends AccountCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @Option(names = "--since", paramLabel = "<period>", defaultValue = "all",
            description = "24h, 7d, all (default), or any number with m, h or d.")
    String since;

    @Option(names = "--contact", paramLabel = "<contact>",
            description = "Only this conversation: id, id prefix, or the contact's (nick)name.")
    String contact;

    @Option(names = "--export", paramLabel = "<file.json>",
            description = "Also write the report to this JSON file, and its tables as CSV files next to it"
                    + " (<file>-contacts.csv …), to attach to a bug report.")
    Path export;

    @Override
    public Integer call() throws IOException {
        ReportPeriod period;
        try {
            period = ReportPeriod.parse(since);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--since: " + e.getMessage());
        }
        try (ChatEngine engine = AccountAccess.unlockOffline(environment(), account)) {
            Optional<Conversation> only = Optional.ofNullable(contact).map(c -> ContactResolver.resolve(engine, c));
            ReportQuery query = new ReportQuery(period, only.map(Conversation::id));
            ReliabilityReport report = engine.reliabilityReport(query);
            ReportExport exported = ReportExport.of(report, about(), new SecureRandom());
            if (export != null) {
                List<Path> files = exported.writeTo(export.toAbsolutePath());
                output().note("Wrote " + files.size() + " files: " + String.join(", ",
                        files.stream().map(f -> f.getFileName().toString()).toList()));
            }
            output().emitJson(exported.jsonLine(), human(engine, report));
            return ExitCodes.OK;
        }
    }

    static ReportExport.About about() {
        String app = StatsCommand.class.getPackage().getImplementationVersion();
        Optional<String> libwaku;
        try {
            libwaku = Optional.of(LibWakuCheck.Pinned.fromResource().version());
        } catch (RuntimeException unknown) {
            libwaku = Optional.empty();
        }
        return new ReportExport.About(app == null ? "development build" : app, libwaku);
    }

    private static String human(ChatEngine engine, ReliabilityReport r) {
        var out = new StringBuilder();
        String who = r.query().contact().map(id -> "with " + engine.conversation(id).displayName()).orElse("all contacts");
        String period = r.query().period().length().isEmpty() ? "all recorded" : "last " + r.query().period();
        out.append("Reliability report: ").append(period).append(", ").append(who).append(" (")
                .append(TIME.format(r.from())).append(" – ").append(TIME.format(r.to())).append(" UTC)\n");
        var o = r.outgoing();
        out.append(line("sent", o.sent() + ": " + o.delivered() + " delivered" + percent(o.delivered(), o.sent())
                + ", " + o.pending() + " pending, " + o.failed() + " failed" + failures(o)));
        out.append(line("retried", o.retried() + " message" + plural(o.retried()) + " (" + o.resends() + " resend"
                + plural(o.resends()) + ")"));
        var l = r.latency();
        out.append(line("latency", l.samples() == 0 ? "no delivered messages"
                : "median " + duration(l.median().orElseThrow()) + ", p95 " + duration(l.p95().orElseThrow())
                        + " (send → delivered, " + l.samples() + " message" + plural(l.samples()) + ")"));
        int widest = l.histogram().stream().mapToInt(ReliabilityReport.LatencyBucket::count).max().orElse(0);
        if (widest > 0) {
            for (var b : l.histogram()) {
                String range = b.to().map(to -> duration(b.from()) + "–" + duration(to)).orElse("≥ " + duration(b.from()));
                out.append(String.format(Locale.ROOT, "             %-14s %5d %s%n", range, b.count(),
                        "#".repeat((int) Math.ceil(30.0 * b.count() / widest))));
            }
        }
        out.append(line("received", String.valueOf(r.received())));
        var m = r.missed();
        out.append(line("missed", m.detected() + " detected: " + m.recoveredFromStore() + " recovered from Store, "
                + m.resentBySender() + " resent by the sender, " + m.lost() + " lost, " + m.stillMissing()
                + " still missing"));
        var c = r.catchUps();
        out.append(line("catch-ups", c.count() + " (Store answered " + c.storeAnswered() + "), " + c.messagesFetched()
                + " message" + plural(c.messagesFetched()) + " fetched, " + duration(c.total()) + " in all, longest "
                + duration(c.longest())));
        var k = r.connectivity();
        out.append(line("connected", duration(k.connected()) + ", offline " + duration(k.offline()) + ", not running "
                + duration(k.notRunning())));
        out.append(line("node", k.nodeStarts() + " start" + plural(k.nodeStarts()) + " (" + k.uncleanShutdowns()
                + " after a crash)"));
        if (!k.peers().isEmpty()) {
            var stats = k.peers().stream().mapToInt(ReliabilityReport.PeerSample::peers).summaryStatistics();
            out.append(line("peers", "last " + k.peers().getLast().peers() + ", min " + stats.getMin() + ", max "
                    + stats.getMax() + " (" + stats.getCount() + " samples)"));
        }
        out.append(line("rate limit", r.rateLimit().count() + " wait" + plural(r.rateLimit().count()) + ", "
                + duration(r.rateLimit().total()) + " in all"));
        r.clusterId().ifPresent(id -> out.append(line("cluster", String.valueOf(id))));
        if (!r.contacts().isEmpty()) {
            out.append(String.format(Locale.ROOT, "%-20s %6s %9s %7s %6s %8s %8s %7s%n", "contact", "sent", "delivered",
                    "pending", "failed", "received", "median", "missed"));
            for (var row : r.contacts()) {
                String name = engine.conversation(row.conversation()).displayName();
                out.append(String.format(Locale.ROOT, "%-20s %6d %9d %7d %6d %8d %8s %7s%n",
                        name.length() > 20 ? name.substring(0, 19) + "…" : name, row.sent(), row.delivered(),
                        row.pending(), row.failed(), row.received(), row.medianLatency().map(StatsCommand::duration)
                                .orElse("-"), row.missedDetected() + (row.missedLost() > 0 ? " (" + row.missedLost()
                                + " lost)" : "")));
            }
        }
        return out.toString().stripTrailing();
    }

    private static String line(String label, String text) {
        return String.format(Locale.ROOT, "%-12s %s%n", label, text);
    }

    private static String failures(ReliabilityReport.Outgoing o) {
        if (o.failedBy().isEmpty()) {
            return "";
        }
        var parts = new java.util.ArrayList<String>();
        for (DeliveryFailure why : DeliveryFailure.values()) {
            Integer n = o.failedBy().get(why);
            if (n != null) {
                parts.add(n + " " + why.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        }
        return " (" + String.join(", ", parts) + ")";
    }

    private static String percent(int part, int whole) {
        return whole == 0 ? "" : String.format(Locale.ROOT, " (%.1f %%)", 100.0 * part / whole);
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }

    /** 0.25 s, 12 s, 3 min 5 s, 2 h 10 min, 3 d 4 h. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.2f s", ms / 1000.0).replace(".00 s", " s");
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        if (s < 86_400) {
            return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
        }
        return s / 86_400 + " d" + (s % 86_400 / 3600 == 0 ? "" : " " + s % 86_400 / 3600 + " h");
    }
}
