package org.wakuchat.core.invite;

/** An invite that cannot be used, with a precise reason fit to show to the user. */
public class InviteException extends Exception {

    public enum Reason {
        NOT_AN_INVITE("This is not a Waku Chat invite."),
        TRUNCATED("This invite is incomplete — it may have been cut off when copied."),
        CORRUPTED("This invite is damaged — it was changed or mistyped."),
        UNSUPPORTED_VERSION("This invite was made by a newer version of Waku Chat. Please update."),
        EXPIRED("This invite has expired. Ask for a new one."),
        OWN_INVITE("This is your own invite.");

        private final String userMessage;

        Reason(String userMessage) {
            this.userMessage = userMessage;
        }

        public String userMessage() {
            return userMessage;
        }
    }

    private final Reason reason;

    public InviteException(Reason reason) {
        super(reason.userMessage());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
