package org.wakuchat.cli;

import java.util.List;
import org.wakuchat.core.EngineStatus;

/** Short texts for people. */
final class Human {

    private Human() {
    }

    /** A multi-line explanation in one line: its first line (what) and its last (how to fix it). */
    static String brief(String detail) {
        List<String> lines = detail.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.size() <= 1) {
            return String.join(" ", lines);
        }
        String first = lines.getFirst();
        int lead = first.lastIndexOf(". ");
        if (first.endsWith(":") && lead > 0) {
            first = first.substring(0, lead + 1); // "…not found. Looked in:" introduces the lines left out
        }
        return first + " " + lines.getLast();
    }

    static String status(EngineStatus s) {
        String text = switch (s.state()) {
            case CONNECTED -> "connected (" + s.peers() + " peer" + (s.peers() == 1 ? "" : "s") + ")";
            case OFFLINE -> "offline: the node runs but has no peers";
            case STARTING -> "starting the Waku node";
            case STOPPED -> "stopped";
            case UNAVAILABLE -> "Waku node unavailable" + (s.detail().isEmpty() ? "" : ": " + brief(s.detail()));
        };
        if (s.catchingUp()) {
            text += ", catching up";
        }
        if (s.queued() > 0) {
            text += ", " + s.queued() + " queued";
        }
        return text + s.rateLimitedUntil().map(t -> ", rate limited until " + EventPrinter.time(t)).orElse("");
    }
}
