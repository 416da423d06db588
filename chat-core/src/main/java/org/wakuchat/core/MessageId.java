package org.wakuchat.core;

import java.util.Objects;

/** A message's id, the same on both devices (chosen by the sender). */
public record MessageId(String value) {
    public MessageId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
