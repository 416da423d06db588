package org.wakuchat.core;

/** Where an outgoing message is. Incoming messages are always {@link #RECEIVED}. */
public enum DeliveryState {
    /** Saved on this device, not yet handed to the network (engine down, offline or rate limited). */
    QUEUED,
    /** Published to the Waku relay network; the recipient's device has not confirmed it yet. */
    SENT,
    /** The recipient's device confirmed it. */
    DELIVERED,
    /** Not confirmed after all retries; the user can retry. */
    FAILED,
    /** A message from the contact. */
    RECEIVED
}
