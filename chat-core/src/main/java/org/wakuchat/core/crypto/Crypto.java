package org.wakuchat.core.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * The few primitives Waku Chat builds on, all from BouncyCastle: X25519, HKDF/HMAC-SHA256,
 * SHA-256 and ChaCha20-Poly1305. Stateless.
 */
public final class Crypto {

    public static final int AEAD_KEY_LENGTH = 32;
    public static final int AEAD_NONCE_LENGTH = 12;
    public static final int AEAD_TAG_LENGTH = 16;

    private Crypto() {
    }

    /** X25519 shared secret; rejects the all-zero result of a low-order public key. */
    public static byte[] dh(byte[] privateKey, byte[] publicKey) {
        var agreement = new X25519Agreement();
        agreement.init(new X25519PrivateKeyParameters(privateKey, 0));
        byte[] secret = new byte[agreement.getAgreementSize()];
        try {
            agreement.calculateAgreement(new X25519PublicKeyParameters(publicKey, 0), secret, 0);
        } catch (IllegalStateException lowOrderPoint) {
            throw new CryptoException("invalid public key", lowOrderPoint);
        }
        return secret;
    }

    public static byte[] hkdf(byte[] salt, byte[] inputKeyMaterial, byte[] info, int length) {
        var hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(inputKeyMaterial, salt, info));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    public static byte[] hmacSha256(byte[] key, byte[] data) {
        var mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    public static byte[] sha256(byte[]... parts) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** ChaCha20-Poly1305 encryption; the result is ciphertext followed by the 16-byte tag. */
    public static byte[] seal(byte[] key, byte[] nonce, byte[] associatedData, byte[] plaintext) {
        return aead(true, key, nonce, associatedData, plaintext);
    }

    /** ChaCha20-Poly1305 decryption; throws {@link CryptoException} when the input does not authenticate. */
    public static byte[] open(byte[] key, byte[] nonce, byte[] associatedData, byte[] ciphertext) {
        return aead(false, key, nonce, associatedData, ciphertext);
    }

    /** Constant-time comparison. */
    public static boolean equal(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }

    private static byte[] aead(boolean encrypt, byte[] key, byte[] nonce, byte[] associatedData, byte[] input) {
        var cipher = new ChaCha20Poly1305();
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), AEAD_TAG_LENGTH * 8, nonce, associatedData));
        byte[] out = new byte[cipher.getOutputSize(input.length)];
        int written = cipher.processBytes(input, 0, input.length, out, 0);
        try {
            written += cipher.doFinal(out, written);
        } catch (InvalidCipherTextException notAuthentic) {
            throw new CryptoException("message failed authentication", notAuthentic);
        }
        return written == out.length ? out : Arrays.copyOf(out, written);
    }
}
