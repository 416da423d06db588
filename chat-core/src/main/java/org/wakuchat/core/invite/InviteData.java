package org.wakuchat.core.invite;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
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
 * @param network the inviter's cluster and service nodes: present in version 2, absent in version 1
 */
public record InviteData(int version, byte[] identityKey, int preKeyId, byte[] preKeyPublic, Instant expiresAt,
        String displayName, Optional<InviteNetwork> network) {

    /** The first format: no network. */
    public static final int VERSION_1 = 1;
    /** Version 1 and the inviter's network (cluster id and up to two service nodes). */
    public static final int VERSION_2 = 2;
    /** The newest format this build writes (when it knows its network); it reads every version up to it. */
    public static final int CURRENT_VERSION = VERSION_2;

    /** The expiry is carried as unsigned 32-bit Unix minutes. */
    static final Instant LATEST_EXPIRY = Instant.EPOCH.plus(0xFFFF_FFFFL, ChronoUnit.MINUTES);

    public InviteData {
        Objects.requireNonNull(network, "network");
        if (version != VERSION_1 && version != VERSION_2) {
            throw new IllegalArgumentException("unsupported invite version " + version);
        }
        if (network.isPresent() != (version == VERSION_2)) {
            throw new IllegalArgumentException("version 2 invites and only they carry a network");
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

    /** A version-1 invite: no network. */
    public InviteData(int version, byte[] identityKey, int preKeyId, byte[] preKeyPublic, Instant expiresAt,
                      String displayName) {
        this(version, identityKey, preKeyId, preKeyPublic, expiresAt, displayName, Optional.empty());
    }

    /** The invite for my identity and one of my prekeys, expiring with the prekey (version 1, no network). */
    public static InviteData of(Identity identity, PreKey preKey) {
        return new InviteData(VERSION_1, identity.keys().publicKey(), preKey.id(), preKey.keys().publicKey(),
                preKey.expiresAt(), identity.displayName());
    }

    /** The same invite carrying my network (version 2), or without one (version 1) when empty. */
    public InviteData withNetwork(Optional<InviteNetwork> newNetwork) {
        return new InviteData(newNetwork.isPresent() ? VERSION_2 : VERSION_1, identityKey, preKeyId, preKeyPublic, expiresAt,
                displayName, newNetwork);
    }

    /** What to show before the user accepts ("Start a chat with Bob?"). */
    public InvitePreview preview() {
        return new InvitePreview(AccountIds.of(identityKey), displayName, expiresAt, network);
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
                && expiresAt.equals(that.expiresAt) && displayName.equals(that.displayName) && network.equals(that.network);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, Arrays.hashCode(identityKey), preKeyId, expiresAt, displayName, network);
    }

    @Override
    public String toString() {
        return "InviteData[v%d, identity=%s, preKeyId=%08x, expiresAt=%s, name=%s%s]".formatted(version,
                HexFormat.of().formatHex(identityKey), preKeyId, expiresAt, displayName,
                network.map(n -> ", " + n).orElse(""));
    }

    private static void requireKey(byte[] key, String what) {
        if (key == null || key.length != X25519KeyPair.KEY_LENGTH) {
            throw new IllegalArgumentException(what + " must be 32 bytes");
        }
    }
}
