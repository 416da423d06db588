package org.wakuchat.core.store;

import java.util.List;

/**
 * The schema of secrets.db, one step per version. Never edit a released step: add a new one.
 * A secret's key is stored twice: as a keyed hash for lookups and sealed for listing.
 */
final class SecretsSchema {

    static final List<Migration> MIGRATIONS = Migration.ordered(List.of(
            new Migration(1, "secrets", List.of(
                    """
                    CREATE TABLE meta (
                      name  TEXT PRIMARY KEY,
                      value BLOB NOT NULL
                    ) WITHOUT ROWID""",
                    """
                    CREATE TABLE secrets (
                      kind         TEXT NOT NULL,
                      key_hash     BLOB NOT NULL,
                      key_sealed   BLOB NOT NULL,
                      value_sealed BLOB NOT NULL,
                      PRIMARY KEY (kind, key_hash)
                    ) WITHOUT ROWID"""))));

    private SecretsSchema() {
    }
}
