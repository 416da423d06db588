package org.wakuchat.core.tools;

import java.util.HashMap;
import java.util.Map;

/**
 * One scrape of a Prometheus text exposition (nwaku's {@code /metrics}): each sample line
 * {@code name{labels} value}, kept by its full series ({@code name{labels}}). Comments and
 * {@code _created} timestamps are dropped.
 */
record PrometheusText(Map<String, Double> series) {

    PrometheusText {
        series = Map.copyOf(series);
    }

    static PrometheusText parse(String text) {
        Map<String, Double> series = new HashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            if (space < 1) {
                continue;
            }
            String key = line.substring(0, space).strip();
            String name = key.contains("{") ? key.substring(0, key.indexOf('{')) : key;
            if (name.endsWith("_created")) {
                continue;
            }
            try {
                series.put(key, Double.parseDouble(line.substring(space + 1)));
            } catch (NumberFormatException e) {
                // a timestamp after the value, or something else: not a figure this tool reads
            }
        }
        return new PrometheusText(series);
    }

    /** The sum over every series of {@code name} whose labels contain each of {@code labels} ({@code key="value"}). */
    double sum(String name, String... labels) {
        double sum = 0;
        for (var entry : series.entrySet()) {
            String key = entry.getKey();
            boolean sameName = key.equals(name) || key.startsWith(name + "{");
            if (!sameName) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= key.contains(label);
            }
            if (all) {
                sum += entry.getValue();
            }
        }
        return sum;
    }

    /** {@code later − this} for a counter. */
    double delta(PrometheusText later, String name, String... labels) {
        return later.sum(name, labels) - sum(name, labels);
    }
}
