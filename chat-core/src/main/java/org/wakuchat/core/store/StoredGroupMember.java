package org.wakuchat.core.store;

import java.util.Optional;
import org.wakuchat.core.group.GroupRole;

/** A member of a group's current epoch as saved; {@code memberId} is the group-specific member id (hex). */
public record StoredGroupMember(String memberId, byte[] identityKey, String name, GroupRole role, boolean joined,
                                Optional<byte[]> signingKey) {

    public StoredGroupMember {
        identityKey = identityKey.clone();
    }

    @Override
    public byte[] identityKey() {
        return identityKey.clone();
    }
}
