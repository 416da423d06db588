package org.wakuchat.core.transport;

/** The Waku node cannot run here: libwaku is missing or failed to start. The message says how to fix it. */
public class EngineUnavailableException extends RuntimeException {

    public EngineUnavailableException(String message) {
        super(message);
    }

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
