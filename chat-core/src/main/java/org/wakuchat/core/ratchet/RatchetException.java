package org.wakuchat.core.ratchet;

/** A Double Ratchet message that could not be decrypted; the ratchet state is unchanged. */
public final class RatchetException extends Exception {

    /** Why the message was refused. */
    public enum Failure {
        /** The message does not authenticate under the key its header selects. */
        NOT_AUTHENTIC,
        /** The message's key was already used (or expired): a replay. */
        DUPLICATE,
        /**
         * A second, different message in a slot (ratchet key, counter) already read, made by a
         * holder of that slot's message key: the sender's state was restored from an older copy.
         */
        ROLLED_BACK,
        /** The header claims more skipped messages than the limit allows. */
        TOO_FAR_AHEAD,
        /** The message is structurally invalid. */
        MALFORMED
    }

    private final Failure failure;

    public RatchetException(Failure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public RatchetException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
