package org.wakuchat.core.store;

import java.util.List;

/**
 * The schema of messages.db, one step per version. Never edit a released step: add a new one.
 * Columns named {@code *_sealed} hold {@link CellCipher} cells; the rest is plaintext (see docs/storage.md).
 * {@code conversation_stats} is kept by triggers so that counts are O(1); its read mark is the
 * highest incoming {@code seq} (arrival order) at the last markRead. Messages are never deleted;
 * a step that adds deleting must also add a trigger that keeps these counts.
 */
final class MessagesSchema {

    static final List<Migration> MIGRATIONS = Migration.ordered(List.of(
            new Migration(1, "conversations, messages, counters", List.of(
                    """
                    CREATE TABLE meta (
                      name  TEXT PRIMARY KEY,
                      value BLOB NOT NULL
                    ) WITHOUT ROWID""",
                    """
                    CREATE TABLE conversations (
                      id                  TEXT PRIMARY KEY,
                      contact_id_sealed   BLOB NOT NULL,
                      contact_name_sealed BLOB NOT NULL,
                      nickname_sealed     BLOB NOT NULL,
                      identity_key_sealed BLOB NOT NULL,
                      verified            INTEGER NOT NULL CHECK (verified IN (0, 1)),
                      created_at          TEXT NOT NULL,
                      engine_state_sealed BLOB NOT NULL
                    )""",
                    """
                    CREATE TABLE messages (
                      seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
                      id                  TEXT NOT NULL UNIQUE,
                      conversation_id     TEXT NOT NULL,
                      outgoing            INTEGER NOT NULL CHECK (outgoing IN (0, 1)),
                      ord                 INTEGER NOT NULL,
                      state               TEXT NOT NULL,
                      sent_at             TEXT NOT NULL,
                      received_at         TEXT NOT NULL,
                      attempts            INTEGER NOT NULL,
                      next_attempt_at     TEXT,
                      payload_sealed      BLOB NOT NULL,
                      engine_state_sealed BLOB NOT NULL
                    )""",
                    "CREATE INDEX messages_by_position ON messages (conversation_id, ord, id)",
                    "CREATE INDEX messages_incoming ON messages (conversation_id, seq) WHERE outgoing = 0",
                    "CREATE INDEX messages_pending ON messages (seq) WHERE outgoing = 1 AND state IN ('QUEUED', 'SENT')",
                    """
                    CREATE TABLE conversation_stats (
                      conversation_id     TEXT PRIMARY KEY,
                      message_count       INTEGER NOT NULL DEFAULT 0,
                      incoming_count      INTEGER NOT NULL DEFAULT 0,
                      read_seq            INTEGER NOT NULL DEFAULT 0,
                      read_incoming_count INTEGER NOT NULL DEFAULT 0
                    ) WITHOUT ROWID""",
                    """
                    CREATE TRIGGER messages_counted AFTER INSERT ON messages BEGIN
                      INSERT INTO conversation_stats (conversation_id, message_count, incoming_count)
                        VALUES (NEW.conversation_id, 1, NEW.outgoing = 0)
                        ON CONFLICT (conversation_id) DO UPDATE SET message_count = message_count + 1,
                          incoming_count = incoming_count + (NEW.outgoing = 0);
                    END""")),
            new Migration(2, "why a failed message failed", List.of(
                    "ALTER TABLE messages ADD COLUMN failure TEXT")),
            new Migration(3, "reliability report: when a message was delivered, and the event log", List.of(
                    "ALTER TABLE messages ADD COLUMN delivered_at TEXT",
                    """
                    CREATE TABLE report_events (
                      seq          INTEGER PRIMARY KEY AUTOINCREMENT,
                      at_ms        INTEGER NOT NULL,
                      event_sealed BLOB NOT NULL
                    )""")),
            new Migration(4, "private groups: groups, members, the change chain, per-member delivery, message senders", List.of(
                    // A group message's sender (the member who wrote it); NULL for 1:1 and my own messages.
                    "ALTER TABLE messages ADD COLUMN sender_sealed BLOB",
                    """
                    CREATE TABLE groups (
                      id           TEXT PRIMARY KEY,
                      epoch        INTEGER NOT NULL,
                      member       INTEGER NOT NULL CHECK (member IN (0, 1)),
                      created_at   TEXT NOT NULL,
                      name_sealed  BLOB NOT NULL,
                      state_sealed BLOB NOT NULL
                    )""",
                    """
                    CREATE TABLE group_members (
                      group_id            TEXT NOT NULL,
                      member_id           TEXT NOT NULL,
                      role                TEXT NOT NULL,
                      joined              INTEGER NOT NULL CHECK (joined IN (0, 1)),
                      identity_key_sealed BLOB NOT NULL,
                      name_sealed         BLOB NOT NULL,
                      signing_key_sealed  BLOB NOT NULL,
                      PRIMARY KEY (group_id, member_id)
                    ) WITHOUT ROWID""",
                    """
                    CREATE TABLE group_changes (
                      group_id      TEXT NOT NULL,
                      epoch         INTEGER NOT NULL,
                      change_sealed BLOB NOT NULL,
                      PRIMARY KEY (group_id, epoch)
                    ) WITHOUT ROWID""",
                    """
                    CREATE TABLE group_deliveries (
                      message_id   TEXT NOT NULL,
                      member_id    TEXT NOT NULL,
                      delivered_at TEXT NOT NULL,
                      PRIMARY KEY (message_id, member_id)
                    ) WITHOUT ROWID"""))));

    private MessagesSchema() {
    }
}
