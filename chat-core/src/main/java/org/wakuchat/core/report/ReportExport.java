package org.wakuchat.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryFailure;
import org.wakuchat.core.report.ReliabilityReport.CatchUpRun;
import org.wakuchat.core.report.ReliabilityReport.ContactRow;
import org.wakuchat.core.report.ReliabilityReport.LatencyBucket;
import org.wakuchat.core.report.ReliabilityReport.PeerSample;
import org.wakuchat.core.report.ReliabilityReport.StateChange;

/**
 * A reliability report as a file a user can attach to a bug report: JSON (everything), and CSV
 * for its tables. It holds counts, times, durations, versions and the cluster number, and
 * nothing else: no message content, no names, no keys, no content topics, no peer ids or
 * addresses. Conversations appear as labels {@code contact-1}, {@code contact-2}… given in a
 * random order for each export, so two exports cannot be matched up by label and a label says
 * nothing about who it is. The JSON field names are a contract (docs/cli.md, "stats"): fields
 * may be added, never renamed or removed. Durations are whole milliseconds ({@code …Ms}), times
 * ISO-8601 UTC; absent values are left out.
 */
public final class ReportExport {

    /** The export format's version, in every export's {@code formatVersion}. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper JSON_LINE = new ObjectMapper();

    /**
     * What built the report, for the export's {@code app} section.
     *
     * @param appVersion     the app's version ("development build" from a checkout)
     * @param libwakuVersion the nwaku version of the libwaku this build is pinned to, when known
     */
    public record About(String appVersion, Optional<String> libwakuVersion) {
        public About {
            Objects.requireNonNull(appVersion, "appVersion");
            Objects.requireNonNull(libwakuVersion, "libwakuVersion");
        }
    }

    private final ReliabilityReport report;
    private final About about;
    private final Map<ConversationId, String> labels;

    private ReportExport(ReliabilityReport report, About about, Map<ConversationId, String> labels) {
        this.report = report;
        this.about = about;
        this.labels = labels;
    }

    /** Gives the report's conversations their random labels (drawn from {@code random}). */
    public static ReportExport of(ReliabilityReport report, About about, RandomGenerator random) {
        List<ConversationId> ids = new ArrayList<>();
        report.query().contact().ifPresent(ids::add);
        report.contacts().stream().map(ContactRow::conversation).filter(id -> !ids.contains(id)).forEach(ids::add);
        Collections.shuffle(ids, random);
        Map<ConversationId, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            labels.put(ids.get(i), "contact-" + (i + 1));
        }
        return new ReportExport(report, about, Collections.unmodifiableMap(labels));
    }

    public ReliabilityReport report() {
        return report;
    }

    /** The label a conversation has in this export (for showing the user which is which; not exported). */
    public Optional<String> label(ConversationId conversation) {
        return Optional.ofNullable(labels.get(conversation));
    }

    /** The whole export as indented JSON. */
    public String json() {
        return write(JSON);
    }

    /** The whole export as JSON on one line (what {@code wakuchat-cli stats --json} prints). */
    public String jsonLine() {
        return write(JSON_LINE);
    }

    private String write(ObjectMapper mapper) {
        try {
            return mapper.writeValueAsString(tree());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    /**
     * The tables as CSV (RFC 4180, header row first, durations in ms), by file name:
     * {@code summary.csv} (name,value), {@code contacts.csv}, {@code latency-histogram.csv},
     * {@code failures.csv}, {@code catch-ups.csv}, {@code states.csv}, {@code peers.csv}.
     */
    public Map<String, String> csvTables() {
        Map<String, String> tables = new LinkedHashMap<>();
        var summary = new Csv("name", "value");
        flatten("", tree(), summary);
        tables.put("summary.csv", summary.text());
        var contacts = new Csv("contact", "sent", "delivered", "pending", "failed", "received", "medianLatencyMs",
                "missedDetected", "missedLost");
        for (ContactRow r : report.contacts()) {
            contacts.row(labels.get(r.conversation()), r.sent(), r.delivered(), r.pending(), r.failed(), r.received(),
                    r.medianLatency().map(Duration::toMillis).map(String::valueOf).orElse(""), r.missedDetected(),
                    r.missedLost());
        }
        tables.put("contacts.csv", contacts.text());
        var histogram = new Csv("fromMs", "toMs", "count");
        for (LatencyBucket b : report.latency().histogram()) {
            histogram.row(b.from().toMillis(), b.to().map(Duration::toMillis).map(String::valueOf).orElse(""), b.count());
        }
        tables.put("latency-histogram.csv", histogram.text());
        var failures = new Csv("reason", "count");
        for (DeliveryFailure why : DeliveryFailure.values()) {
            failures.row(why.name(), report.outgoing().failedBy().getOrDefault(why, 0));
        }
        tables.put("failures.csv", failures.text());
        var catchUps = new Csv("startedAt", "tookMs", "offlineForMs", "messagesFetched", "storeAnswered");
        for (CatchUpRun c : report.catchUps().recent()) {
            catchUps.row(c.startedAt(), c.took().toMillis(), c.offlineFor().toMillis(), c.messagesFetched(),
                    c.storeAnswered());
        }
        tables.put("catch-ups.csv", catchUps.text());
        var states = new Csv("at", "state");
        for (StateChange s : report.connectivity().states()) {
            states.row(s.at(), s.state().name());
        }
        tables.put("states.csv", states.text());
        var peers = new Csv("at", "peers");
        for (PeerSample p : report.connectivity().peers()) {
            peers.row(p.at(), p.peers());
        }
        tables.put("peers.csv", peers.text());
        return tables;
    }

    /**
     * Writes the JSON to {@code jsonFile} and each CSV table next to it, named after it
     * ({@code report.json} → {@code report-contacts.csv}…). Returns every file written, JSON first.
     */
    public List<Path> writeTo(Path jsonFile) throws IOException {
        String name = jsonFile.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        List<Path> written = new ArrayList<>();
        Files.writeString(jsonFile, json(), StandardCharsets.UTF_8);
        written.add(jsonFile);
        for (var table : csvTables().entrySet()) {
            Path file = jsonFile.resolveSibling(base + "-" + table.getKey());
            Files.writeString(file, table.getValue(), StandardCharsets.UTF_8);
            written.add(file);
        }
        return List.copyOf(written);
    }

    // ---- JSON

    private ObjectNode tree() {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "reliabilityReport");
        root.put("formatVersion", FORMAT_VERSION);
        root.put("period", report.query().period().toString());
        report.query().contact().ifPresent(c -> root.put("contact", labels.get(c)));
        root.put("from", report.from().toString());
        root.put("to", report.to().toString());
        ObjectNode app = root.putObject("app");
        app.put("version", about.appVersion());
        about.libwakuVersion().ifPresent(v -> app.put("libwakuVersion", v));
        report.clusterId().ifPresent(c -> app.put("clusterId", c));

        var out = report.outgoing();
        ObjectNode outgoing = root.putObject("outgoing");
        outgoing.put("sent", out.sent());
        outgoing.put("delivered", out.delivered());
        outgoing.put("pending", out.pending());
        outgoing.put("failed", out.failed());
        ObjectNode failedBy = outgoing.putObject("failedBy");
        for (DeliveryFailure why : DeliveryFailure.values()) {
            failedBy.put(why.name(), out.failedBy().getOrDefault(why, 0));
        }
        outgoing.put("retried", out.retried());
        outgoing.put("resends", out.resends());

        var lat = report.latency();
        ObjectNode latency = root.putObject("latency");
        latency.put("samples", lat.samples());
        lat.median().ifPresent(d -> latency.put("medianMs", d.toMillis()));
        lat.p95().ifPresent(d -> latency.put("p95Ms", d.toMillis()));
        ArrayNode histogram = latency.putArray("histogram");
        for (LatencyBucket b : lat.histogram()) {
            ObjectNode bucket = histogram.addObject();
            bucket.put("fromMs", b.from().toMillis());
            b.to().ifPresent(to -> bucket.put("toMs", to.toMillis()));
            bucket.put("count", b.count());
        }

        root.put("received", report.received());

        var m = report.missed();
        ObjectNode missed = root.putObject("missed");
        missed.put("detected", m.detected());
        missed.put("recoveredFromStore", m.recoveredFromStore());
        missed.put("resentBySender", m.resentBySender());
        missed.put("lost", m.lost());
        missed.put("stillMissing", m.stillMissing());

        var c = report.catchUps();
        ObjectNode catchUps = root.putObject("catchUps");
        catchUps.put("count", c.count());
        catchUps.put("storeAnswered", c.storeAnswered());
        catchUps.put("messagesFetched", c.messagesFetched());
        catchUps.put("totalMs", c.total().toMillis());
        catchUps.put("longestMs", c.longest().toMillis());
        ArrayNode recent = catchUps.putArray("recent");
        for (CatchUpRun run : c.recent()) {
            ObjectNode r = recent.addObject();
            r.put("startedAt", run.startedAt().toString());
            r.put("tookMs", run.took().toMillis());
            r.put("offlineForMs", run.offlineFor().toMillis());
            r.put("messagesFetched", run.messagesFetched());
            r.put("storeAnswered", run.storeAnswered());
        }

        var k = report.connectivity();
        ObjectNode connectivity = root.putObject("connectivity");
        connectivity.put("connectedMs", k.connected().toMillis());
        connectivity.put("offlineMs", k.offline().toMillis());
        connectivity.put("notRunningMs", k.notRunning().toMillis());
        connectivity.put("nodeStarts", k.nodeStarts());
        connectivity.put("uncleanShutdowns", k.uncleanShutdowns());
        ArrayNode states = connectivity.putArray("states");
        for (StateChange s : k.states()) {
            states.addObject().put("at", s.at().toString()).put("state", s.state().name());
        }
        ArrayNode peers = connectivity.putArray("peers");
        for (PeerSample p : k.peers()) {
            peers.addObject().put("at", p.at().toString()).put("peers", p.peers());
        }

        ObjectNode rateLimit = root.putObject("rateLimit");
        rateLimit.put("waits", report.rateLimit().count());
        rateLimit.put("totalWaitMs", report.rateLimit().total().toMillis());

        ArrayNode contacts = root.putArray("contacts");
        for (ContactRow r : report.contacts()) {
            ObjectNode row = contacts.addObject();
            row.put("contact", labels.get(r.conversation()));
            row.put("sent", r.sent());
            row.put("delivered", r.delivered());
            row.put("pending", r.pending());
            row.put("failed", r.failed());
            row.put("received", r.received());
            r.medianLatency().ifPresent(d -> row.put("medianLatencyMs", d.toMillis()));
            row.put("missedDetected", r.missedDetected());
            row.put("missedLost", r.missedLost());
        }
        return root;
    }

    /** The scalar fields of the JSON (not its arrays), as dotted names: the summary table. */
    private static void flatten(String prefix, com.fasterxml.jackson.databind.JsonNode node, Csv into) {
        node.properties().forEach(field -> {
            String name = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            var value = field.getValue();
            if (value.isObject()) {
                flatten(name, value, into);
            } else if (!value.isArray()) {
                into.row(name, value.asText());
            }
        });
    }

    /** A CSV table; cells are quoted when they need it. */
    private static final class Csv {
        private final StringBuilder text = new StringBuilder();

        Csv(String... header) {
            row((Object[]) header);
        }

        void row(Object... cells) {
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    text.append(',');
                }
                String cell = String.valueOf(cells[i]);
                if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
                    cell = '"' + cell.replace("\"", "\"\"") + '"';
                }
                text.append(cell);
            }
            text.append("\r\n");
        }

        String text() {
            return text.toString();
        }
    }
}
