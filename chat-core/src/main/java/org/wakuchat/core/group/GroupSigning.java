package org.wakuchat.core.group;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Ed25519 (RFC 8032, BouncyCastle) for group messages and changes. Stateless. */
public final class GroupSigning {

    public static final int KEY_LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;

    private GroupSigning() {
    }

    public static SigningKeyPair generate(SecureRandom random) {
        var privateKey = new Ed25519PrivateKeyParameters(random);
        return new SigningKeyPair(privateKey.getEncoded(), privateKey.generatePublicKey().getEncoded());
    }

    static byte[] publicKeyOf(byte[] privateKey) {
        return new Ed25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded();
    }

    /** A 64-byte signature of {@code data}. */
    public static byte[] sign(byte[] privateKey, byte[] data) {
        if (privateKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 private key is " + KEY_LENGTH + " bytes");
        }
        var signer = new Ed25519Signer();
        signer.init(true, new Ed25519PrivateKeyParameters(privateKey, 0));
        signer.update(data, 0, data.length);
        return signer.generateSignature();
    }

    /** Whether {@code signature} is a valid signature of {@code data}; false (never an exception) for malformed keys or signatures. */
    public static boolean verify(byte[] publicKey, byte[] data, byte[] signature) {
        if (publicKey == null || publicKey.length != KEY_LENGTH || signature == null
                || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            var verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
            verifier.update(data, 0, data.length);
            return verifier.verifySignature(signature);
        } catch (RuntimeException notAKey) {
            // a 32-byte string that is not a curve point
            return false;
        }
    }
}
