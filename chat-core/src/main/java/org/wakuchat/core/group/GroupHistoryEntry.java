package org.wakuchat.core.group;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.wakuchat.core.account.AccountId;

/**
 * One change in a group's hash-chained history, shown as a system line ("Alice added Carol").
 * Every member sees the same entries in the same order.
 */
public record GroupHistoryEntry(long epoch, Instant at, Kind kind, AccountId author, String authorName,
                                List<AccountId> subjects, List<String> subjectNames, Optional<String> newName) {

    public GroupHistoryEntry {
        subjects = List.copyOf(subjects);
        subjectNames = List.copyOf(subjectNames);
    }

    public enum Kind {
        CREATED,
        ADDED,
        REMOVED,
        LEFT,
        RENAMED,
        PROMOTED,
        DEMOTED,
        /**
         * New keys: without subjects, the automatic key refresh (same members, "Keys refreshed");
         * with subjects, their joining (the change that lists their signing keys, "Carol joined").
         */
        KEY_REFRESHED
    }

    /** The automatic key refresh (no member joined): a KEY_REFRESHED change without subjects. */
    public boolean keyRefresh() {
        return kind == Kind.KEY_REFRESHED && subjects.isEmpty();
    }
}
