package org.wakuchat.core.store;

import java.time.Instant;
import java.util.Objects;
import org.wakuchat.core.ConversationId;

/**
 * A group as saved: its current epoch, whether I am still a member, its name, and the engine's
 * opaque state for it (SDS bookkeeping, pending changes; sealed at rest).
 */
public record StoredGroup(ConversationId id, long epoch, boolean member, Instant createdAt, String name, byte[] state) {

    public StoredGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        state = state == null ? new byte[0] : state.clone();
    }

    @Override
    public byte[] state() {
        return state.clone();
    }
}
