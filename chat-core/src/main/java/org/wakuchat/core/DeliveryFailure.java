package org.wakuchat.core;

/** Why an outgoing message is {@link DeliveryState#FAILED}: what the sender's UI tells the user. */
public enum DeliveryFailure {
    /** The contact's device never confirmed it, after every retry. */
    NO_CONFIRMATION,
    /**
     * The contact never answered the invite this conversation started from, after every retry of
     * the first messages: the invite may have expired, been replaced by a newer one, or been edited
     * (an invite's expiry is not protected, only the inviter's device enforces it).
     */
    NO_ANSWER_TO_INVITE,
    /**
     * The invite expired (and its grace period for late first messages passed) before the contact
     * answered: their device no longer accepts messages started from it. A new invite is needed.
     */
    INVITE_EXPIRED
}
