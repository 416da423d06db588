package org.wakuchat.core.store;

import java.util.Map;
import java.util.Optional;

/**
 * Small secret values by kind and key (kinds the engine uses: "identity", "prekey", "session",
 * "sync"). Values and keys are encrypted at rest; only the kind is plaintext. Thread-safe.
 */
public interface SecretStore {

    /** Stores or replaces the value. */
    void put(String kind, String key, byte[] value);

    Optional<byte[]> get(String kind, String key);

    /** Every key and value of one kind, sorted by key. */
    Map<String, byte[]> all(String kind);

    /** Removes the value if there is one. */
    void delete(String kind, String key);

    /**
     * Runs {@code work} in one transaction: everything it writes here commits together when it
     * returns, or not at all when it throws. Nested calls are savepoints.
     */
    void inTransaction(Runnable work);
}
