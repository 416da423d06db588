package org.wakuchat.core.invite;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.wakuchat.core.account.AccountIds;
import org.wakuchat.core.account.DisplayNames;
import org.wakuchat.core.account.Identity;
import org.wakuchat.core.crypto.X25519KeyPair;

/**
 * What an invite carries: what a contact needs to start an encrypted session with the inviter
 * offline (X3DH-style: identity key, prekey id and prekey public key), until when, and the name
 * to show. Invites are not signed: they travel out of band, and safety numbers verify identities.
 *
 * @param preKeyId must be {@link PreKey#idOf} the prekey public key
 * @param expiresAt held to the minute (rounded down), the precision an invite carries
 * @param displayName valid per {@link DisplayNames}
 */
public record InviteData(int version, byte[] identityKey, int preKeyId, byte[] preKeyPublic, Instant expiresAt,
        String displayName) {

    /** The invite format this build writes; the only one it reads. */
    public static final int CURRENT_VERSION = 1;

    /** The expiry is carried as unsigned 32-bit Unix minutes. */
    static final Instant LATEST_EXPIRY = Instant.EPOCH.plus(0xFFFF_FFFFL, ChronoUnit.MINUTES);

    public InviteData {
        if (version != CURRENT_VERSION) {
            throw new IllegalArgumentException("unsupported invite version " + version);
        }
        requireKey(identityKey, "identity key");
        requireKey(preKeyPublic, "prekey");
        if (preKeyId != PreKey.idOf(preKeyPublic)) {
            throw new IllegalArgumentException("prekey id does not match the prekey");
        }
        identityKey = identityKey.clone();
        preKeyPublic = preKeyPublic.clone();
        Objects.requireNonNull(expiresAt, "expiresAt");
        expiresAt = expiresAt.truncatedTo(ChronoUnit.MINUTES);
        if (expiresAt.isBefore(Instant.EPOCH) || expiresAt.isAfter(LATEST_EXPIRY)) {
            throw new IllegalArgumentException("expiry out of range: " + expiresAt);
        }
        if (!DisplayNames.isNormalized(displayName)) {
            throw new IllegalArgumentException("display name is not valid: use DisplayNames.normalize first");
        }
    }

    /** The invite for my identity and one of my prekeys, expiring with the prekey. */
    public static InviteData of(Identity identity, PreKey preKey) {
        return new InviteData(CURRENT_VERSION, identity.keys().publicKey(), preKey.id(), preKey.keys().publicKey(),
                preKey.expiresAt(), identity.displayName());
    }

    /** What to show before the user accepts ("Start a chat with Bob?"). */
    public InvitePreview preview() {
        return new InvitePreview(AccountIds.of(identityKey), displayName, expiresAt);
    }

    @Override
    public byte[] identityKey() {
        return identityKey.clone();
    }

    @Override
    public byte[] preKeyPublic() {
        return preKeyPublic.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InviteData that && version == that.version && preKeyId == that.preKeyId
                && Arrays.equals(identityKey, that.identityKey) && Arrays.equals(preKeyPublic, that.preKeyPublic)
                && expiresAt.equals(that.expiresAt) && displayName.equals(that.displayName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, Arrays.hashCode(identityKey), preKeyId, expiresAt, displayName);
    }

    @Override
    public String toString() {
        return "InviteData[v%d, identity=%s, preKeyId=%08x, expiresAt=%s, name=%s]".formatted(version,
                HexFormat.of().formatHex(identityKey), preKeyId, expiresAt, displayName);
    }

    private static void requireKey(byte[] key, String what) {
        if (key == null || key.length != X25519KeyPair.KEY_LENGTH) {
            throw new IllegalArgumentException(what + " must be 32 bytes");
        }
    }
}
