package org.wakuchat.core.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.crypto.CryptoException;

/**
 * Seals single database values with ChaCha20-Poly1305. A cell is {@code version(1) || nonce(12) ||
 * ciphertext || tag(16)}; its associated data names the database, table, column and row, so a
 * cell copied to another place no longer opens. A version-2 ("binding") cell also covers values of
 * the same row that stay in plaintext for SQL (a contact's verified flag, a message's delivery
 * state): changing one of those makes the cell fail to open.
 */
final class CellCipher {

    private static final byte CELL_VERSION = 1;
    private static final byte BINDING_CELL_VERSION = 2;
    private static final byte[] AD_LABEL = "wakuchat-cell-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BINDING_AD_LABEL = "wakuchat-cell-v2-binding".getBytes(StandardCharsets.US_ASCII);
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
        return seal(CELL_VERSION, associatedData(AD_LABEL, table, column, row), plaintext);
    }

    byte[] open(byte[] cell, String table, String column, String... row) {
        if (cell == null || cell.length < OVERHEAD || cell[0] != CELL_VERSION) {
            throw damaged(table, column, "it is not a sealed value");
        }
        return open(cell, associatedData(AD_LABEL, table, column, row), table, column,
                "it does not authenticate: damaged, edited or moved from another row");
    }

    /**
     * Seals a value bound to the row's plaintext values {@code bound} (named, e.g. "verified=1"):
     * the cell opens only while those columns still hold them.
     */
    byte[] sealBinding(byte[] plaintext, List<String> bound, String table, String column, String... row) {
        return seal(BINDING_CELL_VERSION, bindingData(bound, table, column, row), plaintext);
    }

    /**
     * Opens a binding cell, or a plain version-1 cell written before the binding existed (then
     * nothing is bound; {@link #isBinding} tells which, so that such rows can be re-sealed).
     */
    byte[] openBinding(byte[] cell, List<String> bound, String table, String column, String... row) {
        if (cell != null && cell.length >= OVERHEAD && cell[0] == CELL_VERSION) {
            return open(cell, table, column, row);
        }
        if (cell == null || cell.length < OVERHEAD || cell[0] != BINDING_CELL_VERSION) {
            throw damaged(table, column, "it is not a sealed value");
        }
        return open(cell, bindingData(bound, table, column, row), table, column,
                "it does not authenticate: " + String.join(", ", bound.stream().map(b -> b.split("=", 2)[0]).toList())
                        + " changed outside Waku Chat, or the cell is damaged, edited or moved from another row");
    }

    static boolean isBinding(byte[] cell) {
        return cell != null && cell.length > 0 && cell[0] == BINDING_CELL_VERSION;
    }

    private byte[] seal(byte version, byte[] associatedData, byte[] plaintext) {
        byte[] nonce = new byte[Crypto.AEAD_NONCE_LENGTH];
        random.nextBytes(nonce);
        byte[] sealed = Crypto.seal(key, nonce, associatedData, plaintext);
        return ByteBuffer.allocate(1 + nonce.length + sealed.length).put(version).put(nonce).put(sealed).array();
    }

    private byte[] open(byte[] cell, byte[] associatedData, String table, String column, String problem) {
        byte[] nonce = Arrays.copyOfRange(cell, 1, 1 + Crypto.AEAD_NONCE_LENGTH);
        byte[] sealed = Arrays.copyOfRange(cell, 1 + Crypto.AEAD_NONCE_LENGTH, cell.length);
        try {
            return Crypto.open(key, nonce, associatedData, sealed);
        } catch (CryptoException notAuthentic) {
            throw damaged(table, column, problem);
        }
    }

    /** The row's parts, then the number of bound values and each of them: no two bindings share an encoding. */
    private byte[] bindingData(List<String> bound, String table, String column, String... row) {
        var out = new ByteArrayOutputStream(96);
        out.writeBytes(associatedData(BINDING_AD_LABEL, table, column, row));
        out.writeBytes(ByteBuffer.allocate(4).putInt(bound.size()).array());
        for (String value : bound) {
            writePart(out, value);
        }
        return out.toByteArray();
    }

    void wipe() {
        Arrays.fill(key, (byte) 0);
    }

    private StorageException damaged(String table, String column, String reason) {
        return new StorageException("A value in " + database + " (" + table + "." + column + ") cannot be read: "
                + reason + ". Nothing was changed.");
    }

    /** Length-prefixed parts, so that no two different places share an encoding. */
    private byte[] associatedData(byte[] label, String table, String column, String... row) {
        var out = new ByteArrayOutputStream(64);
        out.writeBytes(label);
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
