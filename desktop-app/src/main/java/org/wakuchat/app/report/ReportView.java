package org.wakuchat.app.report;

import atlantafx.base.controls.Card;
import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.wakuchat.app.common.DialogFrame;
import org.wakuchat.app.common.Icons;
import org.wakuchat.app.common.TimeFormat;
import org.wakuchat.app.report.ReportModel.ContactChoice;
import org.wakuchat.core.DeliveryFailure;
import org.wakuchat.core.report.ReliabilityReport;
import org.wakuchat.core.report.ReliabilityReport.CatchUpRun;
import org.wakuchat.core.report.ReliabilityReport.ContactRow;
import org.wakuchat.core.report.ReliabilityReport.LatencyBucket;
import org.wakuchat.core.report.ReliabilityReport.PeerSample;
import org.wakuchat.core.report.ReportPeriod;

/**
 * The reliability panel: period and contact on top, the figures in cards (with a latency
 * histogram and the peer count over time), export at the bottom. Rebuilt from each report.
 */
final class ReportView {

    interface Actions {
        void period(ReportPeriod period);

        void contact(ContactChoice contact);

        void exportJson();

        void exportCsv();

        void close();
    }

    /** How many catch-ups the panel lists (the export has up to 100). */
    static final int CATCH_UPS_LISTED = 5;

    private final VBox root;
    private final VBox sections = new VBox(12);
    private final ReportModel model;
    private final TimeFormat time;

    ReportView(ReportModel model, TimeFormat time, Actions actions) {
        this.model = model;
        this.time = time;

        ToggleGroup periods = new ToggleGroup();
        HBox periodBox = new HBox(
                period(periods, "Last 24 hours", "report-period-24h", ReportPeriod.LAST_24_HOURS, Styles.LEFT_PILL, actions),
                period(periods, "Last 7 days", "report-period-7d", ReportPeriod.LAST_7_DAYS, Styles.CENTER_PILL, actions),
                period(periods, "All", "report-period-all", ReportPeriod.ALL, Styles.RIGHT_PILL, actions));
        model.period.subscribe(p -> periods.getToggles().forEach(t -> t.setSelected(p.equals(t.getUserData()))));

        ComboBox<ContactChoice> contact = new ComboBox<>(model.contacts);
        contact.setId("report-contact");
        contact.setPrefWidth(220);
        contact.setValue(model.contact.get());
        model.contact.subscribe(c -> contact.setValue(c));
        contact.setOnAction(event -> actions.contact(contact.getValue()));

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setId("report-busy");
        spinner.setPrefSize(22, 22);
        spinner.setMaxSize(22, 22);
        spinner.visibleProperty().bind(model.busy);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox choices = new HBox(12, periodBox, contact, spacer, spinner);
        choices.setAlignment(Pos.CENTER_LEFT);

        Label range = new Label();
        range.setId("report-range");
        range.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);

        Message error = new Message(null, "", Icons.icon(Material2AL.ERROR_OUTLINE));
        error.setId("report-error");
        error.getStyleClass().add(Styles.DANGER);
        error.descriptionProperty().bind(model.error);
        error.visibleProperty().bind(model.error.isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        sections.setPadding(new Insets(0, 12, 4, 0));
        ScrollPane scroll = new ScrollPane(sections);
        scroll.setId("report-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setPrefViewportHeight(470);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);

        Button json = new Button("Export JSON…", Icons.icon(Material2MZ.SAVE_ALT));
        json.setId("export-json");
        json.setOnAction(event -> actions.exportJson());
        json.disableProperty().bind(model.report.isNull());
        Button csv = new Button("Export CSV…", Icons.icon(Material2AL.GRID_ON));
        csv.setId("export-csv");
        csv.setOnAction(event -> actions.exportCsv());
        csv.disableProperty().bind(model.report.isNull());
        json.setMinWidth(Region.USE_PREF_SIZE);
        csv.setMinWidth(Region.USE_PREF_SIZE);
        Label forBugs = new Label("For a bug report: counts and times only, no message content, names or keys.");
        forBugs.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        forBugs.setWrapText(true);
        HBox exports = new HBox(8, json, csv, forBugs);
        exports.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(forBugs, Priority.ALWAYS);

        Message exported = new Message("Report saved", "", Icons.icon(Material2AL.CHECK_CIRCLE_OUTLINE));
        exported.setId("report-exported");
        exported.getStyleClass().add(Styles.SUCCESS);
        exported.descriptionProperty().bind(model.exported);
        exported.visibleProperty().bind(model.exported.isNotEmpty());
        exported.managedProperty().bind(exported.visibleProperty());

        VBox body = new VBox(10, choices, range, error, scroll, exported, exports);
        body.setPrefWidth(760);
        root = DialogFrame.of("Reliability report", body, actions::close);
        root.setId("report-dialog");

        model.report.subscribe(report -> {
            range.setText(report == null ? "Making the report…" : rangeText(report));
            render(report);
        });
        model.contacts.subscribe(() -> render(model.report.get())); // names of the contacts' rows
    }

    private static ToggleButton period(ToggleGroup group, String text, String id, ReportPeriod period, String pill,
                                       Actions actions) {
        ToggleButton button = new ToggleButton(text);
        button.setId(id);
        button.setUserData(period);
        button.setToggleGroup(group);
        button.getStyleClass().add(pill);
        button.setMinWidth(Region.USE_PREF_SIZE);
        button.setOnAction(event -> {
            button.setSelected(true); // a second click on the chosen period does not leave none chosen
            actions.period(period);
        });
        return button;
    }

    private String rangeText(ReliabilityReport report) {
        String who = report.query().contact().map(id -> "with " + name(id.value())).orElse("all contacts");
        return time.dateTime(report.from()) + " – " + time.dateTime(report.to()) + " · " + who;
    }

    private String name(String conversation) {
        return model.contacts.stream()
                .filter(c -> c.conversation().map(id -> id.value().equals(conversation)).orElse(false))
                .map(ContactChoice::name).findFirst().orElse("a former contact");
    }

    private void render(ReliabilityReport report) {
        sections.getChildren().clear();
        if (report == null) {
            return;
        }
        var out = report.outgoing();
        boolean noMessages = out.sent() == 0 && report.received() == 0 && report.missed().detected() == 0;
        var k = report.connectivity();
        boolean connectivity = !k.states().isEmpty() || !k.peers().isEmpty() || k.nodeStarts() > 0
                || !k.connected().isZero() || !k.offline().isZero() || report.catchUps().count() > 0
                || report.rateLimit().count() > 0;
        if (noMessages) {
            String who = report.query().contact().map(id -> " with " + name(id.value())).orElse("");
            Message empty = new Message("No messages in this period",
                    "Nothing was sent or received" + who + " between " + time.dateTime(report.from()) + " and "
                            + time.dateTime(report.to()) + "."
                            + (connectivity ? " How your node was connected is below." : " Try a longer period."),
                    Icons.icon(Material2AL.INFO));
            empty.setId("report-empty");
            empty.getStyleClass().add(Styles.ACCENT);
            sections.getChildren().add(empty);
        } else {
            sections.getChildren().addAll(outgoing(report), latency(report), incoming(report));
        }
        if (connectivity || !noMessages) {
            sections.getChildren().addAll(catchUps(report), connection(report));
        }
        if (!noMessages && report.query().contact().isEmpty() && !report.contacts().isEmpty()) {
            sections.getChildren().add(contacts(report));
        }
    }

    // ---- the cards

    private Node outgoing(ReliabilityReport report) {
        var out = report.outgoing();
        GridPane figures = figures(
                figure("report-sent", String.valueOf(out.sent()), "Sent"),
                figure("report-delivered", String.valueOf(out.delivered()),
                        join("Delivered", ReportText.percent(out.delivered(), out.sent()))),
                figure("report-pending", String.valueOf(out.pending()), "Still pending"),
                figure("report-failed", String.valueOf(out.failed()), "Failed"),
                figure("report-retried", String.valueOf(out.retried()), "Needed a retry"));
        VBox body = new VBox(10, figures);
        if (out.sent() == 0) {
            body.getChildren().setAll(note("report-outgoing-none", "You sent no messages in this period."));
        }
        if (out.failed() > 0) {
            VBox reasons = new VBox(4);
            reasons.setId("report-failures");
            int explained = 0;
            for (DeliveryFailure why : DeliveryFailure.values()) {
                int n = out.failedBy().getOrDefault(why, 0);
                if (n > 0) {
                    explained += n;
                    reasons.getChildren().add(reason("report-failure-" + why.name(), n, ReportText.failure(why)));
                }
            }
            if (out.failed() > explained) {
                reasons.getChildren().add(reason("report-failure-unknown", out.failed() - explained,
                        "failed before the app kept the reason"));
            }
            Label title = new Label("Why they failed");
            title.getStyleClass().add(Styles.TEXT_BOLD);
            body.getChildren().addAll(title, reasons);
        }
        if (out.retried() > 0) {
            body.getChildren().add(note("report-resends", ReportText.count(out.retried(), "message") + " needed "
                    + ReportText.count(out.resends(), "extra publish attempt") + " in all."));
        }
        return card("Your messages", "Messages you wrote in this period, by where they are now.", body);
    }

    private static Label reason(String id, int count, String text) {
        Label label = new Label(count + " — " + text);
        label.setId(id);
        label.setWrapText(true);
        return label;
    }

    private Node latency(ReliabilityReport report) {
        var lat = report.latency();
        if (lat.samples() == 0) {
            return card("Delivery time", "From sending a message to your contact's device confirming it.",
                    note("latency-empty", "None of your messages in this period has been delivered yet, so there is "
                            + "no delivery time to show."));
        }
        GridPane figures = figures(
                figure("report-median", lat.median().map(ReportText::duration).orElse("—"), "Median"),
                figure("report-p95", lat.p95().map(ReportText::duration).orElse("—"), "95 % within"),
                figure("report-latency-samples", String.valueOf(lat.samples()), "Delivered messages measured"));
        CategoryAxis x = new CategoryAxis();
        x.setLabel("Time until delivered");
        x.setAnimated(false);
        // headroom above the tallest bar for its count
        NumberAxis y = countAxis((int) Math.ceil(1.15 * lat.histogram().stream().mapToInt(LatencyBucket::count).max().orElse(0)));
        y.setLabel("Messages");
        BarChart<String, Number> chart = new BarChart<>(x, y);
        chart.setId("latency-chart");
        chart.getStyleClass().add("report-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setCategoryGap(6);
        chart.setBarGap(0);
        chart.setPrefHeight(240);
        chart.setMinHeight(240);
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        series.setName("Messages");
        for (LatencyBucket bucket : lat.histogram()) {
            XYChart.Data<String, Number> bar = new XYChart.Data<>(twoLines(ReportText.bucket(bucket)), bucket.count());
            bar.setNode(bar(bucket));
            series.getData().add(bar);
        }
        chart.getData().add(series);
        return card("Delivery time", "From sending a message to your contact's device confirming it.",
                new VBox(8, figures, chart));
    }

    /**
     * "250–500 ms" as "250–500" over "ms": on one line the eleven labels did not fit side by side
     * and the axis turned them on end.
     */
    static String twoLines(String label) {
        int space = label.lastIndexOf(' ');
        return space < 0 ? label : label.substring(0, space) + "\n" + label.substring(space + 1);
    }

    /** A bar with its count above it (a bar of 1 among 200 is too thin to see) and a tooltip. */
    private static Node bar(LatencyBucket bucket) {
        StackPane bar = new StackPane();
        if (bucket.count() > 0) {
            Label count = new Label(String.valueOf(bucket.count()));
            count.getStyleClass().addAll(Styles.TEXT_SMALL, "report-bar-count");
            count.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
            count.setTranslateY(-18);
            StackPane.setAlignment(count, Pos.TOP_CENTER);
            bar.getChildren().add(count);
            Tooltip.install(bar, new Tooltip(ReportText.count(bucket.count(), "message") + " delivered in "
                    + ReportText.bucket(bucket)));
        }
        return bar;
    }

    private Node incoming(ReliabilityReport report) {
        var m = report.missed();
        GridPane figures = figures(
                figure("report-received", String.valueOf(report.received()), "Received"),
                figure("report-missed", String.valueOf(m.detected()), "Found missing"),
                figure("report-recovered-store", String.valueOf(m.recoveredFromStore()), "Recovered from Store"),
                figure("report-resent", String.valueOf(m.resentBySender()), "Resent by the sender"),
                figure("report-lost", String.valueOf(m.lost()), "Lost"),
                figure("report-still-missing", String.valueOf(m.stillMissing()), "Still missing"));
        VBox body = new VBox(8, figures);
        if (m.detected() > 0) {
            body.getChildren().add(note("report-missed-note", "A gap in a contact's history shows that messages are "
                    + "missing; the app fetches them from Store nodes, or their device sends them again."));
        }
        return card("Messages from your contacts", "Messages that arrived in this period, and the ones found missing.",
                body);
    }

    private Node catchUps(ReliabilityReport report) {
        var c = report.catchUps();
        if (c.count() == 0) {
            return card("Catching up after being offline", "Fetching from Store what arrived while you were away."
                    + accountWide(report), note("catch-ups-empty", "No catch-ups in this period."));
        }
        GridPane figures = figures(
                figure("report-catchups", String.valueOf(c.count()), "Catch-ups"),
                figure("report-store-answered", c.storeAnswered() + " of " + c.count(), "Store answered in full"),
                figure("report-fetched", String.valueOf(c.messagesFetched()), "Messages fetched"),
                figure("report-catchup-longest", ReportText.duration(c.longest()), "Longest"),
                figure("report-catchup-total", ReportText.duration(c.total()), "In all"));
        VBox runs = new VBox(3);
        runs.setId("report-catchup-runs");
        List<CatchUpRun> recent = c.recent();
        for (int i = recent.size() - 1; i >= Math.max(0, recent.size() - CATCH_UPS_LISTED); i--) {
            CatchUpRun run = recent.get(i);
            Label line = new Label(time.dateTime(run.startedAt()) + " — after " + ReportText.duration(run.offlineFor())
                    + " offline: " + ReportText.count(run.messagesFetched(), "message") + " in "
                    + ReportText.duration(run.took()) + (run.storeAnswered() ? "" : "; Store did not answer in full"));
            line.getStyleClass().add(Styles.TEXT_SMALL);
            if (!run.storeAnswered()) {
                line.getStyleClass().add(Styles.WARNING);
            }
            runs.getChildren().add(line);
        }
        Label latest = new Label(recent.size() > CATCH_UPS_LISTED ? "The latest " + CATCH_UPS_LISTED : "Each one");
        latest.getStyleClass().add(Styles.TEXT_BOLD);
        return card("Catching up after being offline", "Fetching from Store what arrived while you were away."
                + accountWide(report), recent.isEmpty() ? figures : new VBox(8, figures, latest, runs));
    }

    private Node connection(ReliabilityReport report) {
        var k = report.connectivity();
        var waits = report.rateLimit();
        GridPane figures = figures(
                figure("report-connected", ReportText.duration(k.connected()), "Connected"),
                figure("report-offline", ReportText.duration(k.offline()), "Running without peers"),
                figure("report-not-running", ReportText.duration(k.notRunning()), "App not running"),
                figure("report-node-starts", String.valueOf(k.nodeStarts()), "Node starts"),
                figure("report-rate-limit", String.valueOf(waits.count()), waits.count() == 0 ? "Rate-limit waits"
                        : "Rate-limit waits, " + ReportText.duration(waits.total()) + " in all"));
        VBox body = new VBox(8, figures);
        if (k.uncleanShutdowns() > 0) {
            Label unclean = note("report-unclean", ReportText.count(k.uncleanShutdowns(), "start") + " found that the "
                    + "app had not closed properly the time before (a crash, or it was killed).");
            unclean.getStyleClass().add(Styles.WARNING);
            body.getChildren().add(unclean);
        }
        List<List<PeerSample>> lines = PeerLine.segments(k, report.to());
        if (lines.isEmpty()) {
            body.getChildren().add(note("peers-empty", "No peer counts recorded in this period."));
        } else {
            body.getChildren().add(peerChart(report.from(), report.to(), lines));
        }
        Card card = card("Connection", "How your node was connected: time, peers, restarts, waits for the rate limit."
                + accountWide(report), body);
        card.setId("report-connection");
        return card;
    }

    /** Connectivity and catch-ups belong to the account: said so when one contact is chosen. */
    private static String accountWide(ReliabilityReport report) {
        return report.query().contact().isPresent() ? " For your whole account, not only this contact." : "";
    }

    private Node peerChart(Instant from, Instant to, List<List<PeerSample>> lines) {
        Instant first = lines.getFirst().getFirst().at();
        ChartTicks ticks = ChartTicks.of(first.isBefore(from) ? first : from, to, time.zone());
        NumberAxis x = new NumberAxis(ticks.lower(), ticks.upper(), ticks.unit());
        x.setAutoRanging(false);
        x.setMinorTickVisible(false);
        x.setAnimated(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number value) {
                Instant at = Instant.ofEpochMilli(value.longValue());
                boolean midnight = at.atZone(time.zone()).toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
                return ticks.days() || midnight ? time.shortDate(at) : time.time(at);
            }

            @Override
            public Number fromString(String text) {
                return 0;
            }
        });
        int most = lines.stream().flatMap(List::stream).mapToInt(PeerSample::peers).max().orElse(0);
        NumberAxis y = countAxis(most);
        y.setLabel("Peers");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("peers-chart");
        chart.getStyleClass().addAll("report-chart", "peers-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setCreateSymbols(false);
        chart.setPrefHeight(200);
        chart.setMinHeight(200);
        for (List<PeerSample> line : lines) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            for (PeerSample sample : line) {
                series.getData().add(new XYChart.Data<>(sample.at().toEpochMilli(), sample.peers()));
            }
            chart.getData().add(series);
        }
        return chart;
    }

    /** A y axis for counts: whole numbers only, from 0 to a round number at or above {@code max}. */
    private static NumberAxis countAxis(int max) {
        int step = niceStep(max);
        int upper = Math.max(step, (max + step - 1) / step * step);
        NumberAxis axis = new NumberAxis(0, upper, step);
        axis.setAutoRanging(false);
        axis.setMinorTickVisible(false);
        axis.setAnimated(false);
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number value) {
                return String.valueOf(value.intValue());
            }

            @Override
            public Number fromString(String text) {
                return Integer.parseInt(text);
            }
        });
        return axis;
    }

    /** The smallest of 1, 2, 5, 10, 20, 50… that divides 0..max into at most 6 steps. */
    static int niceStep(int max) {
        for (int base = 1; ; base *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                if (max <= 6L * base * m) {
                    return base * m;
                }
            }
        }
    }

    private Node contacts(ReliabilityReport report) {
        GridPane table = new GridPane();
        table.setId("report-contacts");
        table.setHgap(16);
        table.setVgap(4);
        String[] headers = {"Contact", "Sent", "Delivered", "Pending", "Failed", "Received", "Median", "Missing", "Lost"};
        for (int col = 0; col < headers.length; col++) {
            Label header = new Label(headers[col]);
            header.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            table.add(header, col, 0);
        }
        int row = 1;
        for (ContactRow r : report.contacts()) {
            Label who = new Label(name(r.conversation().value()));
            who.setMaxWidth(180);
            table.add(who, 0, row);
            Object[] cells = {r.sent(), r.delivered(), r.pending(), r.failed(), r.received(),
                r.medianLatency().map(ReportText::duration).orElse("—"), r.missedDetected(), r.missedLost()};
            for (int col = 0; col < cells.length; col++) {
                Label cell = new Label(String.valueOf(cells[col]));
                cell.setId("report-contact-" + (row - 1) + "-" + headers[col + 1].toLowerCase(java.util.Locale.ROOT));
                table.add(cell, col + 1, row);
            }
            row++;
        }
        return card("By contact", "Names stay on this screen; an export calls them contact-1, contact-2 and so on.", table);
    }

    // ---- building blocks

    private static Card card(String title, String subtitle, Node body) {
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_4);
        Label sub = new Label(subtitle);
        sub.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        sub.setWrapText(true);
        Card card = new Card();
        card.setHeader(new VBox(2, heading, sub));
        card.setBody(body);
        card.getStyleClass().add("report-card");
        card.setMinHeight(Region.USE_PREF_SIZE);
        return card;
    }

    private static VBox figure(String id, String value, String caption) {
        Label number = new Label(value);
        number.setId(id);
        number.getStyleClass().addAll(Styles.TITLE_3, "report-figure-value");
        Label text = new Label(caption);
        text.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        text.setWrapText(true);
        text.setTooltip(new Tooltip(caption));
        VBox box = new VBox(2, number, text);
        box.getStyleClass().add("report-figure");
        box.setMinHeight(Region.USE_PREF_SIZE);
        return box;
    }

    /** Figures side by side in equal columns. */
    private static GridPane figures(VBox... figures) {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        for (int i = 0; i < figures.length; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / figures.length);
            column.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(column);
            grid.add(figures[i], i, 0);
            figures[i].setMaxWidth(Double.MAX_VALUE);
        }
        return grid;
    }

    private static Label note(String id, String text) {
        Label label = new Label(text);
        label.setId(id);
        label.setWrapText(true);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    private static String join(String caption, String extra) {
        return extra.isEmpty() ? caption : caption + " · " + extra;
    }

    VBox root() {
        return root;
    }
}
