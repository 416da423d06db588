package org.wakuchat.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.crypto.CryptoException;

/**
 * The plaintext file {@value #FILE_NAME}: Argon2id salt and cost, and the random master key
 * sealed under the passphrase-derived key. Opening that seal is the passphrase check, done
 * before any database is touched; it also lets a future passphrase change rewrite only this file.
 */
record AccountHeader(int format, KdfParams kdf, byte[] salt, byte[] nonce, byte[] sealedMasterKey) {

    static final String FILE_NAME = "account.json";
    static final int FORMAT = 1;
    private static final int SALT_LENGTH = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A new header with a fresh master key; the caller wipes {@code masterKeyOut} when done. */
    static AccountHeader create(char[] passphrase, KdfParams kdf, SecureRandom random, byte[] masterKeyOut) {
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        byte[] nonce = new byte[Crypto.AEAD_NONCE_LENGTH];
        random.nextBytes(nonce);
        random.nextBytes(masterKeyOut);
        byte[] wrappingKey = wrappingKey(passphrase, salt, kdf);
        try {
            byte[] sealed = Crypto.seal(wrappingKey, nonce, associatedData(FORMAT, kdf, salt), masterKeyOut);
            return new AccountHeader(FORMAT, kdf, salt, nonce, sealed);
        } finally {
            Arrays.fill(wrappingKey, (byte) 0);
        }
    }

    /** The master key, or {@link WrongPassphraseException} when the passphrase does not open it. */
    byte[] unlock(char[] passphrase) {
        byte[] wrappingKey = wrappingKey(passphrase, salt, kdf);
        try {
            return Crypto.open(wrappingKey, nonce, associatedData(format, kdf, salt), sealedMasterKey);
        } catch (CryptoException wrongKey) {
            throw new WrongPassphraseException();
        } finally {
            Arrays.fill(wrappingKey, (byte) 0);
        }
    }

    static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE_NAME));
    }

    static AccountHeader read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException missing) {
            throw new StorageException("No account in " + dir + " (" + FILE_NAME + " is missing).", missing);
        } catch (IOException unreadable) {
            throw new StorageException("Cannot read the account header " + file + ": " + unreadable.getMessage()
                    + ". The file was left as it is.", unreadable);
        }
        return parse(root, file);
    }

    /** Writes the header so that it is either fully there or not there at all, even on power loss. */
    void write(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        Path temporary = dir.resolve(FILE_NAME + ".tmp");
        try {
            Files.write(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson()));
            FileSync.force(temporary);
            FileSync.replace(temporary, file);
            FileSync.forceDirectory(dir);
        } catch (IOException failed) {
            throw new StorageException("Cannot write the account header " + file + ": " + failed.getMessage(), failed);
        }
    }

    private ObjectNode toJson() {
        Base64.Encoder b64 = Base64.getEncoder();
        ObjectNode root = JSON.createObjectNode();
        root.put("format", format);
        ObjectNode kdfNode = root.putObject("kdf");
        kdfNode.put("algorithm", "argon2id");
        kdfNode.put("version", 0x13);
        kdfNode.put("memoryKiB", kdf.memoryKiB());
        kdfNode.put("iterations", kdf.iterations());
        kdfNode.put("parallelism", kdf.parallelism());
        kdfNode.put("salt", b64.encodeToString(salt));
        ObjectNode keyNode = root.putObject("masterKey");
        keyNode.put("cipher", "chacha20-poly1305");
        keyNode.put("nonce", b64.encodeToString(nonce));
        keyNode.put("sealed", b64.encodeToString(sealedMasterKey));
        return root;
    }

    private static AccountHeader parse(JsonNode root, Path file) {
        try {
            int format = requiredInt(root, "format");
            if (format > FORMAT) {
                throw new StorageException(file + " was made by a newer version of Waku Chat (header format " + format
                        + ", this version reads up to " + FORMAT + "). Update the app; nothing was changed.");
            }
            JsonNode kdfNode = required(root, "kdf");
            if (!"argon2id".equals(required(kdfNode, "algorithm").asText()) || requiredInt(kdfNode, "version") != 0x13) {
                throw new IllegalArgumentException("unsupported key derivation " + kdfNode.get("algorithm"));
            }
            var kdf = new KdfParams(requiredInt(kdfNode, "memoryKiB"), requiredInt(kdfNode, "iterations"),
                    requiredInt(kdfNode, "parallelism"));
            JsonNode keyNode = required(root, "masterKey");
            byte[] salt = base64(kdfNode, "salt", SALT_LENGTH);
            byte[] nonce = base64(keyNode, "nonce", Crypto.AEAD_NONCE_LENGTH);
            byte[] sealed = base64(keyNode, "sealed", KeyDerivation.KEY_LENGTH + Crypto.AEAD_TAG_LENGTH);
            return new AccountHeader(format, kdf, salt, nonce, sealed);
        } catch (IllegalArgumentException damaged) {
            throw new StorageException("The account header " + file + " is damaged (" + damaged.getMessage()
                    + "). The file was left as it is.", damaged);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value;
    }

    private static int requiredInt(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("field '" + field + "' is not an integer");
        }
        return value.intValue();
    }

    private static byte[] base64(JsonNode node, String field, int expectedLength) {
        byte[] bytes = Base64.getDecoder().decode(required(node, field).asText());
        if (bytes.length != expectedLength) {
            throw new IllegalArgumentException("field '" + field + "' has " + bytes.length + " bytes, expected "
                    + expectedLength);
        }
        return bytes;
    }

    private static byte[] wrappingKey(char[] passphrase, byte[] salt, KdfParams kdf) {
        byte[] stretched = KeyDerivation.argon2id(passphrase, salt, kdf);
        try {
            return KeyDerivation.subkey(stretched, "account.json/master-key-wrap");
        } finally {
            Arrays.fill(stretched, (byte) 0);
        }
    }

    /** Binds the seal to the header's own parameters, so editing them cannot go unnoticed. */
    private static byte[] associatedData(int format, KdfParams kdf, byte[] salt) {
        byte[] label = "wakuchat-account".getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(label.length + 16 + salt.length)
                .put(label).putInt(format).putInt(kdf.memoryKiB()).putInt(kdf.iterations()).putInt(kdf.parallelism())
                .put(salt).array();
    }
}
