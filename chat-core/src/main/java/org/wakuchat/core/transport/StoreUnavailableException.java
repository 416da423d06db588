package org.wakuchat.core.transport;

/** A Store query could not be answered now (no reachable store node, node offline); worth retrying later. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
