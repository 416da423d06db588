package org.wakuchat.core;

/**
 * What the engine noticed, on unlock, about the data folder's history on this computer (issue
 * #14, finding 2; docs/crypto.md §6). Only a warning: the account works as usual. It compares a
 * generation counter sealed in the account with a small marker this computer keeps outside the
 * data folder, so it cannot see a rollback of both together (a VM snapshot, a whole-disk or
 * whole-home restore).
 */
public enum DataFolderWarning {
    /**
     * The folder is older than the one last used on this computer: restored from a backup or
     * snapshot, or an older copy was opened. Messages sent since that copy was made may be missing,
     * and contacts may see "your contact's device restored an older state".
     */
    RESTORED_OLDER_COPY,
    /**
     * The folder was used before, but never on this computer (or this computer's per-user state
     * folder was cleared): it was probably copied or moved here. Fine after a move; if a copy is
     * still in use elsewhere, the two copies must not both keep running.
     */
    FIRST_USE_ON_THIS_COMPUTER,
    /**
     * The folder was used somewhere else since it was last used here (copied away, used, and
     * copied back). If that other copy is still in use, the two must not both keep running.
     */
    USED_ELSEWHERE_SINCE
}
