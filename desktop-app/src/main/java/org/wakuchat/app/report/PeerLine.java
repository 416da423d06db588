package org.wakuchat.app.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.report.ReliabilityReport.Connectivity;
import org.wakuchat.core.report.ReliabilityReport.PeerSample;
import org.wakuchat.core.report.ReliabilityReport.StateChange;

/**
 * The peer count over time as the chart draws it: steps (a count holds until the next sample),
 * one line per run of the app, since while it was closed the count is unknown rather than zero.
 */
final class PeerLine {

    private PeerLine() {
    }

    /**
     * The points of each line, oldest first. The last line runs on to {@code to} (the report is
     * made by a running engine) unless the app had stopped by then.
     */
    static List<List<PeerSample>> segments(Connectivity connectivity, Instant to) {
        Set<Instant> stops = connectivity.states().stream()
                .filter(s -> s.state() == EngineStatus.State.STOPPED)
                .map(StateChange::at)
                .collect(Collectors.toSet());
        List<List<PeerSample>> lines = new ArrayList<>();
        List<PeerSample> line = new ArrayList<>();
        for (PeerSample sample : connectivity.peers()) {
            if (!line.isEmpty()) {
                PeerSample last = line.getLast();
                line.add(new PeerSample(sample.at(), last.peers())); // the step up or down
            }
            if (stops.contains(sample.at())) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
                line = new ArrayList<>();
                continue;
            }
            if (!line.isEmpty() && line.getLast().peers() == sample.peers()) {
                continue; // same count: the step already reaches here
            }
            line.add(sample);
        }
        if (!line.isEmpty()) {
            PeerSample last = line.getLast();
            if (to.isAfter(last.at())) {
                line.add(new PeerSample(to, last.peers()));
            }
            lines.add(line);
        }
        return lines;
    }
}
