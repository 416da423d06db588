package org.wakuchat.core.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.crypto.CryptoException;

/**
 * Seals single database values with ChaCha20-Poly1305. A cell is {@code version(1) || nonce(12) ||
 * ciphertext || tag(16)}; its associated data names the database, table, column and row, so a
 * cell copied to another place no longer opens.
 */
final class CellCipher {

    private static final byte CELL_VERSION = 1;
    private static final byte[] AD_LABEL = "wakuchat-cell-v1".getBytes(StandardCharsets.US_ASCII);
    private static final int OVERHEAD = 1 + Crypto.AEAD_NONCE_LENGTH + Crypto.AEAD_TAG_LENGTH;

    private final String database;
    private final byte[] key;
    private final SecureRandom random;

    CellCipher(String database, byte[] key, SecureRandom random) {
        this.database = database;
        this.key = key.clone();
        this.random = random;
    }

    byte[] seal(byte[] plaintext, String table, String column, String... row) {
        byte[] nonce = new byte[Crypto.AEAD_NONCE_LENGTH];
        random.nextBytes(nonce);
        byte[] sealed = Crypto.seal(key, nonce, associatedData(table, column, row), plaintext);
        return ByteBuffer.allocate(1 + nonce.length + sealed.length).put(CELL_VERSION).put(nonce).put(sealed).array();
    }

    byte[] open(byte[] cell, String table, String column, String... row) {
        if (cell == null || cell.length < OVERHEAD || cell[0] != CELL_VERSION) {
            throw damaged(table, column, "it is not a sealed value");
        }
        byte[] nonce = Arrays.copyOfRange(cell, 1, 1 + Crypto.AEAD_NONCE_LENGTH);
        byte[] sealed = Arrays.copyOfRange(cell, 1 + Crypto.AEAD_NONCE_LENGTH, cell.length);
        try {
            return Crypto.open(key, nonce, associatedData(table, column, row), sealed);
        } catch (CryptoException notAuthentic) {
            throw damaged(table, column, "it does not authenticate: damaged, edited or moved from another row");
        }
    }

    void wipe() {
        Arrays.fill(key, (byte) 0);
    }

    private StorageException damaged(String table, String column, String reason) {
        return new StorageException("A value in " + database + " (" + table + "." + column + ") cannot be read: "
                + reason + ". Nothing was changed.");
    }

    /** Length-prefixed parts, so that no two different places share an encoding. */
    private byte[] associatedData(String table, String column, String... row) {
        var out = new ByteArrayOutputStream(64);
        out.writeBytes(AD_LABEL);
        writePart(out, database);
        writePart(out, table);
        writePart(out, column);
        for (String part : row) {
            writePart(out, part);
        }
        return out.toByteArray();
    }

    private static void writePart(ByteArrayOutputStream out, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }
}
