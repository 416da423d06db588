package org.wakuchat.core.group;

/**
 * A group change that cannot be made, with a reason fit to show the user (not an admin, a
 * contact without a session, over {@link Group#MAX_MEMBERS} members, not a member any more).
 */
public final class GroupException extends RuntimeException {

    public GroupException(String message) {
        super(message);
    }
}
