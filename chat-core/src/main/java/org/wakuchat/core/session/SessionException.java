package org.wakuchat.core.session;

/** A message (or stored state) that cannot be used; the session it was given to is unchanged. */
public class SessionException extends Exception {

    /** Why it was refused. */
    public enum Reason {
        /** Does not authenticate: forged, damaged, or meant for another session. */
        NOT_AUTHENTIC,
        /** Its key was already used (or expired): a replay or a re-delivery. */
        DUPLICATE,
        /**
         * A second, different message where one was already read, made by the holder of that
         * message's key: the sender's device restored an older copy of its state (backup, VM
         * snapshot, a copied data folder). Dropped; its content is unreadable.
         */
        ROLLED_BACK,
        /** A PreKeyMessage names a prekey I do not have (expired or revoked invite). */
        UNKNOWN_PREKEY,
        /** Claims more skipped messages than the limit allows. */
        TOO_FAR_AHEAD,
        /** Written by a newer version of Waku Chat, or by an older one whose format this one no longer reads. */
        UNSUPPORTED_VERSION,
        /** Not a well-formed message or state. */
        MALFORMED
    }

    private final Reason reason;

    public SessionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SessionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String getMessage() {
        return reason + ": " + super.getMessage();
    }
}
