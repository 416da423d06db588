package org.wakuchat.core.group;

import java.util.Objects;
import org.wakuchat.core.account.AccountId;

/** A member of a group's current epoch; {@code me} marks this account's own entry. */
public record GroupMember(AccountId id, String name, byte[] identityKey, GroupRole role, boolean me) {

    public GroupMember {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        identityKey = identityKey.clone();
    }

    @Override
    public byte[] identityKey() {
        return identityKey.clone();
    }

    public boolean admin() {
        return role == GroupRole.ADMIN;
    }
}
