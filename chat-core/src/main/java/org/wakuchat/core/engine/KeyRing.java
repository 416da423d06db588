package org.wakuchat.core.engine;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.wakuchat.core.account.AccountIds;
import org.wakuchat.core.account.Account;
import org.wakuchat.core.account.Identity;
import org.wakuchat.core.crypto.X25519KeyPair;
import org.wakuchat.core.invite.PreKey;
import org.wakuchat.core.session.PreKeyStore;
import org.wakuchat.core.store.SecretStore;
import org.wakuchat.core.store.StorageException;

/**
 * My identity and prekeys, kept in the secrets database. A prekey lives as long as its invite,
 * plus {@link PreKey#RETENTION_GRACE} for first messages that reach me late (from Store, after I was offline).
 * After that it is refused even while still stored: the expiry in an invite is not protected (its
 * checksum is unkeyed), so only this side can enforce it. Stale prekeys are deleted on unlock and
 * by the engine's timer ({@link #prune}).
 */
final class KeyRing implements PreKeyStore {

    private static final String IDENTITY = "identity";
    private static final String SELF = "self";
    private static final String PREKEY = "prekey";

    private final SecretStore secrets;
    private final X25519KeyPair identity;
    private final String displayName;
    private final Supplier<Instant> clock;
    private final Map<Integer, PreKeyRecord> prekeys = new HashMap<>();

    private KeyRing(SecretStore secrets, X25519KeyPair identity, String displayName, Supplier<Instant> clock) {
        this.secrets = secrets;
        this.identity = identity;
        this.displayName = displayName;
        this.clock = clock;
    }

    static KeyRing create(SecretStore secrets, String displayName, Supplier<Instant> clock, SecureRandom random) {
        Instant now = clock.get();
        Identity created = Identity.create(displayName, random);
        X25519KeyPair identity = created.keys();
        secrets.put(IDENTITY, SELF, IdentityRecord.newBuilder()
                .setPrivateKey(ByteString.copyFrom(identity.privateKey()))
                .setDisplayName(created.displayName())
                .setCreatedAtMs(now.toEpochMilli())
                .build().toByteArray());
        return new KeyRing(secrets, identity, created.displayName(), clock);
    }

    /** Reads my keys and deletes the prekeys whose grace period is over. */
    static KeyRing load(SecretStore secrets, Supplier<Instant> clock) {
        byte[] stored = secrets.get(IDENTITY, SELF)
                .orElseThrow(() -> new StorageException("This data folder has no identity key; the account is incomplete."));
        try {
            IdentityRecord record = IdentityRecord.parseFrom(stored);
            var ring = new KeyRing(secrets, X25519KeyPair.fromPrivate(record.getPrivateKey().toByteArray()),
                    record.getDisplayName(), clock);
            for (byte[] value : secrets.all(PREKEY).values()) {
                PreKeyRecord prekey = PreKeyRecord.parseFrom(value);
                ring.prekeys.put(prekey.getId(), prekey);
            }
            ring.prune(clock.get());
            return ring;
        } catch (InvalidProtocolBufferException e) {
            throw new StorageException("The identity or prekey records are damaged.", e);
        }
    }

    X25519KeyPair identity() {
        return identity;
    }

    Account account() {
        return new Account(AccountIds.of(identity.publicKey()), displayName, identity.publicKey());
    }

    /** The prekey of my current invite: the newest one still valid, else a new one. */
    PreKeyRecord currentPrekey(Instant now, Duration validity, SecureRandom random) {
        return prekeys.values().stream()
                .filter(p -> Instant.ofEpochMilli(p.getExpiresAtMs()).isAfter(now))
                .max(Comparator.comparingLong(PreKeyRecord::getCreatedAtMs))
                .orElseGet(() -> newPrekey(now, validity, random));
    }

    PreKeyRecord newPrekey(Instant now, Duration validity, SecureRandom random) {
        prune(now);
        PreKey prekey = PreKey.generate(random, now, validity);
        PreKeyRecord record = PreKeyRecord.newBuilder()
                .setId(prekey.id())
                .setPrivateKey(ByteString.copyFrom(prekey.keys().privateKey()))
                .setCreatedAtMs(prekey.createdAt().toEpochMilli())
                .setExpiresAtMs(prekey.expiresAt().toEpochMilli())
                .build();
        secrets.put(PREKEY, Integer.toUnsignedString(record.getId()), record.toByteArray());
        prekeys.put(record.getId(), record);
        return record;
    }

    /**
     * The private key for a session start naming this prekey, if it is still accepted now: an
     * unknown, revoked or stale prekey (past its expiry plus grace) gives none, so the start is
     * refused as {@code UNKNOWN_PREKEY} before any key agreement.
     */
    @Override
    public Optional<X25519KeyPair> prekey(int prekeyId) {
        Instant now = clock.get();
        return Optional.ofNullable(prekeys.get(prekeyId))
                .filter(p -> !isStale(p, now))
                .map(p -> X25519KeyPair.fromPrivate(p.getPrivateKey().toByteArray()));
    }

    /** Deletes every prekey but the newest: invites made before it stop working at once. */
    void revokeAllBut(int keptPrekeyId) {
        prekeys.values().removeIf(p -> {
            boolean revoked = p.getId() != keptPrekeyId;
            if (revoked) {
                secrets.delete(PREKEY, Integer.toUnsignedString(p.getId()));
            }
            return revoked;
        });
    }

    /** When the next prekey's grace period ends, i.e. when {@link #prune} next has work. */
    Optional<Instant> nextPruneAt() {
        return prekeys.values().stream().map(KeyRing::retainUntil).min(Comparator.naturalOrder());
    }

    /** Whether a session start with this base key was already accepted with this prekey. */
    boolean seenBaseKey(int prekeyId, byte[] baseKey) {
        PreKeyRecord record = prekeys.get(prekeyId);
        ByteString key = ByteString.copyFrom(baseKey);
        return record != null && record.getSeenBaseKeysList().contains(key);
    }

    /** Remembers an accepted session start's base key for as long as its prekey lives. */
    void rememberBaseKey(int prekeyId, byte[] baseKey) {
        PreKeyRecord record = prekeys.get(prekeyId);
        if (record == null || seenBaseKey(prekeyId, baseKey)) {
            return;
        }
        PreKeyRecord updated = record.toBuilder().addSeenBaseKeys(ByteString.copyFrom(baseKey)).build();
        secrets.put(PREKEY, Integer.toUnsignedString(updated.getId()), updated.toByteArray());
        prekeys.put(updated.getId(), updated);
    }

    /** Deletes prekeys past their grace period: first messages to those invites can no longer be read. */
    void prune(Instant now) {
        prekeys.values().removeIf(p -> {
            boolean stale = isStale(p, now);
            if (stale) {
                secrets.delete(PREKEY, Integer.toUnsignedString(p.getId()));
            }
            return stale;
        });
    }

    private static boolean isStale(PreKeyRecord prekey, Instant now) {
        return retainUntil(prekey).isBefore(now);
    }

    private static Instant retainUntil(PreKeyRecord prekey) {
        return Instant.ofEpochMilli(prekey.getExpiresAtMs()).plus(PreKey.RETENTION_GRACE);
    }
}
