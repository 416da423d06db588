package org.wakuchat.core.invite;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.crypto.X25519KeyPair;

/**
 * A one-invite X25519 prekey: the invite carries its public key and id, the first message of a
 * contact who accepted the invite names the id, and I answer with its private key.
 *
 * <p>Lifetime: an invite is accepted until {@link #expiresAt()} (by default
 * {@link #DEFAULT_VALIDITY} after it was made). I keep the private key
 * {@link #RETENTION_GRACE} longer ({@link #retainUntil()}), because a contact who accepted the
 * invite just before it expired may send the first message later: from an offline queue, or while
 * I am offline so that I fetch it later from Waku Store. After that the key is deleted, and so is
 * any message still waiting for it.
 *
 * @param id the first 4 bytes (big-endian) of SHA-256("WakuChat/prekey-id/v1" ‖ public key): anyone
 *     can check it matches the key, and two live prekeys practically never share one
 */
public record PreKey(int id, X25519KeyPair keys, Instant createdAt, Instant expiresAt) {

    /** How long an invite can be accepted: long enough to reach someone over a weekend. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);

    /** How long I keep the private key after the invite expired, for first messages that arrive late. */
    public static final Duration RETENTION_GRACE = Duration.ofDays(7);

    private static final byte[] ID_DOMAIN = "WakuChat/prekey-id/v1".getBytes(StandardCharsets.US_ASCII);

    public PreKey {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (id != idOf(keys.publicKey())) {
            throw new IllegalArgumentException("prekey id does not match its public key");
        }
        if (expiresAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("prekey expires before it was made");
        }
    }

    /**
     * Makes a fresh prekey valid from {@code now} for {@code validity}. The expiry is rounded down to
     * the minute, the precision an invite carries.
     */
    public static PreKey generate(SecureRandom random, Instant now, Duration validity) {
        if (validity.isNegative()) {
            throw new IllegalArgumentException("validity must not be negative");
        }
        X25519KeyPair keys = X25519KeyPair.generate(random);
        Instant expiresAt = now.plus(validity).truncatedTo(ChronoUnit.MINUTES);
        return new PreKey(idOf(keys.publicKey()), keys, now, expiresAt.isBefore(now) ? now : expiresAt);
    }

    /** The id for a prekey public key. */
    public static int idOf(byte[] publicKey) {
        return ByteBuffer.wrap(Crypto.sha256(ID_DOMAIN, publicKey)).getInt();
    }

    /** Whether an invite with this prekey may still be accepted. */
    public boolean isValidAt(Instant now) {
        return !now.isAfter(expiresAt);
    }

    /** Until when the private key must be kept for late first messages. */
    public Instant retainUntil() {
        return expiresAt.plus(RETENTION_GRACE);
    }
}
