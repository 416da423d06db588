package org.wakuchat.app.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Parent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.app.common.Controller;
import org.wakuchat.app.common.FileDialogs;
import org.wakuchat.app.common.TimeFormat;
import org.wakuchat.app.common.UiExecutor;
import org.wakuchat.app.report.ReportModel.ContactChoice;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.report.ReliabilityReport;
import org.wakuchat.core.report.ReportExport;
import org.wakuchat.core.report.ReportPeriod;
import org.wakuchat.core.report.ReportQuery;
import org.wakuchat.libwaku.LibWakuCheck;

/**
 * The reliability panel: whether my messages arrived and how fast, over a chosen period, overall
 * or for one contact (docs/reliability.md, "Reliability report"), and its export to JSON or CSV
 * for a bug report. The engine computes the report from its database, off the FX thread; a newer
 * choice of period or contact supersedes a report still being made.
 */
public final class ReliabilityReportController implements Controller, ReportView.Actions {

    private static final Logger LOG = LoggerFactory.getLogger(ReliabilityReportController.class);
    static final String NO_CONTENT = "It holds counts and times only: no message content, names, keys or addresses;"
            + " contacts appear as contact-1, contact-2 and so on.";

    private final ReportModel model = new ReportModel();
    private final ReportView view;
    private final ChatEngine engine;
    private final UiExecutor executor;
    private final FileDialogs files;
    private final Runnable onClose;
    /** Counts report requests: only the answer to the latest one is shown. */
    private long requests;
    private boolean active;

    public ReliabilityReportController(ChatEngine engine, UiExecutor executor, FileDialogs files, TimeFormat time,
                                       Runnable onClose) {
        this.engine = engine;
        this.executor = executor;
        this.files = files;
        this.onClose = onClose;
        this.view = new ReportView(model, time, this);
    }

    @Override
    public Parent view() {
        return view.root();
    }

    @Override
    public void onActivate() {
        active = true;
        executor.run(this::contactChoices, choices -> {
            ContactChoice chosen = model.contact.get();
            model.contacts.setAll(choices);
            model.contact.set(choices.contains(chosen) ? chosen : ContactChoice.EVERYONE);
        }, failure -> LOG.warn("Could not list the contacts for the reliability report: {}", failure.toString()));
        refresh();
    }

    @Override
    public void onDeactivate() {
        active = false;
        requests++; // an answer still on its way is for nobody
    }

    private List<ContactChoice> contactChoices() {
        List<ContactChoice> choices = new ArrayList<>();
        choices.add(ContactChoice.EVERYONE);
        engine.conversations().stream()
                .sorted(Comparator.comparing(Conversation::displayName, String.CASE_INSENSITIVE_ORDER))
                .map(c -> new ContactChoice(Optional.of(c.id()), c.displayName()))
                .forEach(choices::add);
        return choices;
    }

    private ReportQuery query() {
        return new ReportQuery(model.period.get(), model.contact.get().conversation());
    }

    private void refresh() {
        long request = ++requests;
        ReportQuery query = query();
        model.busy.set(true);
        model.exported.set(""); // it told of the report shown before
        executor.run(() -> engine.reliabilityReport(query), report -> {
            if (request == requests && active) {
                model.busy.set(false);
                model.error.set("");
                model.report.set(report);
            }
        }, failure -> {
            if (request == requests && active) {
                LOG.warn("Could not make the reliability report: {}", failure.toString());
                model.busy.set(false);
                model.error.set("Could not make the report: " + failure.getMessage());
            }
        });
    }

    // ---- ReportView.Actions

    @Override
    public void period(ReportPeriod period) {
        if (!period.equals(model.period.get())) {
            model.period.set(period);
            refresh();
        }
    }

    @Override
    public void contact(ContactChoice contact) {
        if (contact != null && !contact.equals(model.contact.get())) {
            model.contact.set(contact);
            refresh();
        }
    }

    @Override
    public void exportJson() {
        ReliabilityReport report = model.report.get();
        if (report == null) {
            return;
        }
        files.saveFile(view.root().getScene().getWindow(), "Export reliability report", suggestedName(report, "json"),
                "JSON file", "json").ifPresent(target -> {
            Path file = withExtension(target, "json");
            write(() -> {
                Files.writeString(file, export(report).json(), StandardCharsets.UTF_8);
                return List.of(file);
            });
        });
    }

    /**
     * Writes each table of the report as its own CSV file, named after the chosen one:
     * {@code report.csv} → {@code report-summary.csv}, {@code report-contacts.csv}…
     */
    @Override
    public void exportCsv() {
        ReliabilityReport report = model.report.get();
        if (report == null) {
            return;
        }
        files.saveFile(view.root().getScene().getWindow(), "Export reliability report tables",
                suggestedName(report, "csv"), "CSV files", "csv").ifPresent(target -> {
            Path chosen = withExtension(target, "csv");
            String name = chosen.getFileName().toString();
            String base = name.substring(0, name.length() - ".csv".length());
            write(() -> {
                List<Path> written = new ArrayList<>();
                for (Map.Entry<String, String> table : export(report).csvTables().entrySet()) {
                    Path file = chosen.resolveSibling(base + "-" + table.getKey());
                    Files.writeString(file, table.getValue(), StandardCharsets.UTF_8);
                    written.add(file);
                }
                return written;
            });
        });
    }

    private interface Writing {
        List<Path> write() throws IOException;
    }

    private void write(Writing writing) {
        model.exported.set("");
        executor.run(writing::write, written -> {
            model.error.set("");
            String what = written.size() == 1 ? "Saved " + written.getFirst().getFileName()
                    : "Saved " + written.size() + " CSV files (" + written.getFirst().getFileName() + "…)";
            model.exported.set(what + " in " + written.getFirst().getParent() + ". " + NO_CONTENT);
        }, failure -> model.error.set("Could not save the report: "
                + (failure instanceof IOException io ? io.getMessage() : failure.toString())));
    }

    /** Random labels each time: two exports cannot be matched up by label (ReportExport). */
    private static ReportExport export(ReliabilityReport report) {
        String app = ReliabilityReportController.class.getPackage().getImplementationVersion();
        Optional<String> libwaku;
        try {
            libwaku = Optional.ofNullable(LibWakuCheck.Pinned.fromResource().version());
        } catch (RuntimeException unknown) {
            libwaku = Optional.empty();
        }
        return ReportExport.of(report, new ReportExport.About(app == null ? "development build" : app, libwaku),
                new SecureRandom());
    }

    /** "wakuchat-reliability-7d.json"; no contact's name, since the file name travels with the file. */
    private static String suggestedName(ReliabilityReport report, String extension) {
        return "wakuchat-reliability-" + report.query().period() + "." + extension;
    }

    private static Path withExtension(Path target, String extension) {
        return target.toString().endsWith("." + extension) ? target
                : target.resolveSibling(target.getFileName() + "." + extension);
    }

    @Override
    public void close() {
        onClose.run();
    }
}
