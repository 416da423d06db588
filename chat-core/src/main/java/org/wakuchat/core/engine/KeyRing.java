package org.wakuchat.core.engine;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
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
 * by the engine's timer ({@link #prune}). At most {@link PreKeyStore#MAX_TRIED} prekeys are kept:
 * a session start does not say which one it was made with, and each is tried in turn.
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

    /**
     * A new prekey for a new invite. If {@link PreKeyStore#MAX_TRIED} are already kept, the oldest
     * are revoked (deleted): their invites stop working, as after "revoke my older invites", rather
     * than silently going untried by {@link org.wakuchat.core.session.Session#accept}.
     */
    PreKeyRecord newPrekey(Instant now, Duration validity, SecureRandom random) {
        prune(now);
        while (prekeys.size() >= MAX_TRIED) {
            PreKeyRecord oldest = prekeys.values().stream()
                    .min(Comparator.comparingLong(PreKeyRecord::getCreatedAtMs)).orElseThrow();
            secrets.delete(PREKEY, Integer.toUnsignedString(oldest.getId()));
            prekeys.remove(oldest.getId());
        }
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
     * Every stored prekey, newest first, each marked whether session starts are still accepted
     * with it: a revoked (deleted) prekey is not among them, a stale one (past its expiry plus
     * grace, not yet deleted) is, as not accepted, so its starts are refused as
     * {@code UNKNOWN_PREKEY} with "expired invite" before any key agreement.
     */
    @Override
    public List<Candidate> candidates() {
        Instant now = clock.get();
        return prekeys.values().stream()
                .sorted(Comparator.comparingLong(PreKeyRecord::getCreatedAtMs).reversed()
                        .thenComparing(PreKeyRecord::getId))
                .map(p -> new Candidate(p.getId(), X25519KeyPair.fromPrivate(p.getPrivateKey().toByteArray()),
                        !isStale(p, now)))
                .toList();
    }

    /** The key pair of this prekey if session starts are still accepted with it. */
    Optional<X25519KeyPair> prekey(int prekeyId) {
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

    /**
     * Whether a session start with this base key was already accepted with any of my prekeys: the
     * start does not name its prekey, and a base key is fresh per session, so one lookup over all
     * (at most {@link PreKeyStore#MAX_TRIED} prekeys) recognises a replay before any key agreement.
     */
    boolean seenBaseKey(byte[] baseKey) {
        ByteString key = ByteString.copyFrom(baseKey);
        return prekeys.values().stream().anyMatch(p -> p.getSeenBaseKeysList().contains(key));
    }

    private boolean seenBaseKey(int prekeyId, byte[] baseKey) {
        PreKeyRecord record = prekeys.get(prekeyId);
        return record != null && record.getSeenBaseKeysList().contains(ByteString.copyFrom(baseKey));
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
