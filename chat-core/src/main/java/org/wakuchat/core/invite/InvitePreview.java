package org.wakuchat.core.invite;

import java.time.Instant;
import java.util.Optional;
import org.wakuchat.core.account.AccountId;

/**
 * What an invite tells before accepting it ("Start a chat with Bob?").
 *
 * @param network the inviter's cluster and service nodes; absent in invites of version 1
 */
public record InvitePreview(AccountId inviterId, String displayName, Instant expiresAt, Optional<InviteNetwork> network) {

    public InvitePreview {
        java.util.Objects.requireNonNull(network, "network");
    }

    /** A preview of an invite that says nothing about its network. */
    public InvitePreview(AccountId inviterId, String displayName, Instant expiresAt) {
        this(inviterId, displayName, expiresAt, Optional.empty());
    }
}
