package org.wakuchat.core.account;

import java.security.SecureRandom;
import java.util.Objects;
import org.wakuchat.core.crypto.X25519KeyPair;

/**
 * My long-term identity: the X25519 key pair others know me by, and my display name (always
 * valid per {@link DisplayNames}). Holds a private key: keep it out of logs and plain storage.
 */
public record Identity(X25519KeyPair keys, String displayName) {

    public Identity {
        Objects.requireNonNull(keys, "keys");
        if (!DisplayNames.isNormalized(displayName)) {
            throw new IllegalArgumentException("display name is not valid: use DisplayNames.normalize first");
        }
    }

    /**
     * Makes a new identity with fresh keys.
     *
     * @throws IllegalArgumentException when no valid name remains after {@link DisplayNames#normalize}
     */
    public static Identity create(String displayName, SecureRandom random) {
        String name = DisplayNames.normalize(displayName);
        return new Identity(X25519KeyPair.generate(random), name);
    }

    public Identity withDisplayName(String displayName) {
        return new Identity(keys, DisplayNames.normalize(displayName));
    }

    /** How others see this identity. */
    public Account account() {
        byte[] publicKey = keys.publicKey();
        return new Account(AccountIds.of(publicKey), displayName, publicKey);
    }
}
