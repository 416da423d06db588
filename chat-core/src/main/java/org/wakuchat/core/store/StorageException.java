package org.wakuchat.core.store;

/** The databases cannot be opened or written; the message says what happened and what was kept. */
public class StorageException extends RuntimeException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
