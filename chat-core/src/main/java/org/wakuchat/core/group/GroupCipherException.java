package org.wakuchat.core.group;

import java.util.Optional;

/**
 * A group message, change or stored group state that cannot be used. Whatever it was given to is
 * unchanged. {@link Reason#UNKNOWN_SIGNING_KEY} (and the reasons found after the header was read)
 * carry the epoch and sender, so that the engine can keep a message until the sender's key is
 * known.
 */
public final class GroupCipherException extends Exception {

    /** Why it was refused. */
    public enum Reason {
        /** Not well formed (sizes, encoding, padding), or it does not decrypt under its sender's chain. */
        MALFORMED,
        /** No epoch this device knows decrypts its header: another group, an epoch I am not (or no longer) in. */
        NOT_FOR_US,
        /** The header names a member of the epoch whose signing key I do not know yet (it has not joined). */
        UNKNOWN_SIGNING_KEY,
        /** The signature is not the sender's. */
        BAD_SIGNATURE,
        /** Its chain index was already read (or its kept key was dropped): a replay or a re-delivery. */
        REPLAYED,
        /** Claims to skip more messages of its sender's chain than the limit allows. */
        TOO_FAR_AHEAD
    }

    private final Reason reason;
    private final Long epoch;
    private final MemberId sender;

    public GroupCipherException(Reason reason, String message) {
        this(reason, message, null, null, null);
    }

    public GroupCipherException(Reason reason, String message, Throwable cause) {
        this(reason, message, null, null, cause);
    }

    public GroupCipherException(Reason reason, String message, Long epoch, MemberId sender) {
        this(reason, message, epoch, sender, null);
    }

    private GroupCipherException(Reason reason, String message, Long epoch, MemberId sender, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
        this.epoch = epoch;
        this.sender = sender;
    }

    public Reason reason() {
        return reason;
    }

    /** The epoch named by the message's header, once the header was read. */
    public Optional<Long> epoch() {
        return Optional.ofNullable(epoch);
    }

    /** The sender named by the message's header, once the header was read. */
    public Optional<MemberId> sender() {
        return Optional.ofNullable(sender);
    }
}
