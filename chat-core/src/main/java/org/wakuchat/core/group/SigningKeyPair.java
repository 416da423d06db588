package org.wakuchat.core.group;

import java.util.Arrays;

/**
 * A member's Ed25519 group signing key pair (32-byte private seed, 32-byte public key), one per
 * member per group; made by {@link GroupSigning#generate}.
 */
public record SigningKeyPair(byte[] privateKey, byte[] publicKey) {

    public SigningKeyPair {
        if (privateKey == null || privateKey.length != GroupSigning.KEY_LENGTH
                || publicKey == null || publicKey.length != GroupSigning.KEY_LENGTH) {
            throw new IllegalArgumentException("Ed25519 keys are " + GroupSigning.KEY_LENGTH + " bytes");
        }
        privateKey = privateKey.clone();
        publicKey = publicKey.clone();
    }

    /** The pair of a stored private key (the public key is derived from it). */
    public static SigningKeyPair fromPrivateKey(byte[] privateKey) {
        return new SigningKeyPair(privateKey, GroupSigning.publicKeyOf(privateKey));
    }

    @Override
    public byte[] privateKey() {
        return privateKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SigningKeyPair that && Arrays.equals(privateKey, that.privateKey)
                && Arrays.equals(publicKey, that.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    /** Never prints the private key. */
    @Override
    public String toString() {
        return "SigningKeyPair[public=" + java.util.HexFormat.of().formatHex(publicKey) + "]";
    }
}
