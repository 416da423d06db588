package org.wakuchat.core;

import java.util.Objects;

/** A conversation's local id (stable, opaque, URL-safe). */
public record ConversationId(String value) {
    public ConversationId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
