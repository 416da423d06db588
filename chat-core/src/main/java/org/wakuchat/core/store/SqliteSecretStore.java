package org.wakuchat.core.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.wakuchat.core.crypto.Crypto;

/**
 * {@link SecretStore} on secrets.db. Keys may name contacts, so they are not stored in the clear:
 * rows are found by a keyed hash of (kind, key) and the key itself is sealed for {@link #all}.
 */
final class SqliteSecretStore implements SecretStore {

    private final Database db;
    private final CellCipher cipher;
    private final byte[] keyHashKey;

    SqliteSecretStore(Database db, CellCipher cipher, byte[] keyHashKey) {
        this.db = db;
        this.cipher = cipher;
        this.keyHashKey = keyHashKey.clone();
    }

    @Override
    public void put(String kind, String key, byte[] value) {
        requireNames(kind, key);
        Objects.requireNonNull(value, "value");
        byte[] keyHash = keyHash(kind, key);
        db.call("saving a secret", connection -> {
            PreparedStatement insert = db.prepared("INSERT INTO secrets (kind, key_hash, key_sealed, value_sealed)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (kind, key_hash) DO UPDATE SET"
                    + " key_sealed = excluded.key_sealed, value_sealed = excluded.value_sealed");
            insert.setString(1, kind);
            insert.setBytes(2, keyHash);
            insert.setBytes(3, cipher.seal(key.getBytes(StandardCharsets.UTF_8), "secrets", "key_sealed", kind,
                    HexFormat.of().formatHex(keyHash)));
            insert.setBytes(4, cipher.seal(value, "secrets", "value_sealed", kind, key));
            insert.executeUpdate();
            return null;
        });
    }

    @Override
    public Optional<byte[]> get(String kind, String key) {
        requireNames(kind, key);
        byte[] keyHash = keyHash(kind, key);
        return db.call("reading a secret", connection -> {
            PreparedStatement select = db.prepared("SELECT value_sealed FROM secrets WHERE kind = ? AND key_hash = ?");
            select.setString(1, kind);
            select.setBytes(2, keyHash);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(cipher.open(row.getBytes(1), "secrets", "value_sealed", kind, key))
                        : Optional.empty();
            }
        });
    }

    @Override
    public Map<String, byte[]> all(String kind) {
        requireNames(kind, "-");
        return db.call("listing secrets", connection -> {
            PreparedStatement select = db.prepared(
                    "SELECT key_hash, key_sealed, value_sealed FROM secrets WHERE kind = ?");
            select.setString(1, kind);
            var all = new TreeMap<String, byte[]>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    byte[] keyHash = row.getBytes(1);
                    String key = new String(cipher.open(row.getBytes(2), "secrets", "key_sealed", kind,
                            HexFormat.of().formatHex(keyHash)), StandardCharsets.UTF_8);
                    all.put(key, cipher.open(row.getBytes(3), "secrets", "value_sealed", kind, key));
                }
            }
            return Collections.unmodifiableMap(all);
        });
    }

    @Override
    public void delete(String kind, String key) {
        requireNames(kind, key);
        byte[] keyHash = keyHash(kind, key);
        db.call("deleting a secret", connection -> {
            PreparedStatement delete = db.prepared("DELETE FROM secrets WHERE kind = ? AND key_hash = ?");
            delete.setString(1, kind);
            delete.setBytes(2, keyHash);
            delete.executeUpdate();
            return null;
        });
    }

    void wipe() {
        Arrays.fill(keyHashKey, (byte) 0);
    }

    private byte[] keyHash(String kind, String key) {
        byte[] kindBytes = kind.getBytes(StandardCharsets.UTF_8);
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        return Crypto.hmacSha256(keyHashKey, ByteBuffer.allocate(4 + kindBytes.length + keyBytes.length)
                .putInt(kindBytes.length).put(kindBytes).put(keyBytes).array());
    }

    private static void requireNames(String kind, String key) {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("a secret's kind must not be blank");
        }
        Objects.requireNonNull(key, "key");
    }

    @Override
    public void inTransaction(Runnable work) {
        db.inTransaction(work);
    }
}
