package org.wakuchat.core.transport;

/** Bytes that are not a valid Waku message (bad protobuf, bad content topic, meta over 64 bytes). */
public class InvalidWakuMessageException extends IllegalArgumentException {

    public InvalidWakuMessageException(String message) {
        super(message);
    }

    public InvalidWakuMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
