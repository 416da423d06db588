package org.wakuchat.core.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How P1's figure grows (docs/bandwidth.md): the engine's figures measured on the simulator at a
 * few message rates and losses (acknowledgements ride on replies more often the faster people
 * write, so a rate's figures are measured, not scaled), put through {@link P1Model} for 0 to
 * {@value #MAX_USERS} users on one shard, printed as {@code growth_…} lines and drawn as an SVG
 * (hand-written: lines of Mbps against users, one per rate, with the floor and P1's budget).
 */
final class GrowthChart {

    static final int MAX_USERS = 20_000;
    static final double[] RATES = {1, 2, 4, 8};
    static final double[] LOSSES = {0, 0.05, 0.2};
    private static final String[] COLOURS = {"#1b9e77", "#7570b3", "#d95f02", "#e7298a"};

    private GrowthChart() {
    }

    /** One line of the chart: Mbps on one shard at 0, 1000, … users. */
    record Line(String label, String colour, String dash, double[] mbps) {
    }

    static void measureAndWrite(Map<String, String> options, P1Model.Inputs base, Path svg) throws IOException {
        Path dir = Files.createTempDirectory("wakuchat-growth");
        try {
            long seed = Long.parseLong(options.getOrDefault("seed", "1"));
            var wire = BandwidthBenchmark.WireSize.measure(dir.resolve("wire"), seed);
            long[] session = P1ModelBenchmark.sessionStart(dir.resolve("session"), seed);
            double loss = Double.parseDouble(options.getOrDefault("loss", "0.05"));
            List<Line> lines = new ArrayList<>();
            for (int i = 0; i < RATES.length; i++) {
                double rate = RATES[i];
                var engine = P1ModelBenchmark.measured(dir.resolve("rate" + i), options, wire, session, rate, loss);
                P1Model model = engine.model(withRate(base, rate));
                print("growth_rate_" + fmt(rate) + "_pure_acks_per_text", P1Model.f3(engine.pureAcksPerText()));
                print("growth_rate_" + fmt(rate) + "_delivery_p95_ms", P1Model.f1(engine.deliveryP95Ms()));
                print("growth_rate_" + fmt(rate) + "_bytes_per_text_on_wire", P1Model.f1(model.bytesPerTextOnWire()));
                print("growth_rate_" + fmt(rate) + "_mbps_10k_users", P1Model.f3(model.withUsers(10_000).mbps(1)));
                lines.add(new Line(fmt(rate) + (rate == 1 ? " text/min" : " texts/min"), COLOURS[i], "", curve(model)));
                if (rate == 4) {
                    P1Model floor = model.floor(P1ModelBenchmark.emptyWakuMessageBytes());
                    lines.add(new Line("floor at 4/min (empty payload, no acks)", "#555555", "6,4", curve(floor)));
                    double[] eight = curve(model);
                    for (int u = 0; u < eight.length; u++) {
                        eight[u] = model.withUsers(u * 1000.0).mbps(8);
                    }
                    lines.add(new Line("4 texts/min, spread over 8 shards", COLOURS[i], "2,3", eight));
                }
            }
            for (double l : LOSSES) {
                var engine = P1ModelBenchmark.measured(dir.resolve("loss" + l), options, wire, session, 4, l);
                P1Model model = engine.model(withRate(base, 4));
                print("growth_loss_" + fmt(l) + "_publishes_per_text", P1Model.f3(engine.publishesPerText()));
                print("growth_loss_" + fmt(l) + "_delivery_p95_ms", P1Model.f1(engine.deliveryP95Ms()));
                print("growth_loss_" + fmt(l) + "_mbps_10k_users", P1Model.f3(model.withUsers(10_000).mbps(1)));
            }
            Files.writeString(svg, svg(lines));
            print("growth_chart", svg);
        } finally {
            Soak.deleteRecursively(dir);
        }
    }

    private static P1Model.Inputs withRate(P1Model.Inputs in, double rate) {
        return new P1Model.Inputs(in.users(), rate, in.onlineShare(), in.shards(), in.publishesPerText(),
                in.bytesPerTextPublished(), in.rlnProofBytes(), in.sessionStartsPerUserPerDay(), in.sessionStartMessages(),
                in.sessionStartBytes(), in.catchupQueriesPerUserPerDay(), in.catchupQueryBytes(), in.relayA(), in.relayB(),
                in.idleBytesPerSec());
    }

    private static double[] curve(P1Model model) {
        double[] mbps = new double[MAX_USERS / 1000 + 1];
        for (int u = 0; u < mbps.length; u++) {
            mbps[u] = model.withUsers(u * 1000.0).mbps(1);
        }
        return mbps;
    }

    /** The chart: Mbps (one shard) against users, P1's 10 Mbps and a third of it marked. */
    static String svg(List<Line> lines) {
        int width = 760;
        int height = 480;
        int left = 70;
        int right = 250;
        int top = 40;
        int bottom = 60;
        double maxMbps = 10;
        for (Line line : lines) {
            for (double v : line.mbps()) {
                maxMbps = Math.max(maxMbps, v);
            }
        }
        double yMax = Math.ceil(maxMbps / 20) * 20;
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        var svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">"
                + "What a relay node of one shard receives: 1:1 chat, RLN proofs, 5 %% loss</text>%n", left));
        for (int i = 0; i <= 5; i++) {
            double v = yMax * i / 5;
            double y = top + plotH - plotH * v / yMax;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dddddd\"/>%n",
                    left, y, left + plotW, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    left - 6, y + 4, fmt(v)));
        }
        for (int u = 0; u <= MAX_USERS; u += 5000) {
            double x = left + plotW * (double) u / MAX_USERS;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#dddddd\"/>%n",
                    x, top, x, top + plotH));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x, top + plotH + 18, String.format(Locale.ROOT, "%,d", u)));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333333\"/>%n",
                left, top, plotW, plotH));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">users online (1:1 conversations)</text>%n",
                left + plotW / 2.0, height - 18));
        svg.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 18 %.1f)\">"
                + "Mbps received per relay node</text>%n", top + plotH / 2.0, top + plotH / 2.0));
        for (double budget : new double[] {10, 10 / 3.0}) {
            double y = top + plotH - plotH * budget / yMax;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#cc0000\" "
                    + "stroke-dasharray=\"%s\"/>%n", left, y, left + plotW, y, budget == 10 ? "" : "4,3"));
            // at the right end, above the budget's line and below the third's, so the two never overlap
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"#cc0000\" text-anchor=\"end\">%s</text>%n",
                    left + plotW - 6, budget == 10 ? y - 5 : y + 14, budget == 10 ? "P1 budget 10 Mbps" : "a third: 3.3 Mbps"));
        }
        double p1x = left + plotW * 10_000.0 / MAX_USERS;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999999\" "
                + "stroke-dasharray=\"1,3\"/>%n", p1x, top, p1x, top + plotH));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#666666\" text-anchor=\"middle\">P1: 10,000 users</text>%n",
                p1x, top + 14));
        int legendY = top + 10;
        for (Line line : lines) {
            var points = new StringBuilder();
            double[] mbps = line.mbps();
            for (int u = 0; u < mbps.length; u++) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + plotW * (double) u / (mbps.length - 1),
                        top + plotH - plotH * Math.min(mbps[u], yMax) / yMax));
            }
            String dash = line.dash().isEmpty() ? "" : " stroke-dasharray=\"" + line.dash() + "\"";
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                    points.toString().strip(), line.colour(), dash));
            int lx = left + plotW + 15;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                    lx, legendY, lx + 24, legendY, line.colour(), dash));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", lx + 30, legendY + 4,
                    line.label().length() > 28 ? line.label().substring(0, line.label().indexOf(' ', 20)) : line.label()));
            if (line.label().length() > 28) {
                legendY += 15;
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", lx + 30, legendY + 4,
                        line.label().substring(line.label().indexOf(' ', 20) + 1)));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#666666\" font-size=\"11\">%s Mbps at 10,000</text>%n",
                    lx + 30, legendY + 19, P1Model.f1(mbps[10])));
            legendY += 42;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}
