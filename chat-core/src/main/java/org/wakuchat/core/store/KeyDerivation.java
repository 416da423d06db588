package org.wakuchat.core.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.wakuchat.core.crypto.Crypto;

/** Passphrase to key-encryption key (Argon2id), and master key to per-purpose subkeys (HKDF). */
final class KeyDerivation {

    static final int KEY_LENGTH = 32;

    private KeyDerivation() {
    }

    /** Argon2id (version 1.3) over the passphrase's NFC-normalised UTF-8 bytes, which are wiped afterwards. */
    static byte[] argon2id(char[] passphrase, byte[] salt, KdfParams kdf) {
        byte[] password = utf8Nfc(passphrase);
        try {
            var generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withSalt(salt)
                    .withMemoryAsKB(kdf.memoryKiB())
                    .withIterations(kdf.iterations())
                    .withParallelism(kdf.parallelism())
                    .build());
            byte[] out = new byte[KEY_LENGTH];
            generator.generateBytes(password, out);
            return out;
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    /** An independent 32-byte key for one purpose, e.g. {@code "messages.db/cells"}. */
    static byte[] subkey(byte[] masterKey, String purpose) {
        return Crypto.hkdf(new byte[0], masterKey, ("wakuchat/storage/v1/" + purpose).getBytes(StandardCharsets.UTF_8),
                KEY_LENGTH);
    }

    /**
     * The same passphrase typed on different systems may arrive composed or decomposed; NFC makes
     * them one key. Normalising needs a String, so it is only made when the input is not NFC already.
     */
    private static byte[] utf8Nfc(char[] passphrase) {
        CharBuffer chars = CharBuffer.wrap(passphrase);
        if (!Normalizer.isNormalized(chars, Normalizer.Form.NFC)) {
            chars = CharBuffer.wrap(Normalizer.normalize(chars, Normalizer.Form.NFC));
        }
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(chars);
            byte[] bytes = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
            Arrays.fill(encoded.array(), (byte) 0);
            return bytes;
        } catch (CharacterCodingException unpairedSurrogate) {
            throw new IllegalArgumentException("the passphrase contains an invalid character (unpaired surrogate)");
        }
    }
}
