package org.wakuchat.core.invite;

import java.time.Instant;
import org.wakuchat.core.account.AccountId;

/** What an invite tells before accepting it ("Start a chat with Bob?"). */
public record InvitePreview(AccountId inviterId, String displayName, Instant expiresAt) {
}
