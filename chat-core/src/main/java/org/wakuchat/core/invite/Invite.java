package org.wakuchat.core.invite;

import java.time.Instant;

/**
 * My invite as shared out of band: {@code link} is the {@code wakuchat://invite/…} link (at most
 * 200 characters, for the QR code), {@code code} the bare code for pasting.
 */
public record Invite(String link, String code, Instant expiresAt) {
}
