package org.wakuchat.core.crypto;

/** Input that fails a cryptographic check: a forged or damaged ciphertext, an invalid key. */
public class CryptoException extends RuntimeException {

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }

    public CryptoException(String message) {
        super(message);
    }
}
