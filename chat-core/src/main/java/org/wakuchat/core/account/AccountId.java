package org.wakuchat.core.account;

import java.util.Objects;

/** An account's stable id, derived from its public identity key. */
public record AccountId(String value) {
    public AccountId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
