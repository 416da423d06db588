package org.wakuchat.core.group;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.crypto.CryptoException;
import org.wakuchat.core.crypto.X25519KeyPair;

/**
 * A change's epoch secret sealed to one member's group wrap key, for the members an admin has no
 * 1:1 session with (docs/groups.md, "Changes from any admin"). Each wrap has its own ephemeral
 * X25519 key; key and nonce come from HKDF over the DH result with the group id, epoch, the
 * change's hash and both public keys bound in, and the AEAD's associated data binds the recipient,
 * so a wrap moved to another change, epoch or member does not open.
 * <p>
 * A wrap key lives as long as the membership (deleted on leave or removal). Whoever steals it and
 * recorded the group's topic reads the epochs sealed to it while the member stays: weaker than a
 * 1:1 session's ratchet, which is why a change goes over the 1:1 session whenever there is one.
 */
public final class EpochSecretWrap {

    private static final byte[] INFO = GroupKdf.ascii("WakuChat-GroupWrap-v1");
    private static final int OKM_LENGTH = Crypto.AEAD_KEY_LENGTH + Crypto.AEAD_NONCE_LENGTH;

    private EpochSecretWrap() {
    }

    /** One recipient's sealed epoch secret: its identity key (which wrap is whose), the ephemeral public key, the AEAD output. */
    public record Wrapped(byte[] recipientIdentityKey, byte[] ephemeralPublicKey, byte[] ciphertext) {
        public Wrapped {
            Objects.requireNonNull(recipientIdentityKey, "recipientIdentityKey");
            Objects.requireNonNull(ephemeralPublicKey, "ephemeralPublicKey");
            Objects.requireNonNull(ciphertext, "ciphertext");
            recipientIdentityKey = recipientIdentityKey.clone();
            ephemeralPublicKey = ephemeralPublicKey.clone();
            ciphertext = ciphertext.clone();
        }

        @Override
        public byte[] recipientIdentityKey() {
            return recipientIdentityKey.clone();
        }

        @Override
        public byte[] ephemeralPublicKey() {
            return ephemeralPublicKey.clone();
        }

        @Override
        public byte[] ciphertext() {
            return ciphertext.clone();
        }
    }

    /** Seals {@code secret} (the epoch secret of {@code change}) to each member in {@code to}; members without a wrap key are skipped. */
    public static List<Wrapped> wrap(GroupChange change, byte[] secret, List<MemberEntry> to, SecureRandom random) {
        if (secret.length != GroupKdf.EPOCH_SECRET_LENGTH) {
            throw new IllegalArgumentException("an epoch secret is " + GroupKdf.EPOCH_SECRET_LENGTH + " bytes");
        }
        List<Wrapped> wraps = new ArrayList<>();
        for (MemberEntry member : to) {
            Optional<byte[]> key = member.wrapPublicKey();
            if (key.isEmpty()) {
                continue;
            }
            X25519KeyPair ephemeral = X25519KeyPair.generate(random);
            byte[] bound = binding(change, member.identityKey(), ephemeral.publicKey(), key.get());
            byte[] okm = Crypto.hkdf(GroupKdf.epochSalt(change.group(), change.epoch()),
                    Crypto.dh(ephemeral.privateKey(), key.get()), bound, OKM_LENGTH);
            byte[] sealed = Crypto.seal(Arrays.copyOf(okm, Crypto.AEAD_KEY_LENGTH),
                    Arrays.copyOfRange(okm, Crypto.AEAD_KEY_LENGTH, OKM_LENGTH), bound, secret);
            Arrays.fill(okm, (byte) 0);
            wraps.add(new Wrapped(member.identityKey(), ephemeral.publicKey(), sealed));
        }
        return wraps;
    }

    /**
     * My epoch secret of {@code change} from its wraps, if one is for me and opens with my wrap
     * key; empty otherwise (none for me, or forged, moved or damaged).
     */
    public static Optional<byte[]> unwrap(GroupChange change, List<Wrapped> wraps, byte[] myIdentityKey,
                                          X25519KeyPair myWrapKey) {
        for (Wrapped w : wraps) {
            if (!Arrays.equals(w.recipientIdentityKey, myIdentityKey)) {
                continue;
            }
            try {
                byte[] bound = binding(change, myIdentityKey, w.ephemeralPublicKey, myWrapKey.publicKey());
                byte[] okm = Crypto.hkdf(GroupKdf.epochSalt(change.group(), change.epoch()),
                        Crypto.dh(myWrapKey.privateKey(), w.ephemeralPublicKey), bound, OKM_LENGTH);
                byte[] secret = Crypto.open(Arrays.copyOf(okm, Crypto.AEAD_KEY_LENGTH),
                        Arrays.copyOfRange(okm, Crypto.AEAD_KEY_LENGTH, OKM_LENGTH), bound, w.ciphertext);
                Arrays.fill(okm, (byte) 0);
                if (secret.length == GroupKdf.EPOCH_SECRET_LENGTH) {
                    return Optional.of(secret);
                }
            } catch (CryptoException | IllegalArgumentException notForMe) {
                // a wrong or damaged wrap: try the next one that names me
            }
        }
        return Optional.empty();
    }

    private static byte[] binding(GroupChange change, byte[] recipient, byte[] ephemeralPublic, byte[] recipientWrapKey) {
        return Crypto.concat(INFO, change.hash(), recipient, ephemeralPublic, recipientWrapKey);
    }
}
