package org.wakuchat.app.status;

import java.time.Clock;
import java.time.Duration;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.transport.RlnProblems;

/**
 * What the status area says for an engine status: a one-line headline, an optional one-line
 * detail, a severity, and the full explanation behind "How to fix" (empty when there is none).
 */
record StatusText(String headline, String detail, Severity severity, String explanation) {

    StatusText(String headline, String detail, Severity severity) {
        this(headline, detail, severity, "");
    }

    enum Severity { OK, BUSY, WARNING, DANGER }

    static final String NO_ENGINE = "Chat engine not available yet";
    private static final java.time.format.DateTimeFormatter SINCE =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm", java.util.Locale.ROOT);

    static StatusText noEngine() {
        return new StatusText(NO_ENGINE, "This build has no chat engine; nothing can be sent. "
                + "Start with --demo to try the app with made-up contacts.", Severity.DANGER);
    }

    static StatusText locked() {
        return new StatusText("Locked", "Unlock or create your account to connect.", Severity.BUSY);
    }

    static StatusText of(EngineStatus status, Clock clock) {
        if (status.rateLimitedUntil().isPresent() && status.state() == EngineStatus.State.CONNECTED) {
            long seconds = Math.max(1, Duration.between(clock.instant(), status.rateLimitedUntil().get()).toSeconds());
            return new StatusText("Rate limited — sending in " + seconds + " s",
                    queued(status.queued()) + "The network limits how often each device may send.", Severity.WARNING);
        }
        return switch (status.state()) {
            case UNAVAILABLE -> unavailable(status.detail());
            case STARTING -> starting();
            case OFFLINE -> new StatusText(offline(status, clock),
                    "Messages are kept and sent when the connection is back.", Severity.WARNING);
            case CONNECTED -> status.catchingUp()
                    ? new StatusText("Checking for new messages…", "Connected to " + plural(status.peers(), "peer") + ".",
                            Severity.BUSY)
                    : new StatusText("Connected to " + plural(status.peers(), "peer"), queued(status.queued()), Severity.OK);
            case STOPPED -> new StatusText("Stopped", "", Severity.BUSY);
        };
    }

    static StatusText starting() {
        return new StatusText("Starting…", "Connecting to the Waku network.", Severity.BUSY);
    }

    /** "Offline since 14:02 — messages are queued (3)". */
    private static String offline(EngineStatus status, Clock clock) {
        String since = status.offlineSince()
                .map(instant -> "Offline since " + SINCE.format(instant.atZone(clock.getZone())))
                .orElse("Offline");
        return status.queued() == 0 ? since : since + " — messages are queued (" + status.queued() + ")";
    }

    /** The toast when the engine has fetched what arrived while it was away. */
    static String caughtUp(int fetched, java.util.Optional<String> problem) {
        if (problem.isPresent()) {
            return "Could not check for all new messages: " + problem.get();
        }
        return fetched == 0 ? "No new messages while you were away" : "Fetched " + plural(fetched, "message");
    }

    /** What the unlock noticed about the data folder (docs/crypto.md §6); the account works as usual. */
    static String dataFolder(org.wakuchat.core.DataFolderWarning warning) {
        return switch (warning) {
            case RESTORED_OLDER_COPY -> "This data folder is older than the one last used on this computer (restored"
                    + " from a backup?). Recent messages may be missing.";
            case FIRST_USE_ON_THIS_COMPUTER -> "This data folder was copied or moved here from another computer."
                    + " Do not keep using a copy elsewhere too.";
            case USED_ELSEWHERE_SINCE -> "This data folder was used on another computer since it was last used here."
                    + " Do not keep using both copies.";
        };
    }

    /** A contact's device sent from a state restored from an older copy (ChatEvent.ContactStateRolledBack). */
    static String contactRestoredOlderState() {
        return "A contact's device restored an older copy of its chat state; a message from it was dropped"
                + " and will arrive again when resent.";
    }

    /** One line in the bar; the engine's full (often multi-line) explanation stays one click away. */
    static StatusText unavailable(String explanation) {
        String full = explanation == null ? "" : explanation.strip();
        String lower = full.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("libwaku") && lower.contains("not found")) {
            return new StatusText("Chat engine unavailable — libwaku not found", "", Severity.DANGER, full);
        }
        String firstLine = full.lines().findFirst().orElse("");
        if (full.startsWith(RlnProblems.NEEDS_MEMBERSHIP)) {
            return new StatusText("The Waku Network needs an RLN membership",
                    "Messages are kept. Add yours in Settings → Network, or choose the community network.",
                    Severity.DANGER, full);
        }
        if (full.contains(RlnProblems.NO_RLN_SUPPORT)) {
            return new StatusText("This libwaku has no RLN support",
                    "The Waku Network needs it; messages are kept. Choose the community network in Settings → Network.",
                    Severity.DANGER, full);
        }
        return new StatusText("Chat engine unavailable", firstLine, Severity.DANGER,
                full.equals(firstLine) ? "" : full);
    }

    private static String queued(int queued) {
        return queued == 0 ? "" : plural(queued, "message") + " waiting to be sent. ";
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
