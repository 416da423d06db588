package org.wakuchat.core.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/** An X25519 key pair as raw 32-byte keys. */
public record X25519KeyPair(byte[] privateKey, byte[] publicKey) {

    public static final int KEY_LENGTH = 32;

    public X25519KeyPair {
        if (privateKey.length != KEY_LENGTH || publicKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("X25519 keys are 32 bytes");
        }
        privateKey = privateKey.clone();
        publicKey = publicKey.clone();
    }

    public static X25519KeyPair generate(SecureRandom random) {
        var privateKey = new X25519PrivateKeyParameters(random);
        return new X25519KeyPair(privateKey.getEncoded(), privateKey.generatePublicKey().getEncoded());
    }

    /** Rebuilds the pair from its private key. */
    public static X25519KeyPair fromPrivate(byte[] privateKey) {
        var key = new X25519PrivateKeyParameters(privateKey, 0);
        return new X25519KeyPair(key.getEncoded(), key.generatePublicKey().getEncoded());
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
        return other instanceof X25519KeyPair that && Arrays.equals(publicKey, that.publicKey)
                && Arrays.equals(privateKey, that.privateKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "X25519KeyPair[public=" + java.util.HexFormat.of().formatHex(publicKey) + "]";
    }
}
