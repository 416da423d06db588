package org.wakuchat.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wakuchat.core.store.Fixtures.incoming;
import static org.wakuchat.core.store.Fixtures.outgoing;
import static org.wakuchat.core.store.Fixtures.stored;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.Payload;
import org.wakuchat.core.account.AccountId;

/** What an attacker with the files (but not the passphrase) can and cannot read or rearrange. */
class EncryptionAtRestTest {

    private static final String TEXT = "The eagle lands at midnight, bring the ünïcödé map";
    private static final String LONG_TEXT = "Meet me behind the old lighthouse. ".repeat(200);
    private static final String CONTACT_NAME = "Alicia Secretname";
    private static final String NICKNAME = "Nicky Hiddennick";
    private static final String CONTACT_ID = "acct-7f3a9c-contact-identifier";
    private static final String SESSION_KEY = "session-with-" + CONTACT_ID;

    @TempDir
    Path dir;

    @Test
    void noFileContainsPlaintextTextsNamesOrKeys() throws IOException {
        byte[] privateKey = randomBytes(32, 1);
        byte[] identityKey = randomBytes(32, 2);
        byte[] customBody = randomBytes(48, 3);
        Map<String, byte[]> whileOpen;
        try (Storage storage = Fixtures.create(dir)) {
            storage.secrets().put("identity", "self", privateKey);
            storage.secrets().put("session", SESSION_KEY, privateKey);
            var conversation = new StoredConversation(new ConversationId("c1"), new AccountId(CONTACT_ID), CONTACT_NAME,
                    Optional.of(NICKNAME), identityKey, true, Instant.now(), privateKey);
            storage.messages().upsertConversation(conversation);
            storage.messages().insertMessage(stored(incoming("c1", "m1", 1, TEXT)));
            storage.messages().insertMessage(stored(outgoing("c1", "m2", 2, LONG_TEXT, DeliveryState.QUEUED)));
            storage.messages().insertMessage(new StoredMessage(new ChatMessage(new MessageId("m3"),
                    conversation.id(), true, new Payload(Payload.FIRST_CUSTOM_TYPE, customBody), Instant.now(),
                    Instant.now(), DeliveryState.SENT, 3), 1, Optional.empty(), privateKey));
            whileOpen = readAllFiles();
            assertThat(names()).as("the write-ahead log exists while open").anyMatch(n -> n.endsWith("-wal"));
        }
        Map<String, byte[]> afterClose = readAllFiles();

        List<byte[]> secrets = new ArrayList<>(List.of(privateKey, identityKey, customBody));
        for (String text : List.of(TEXT, LONG_TEXT.substring(0, 40), CONTACT_NAME, NICKNAME, CONTACT_ID, SESSION_KEY)) {
            secrets.add(text.getBytes(StandardCharsets.UTF_8));
            secrets.add(text.getBytes(StandardCharsets.UTF_16LE));
            secrets.add(text.getBytes(StandardCharsets.UTF_16BE));
        }
        for (byte[] secret : secrets) {
            whileOpen.forEach((name, content) ->
                    assertThat(indexOf(content, secret)).as("%s (while open) contains a plaintext secret", name).isNegative());
            afterClose.forEach((name, content) ->
                    assertThat(indexOf(content, secret)).as("%s (after close) contains a plaintext secret", name).isNegative());
        }
        // The search itself works: it finds what is there.
        byte[] control = ("xx" + TEXT + "yy").getBytes(StandardCharsets.UTF_8);
        assertThat(indexOf(control, TEXT.getBytes(StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(afterClose.values().stream().anyMatch(f -> indexOf(f, "m1".getBytes(StandardCharsets.UTF_8)) >= 0))
                .as("message ids are plaintext, so the scan reaches the message rows").isTrue();
    }

    @Test
    void swappedMessagePayloadsFailToRead() throws Exception {
        try (Storage storage = Fixtures.create(dir)) {
            storage.messages().insertMessage(stored(incoming("c1", "m1", 1, "first")));
            storage.messages().insertMessage(stored(incoming("c1", "m2", 2, "second")));
        }
        swapCells("messages.db", "messages", "payload_sealed", "id", "m1", "m2");
        try (Storage storage = Fixtures.open(dir)) {
            assertThatThrownBy(() -> storage.messages().message(new MessageId("m1")))
                    .isInstanceOf(StorageException.class).hasMessageContaining("messages.payload_sealed");
            assertThatThrownBy(() -> storage.messages().page(new ConversationId("c1"), 0, 10))
                    .isInstanceOf(StorageException.class);
        }
    }

    @Test
    void messageMovedToAnotherConversationOrDirectionFailsToRead() throws Exception {
        try (Storage storage = Fixtures.create(dir)) {
            storage.messages().insertMessage(stored(incoming("c1", "m1", 1, "first")));
            storage.messages().insertMessage(stored(incoming("c1", "m2", 2, "second")));
        }
        execute("messages.db", "UPDATE messages SET conversation_id = 'c2' WHERE id = 'm1'");
        execute("messages.db", "UPDATE messages SET outgoing = 1 WHERE id = 'm2'");
        try (Storage storage = Fixtures.open(dir)) {
            assertThatThrownBy(() -> storage.messages().message(new MessageId("m1")))
                    .isInstanceOf(StorageException.class);
            assertThatThrownBy(() -> storage.messages().message(new MessageId("m2")))
                    .isInstanceOf(StorageException.class);
        }
    }

    @Test
    void swappedConversationCellsFailToRead() throws Exception {
        try (Storage storage = Fixtures.create(dir)) {
            storage.messages().upsertConversation(Fixtures.conversation("c1", "Alice"));
            storage.messages().upsertConversation(Fixtures.conversation("c2", "Bob"));
        }
        swapCells("messages.db", "conversations", "contact_name_sealed", "id", "c1", "c2");
        try (Storage storage = Fixtures.open(dir)) {
            assertThatThrownBy(() -> storage.messages().conversation(new ConversationId("c1")))
                    .isInstanceOf(StorageException.class).hasMessageContaining("contact_name_sealed");
            assertThatThrownBy(() -> storage.messages().conversations()).isInstanceOf(StorageException.class);
        }
    }

    @Test
    void cellMovedToAnotherColumnOfTheSameRowFailsToRead() throws Exception {
        try (Storage storage = Fixtures.create(dir)) {
            storage.messages().upsertConversation(Fixtures.conversation("c1", "Alice"));
        }
        execute("messages.db", "UPDATE conversations SET nickname_sealed = contact_name_sealed");
        try (Storage storage = Fixtures.open(dir)) {
            assertThatThrownBy(() -> storage.messages().conversation(new ConversationId("c1")))
                    .isInstanceOf(StorageException.class).hasMessageContaining("nickname_sealed");
        }
    }

    @Test
    void swappedSecretValuesFailToRead() throws Exception {
        try (Storage storage = Fixtures.create(dir)) {
            storage.secrets().put("session", "alice", new byte[] {1});
            storage.secrets().put("session", "bob", new byte[] {2});
        }
        try (Connection c = connect("secrets.db"); var statement = c.createStatement()) {
            statement.executeUpdate("CREATE TEMP TABLE v AS SELECT key_hash, value_sealed FROM secrets");
            statement.executeUpdate("UPDATE secrets SET value_sealed = (SELECT value_sealed FROM v"
                    + " WHERE v.key_hash <> secrets.key_hash)");
        }
        try (Storage storage = Fixtures.open(dir)) {
            assertThatThrownBy(() -> storage.secrets().get("session", "alice"))
                    .isInstanceOf(StorageException.class).hasMessageContaining("secrets.value_sealed");
            assertThatThrownBy(() -> storage.secrets().all("session")).isInstanceOf(StorageException.class);
        }
    }

    @Test
    void secretMovedToAnotherKindFailsToRead() throws Exception {
        try (Storage storage = Fixtures.create(dir)) {
            storage.secrets().put("prekey", "k", new byte[] {1});
        }
        execute("secrets.db", "UPDATE secrets SET kind = 'identity'");
        try (Storage storage = Fixtures.open(dir)) {
            assertThatThrownBy(() -> storage.secrets().all("identity")).isInstanceOf(StorageException.class);
            assertThat(storage.secrets().get("identity", "k")).as("the keyed hash no longer matches").isEmpty();
        }
    }

    private void swapCells(String file, String table, String column, String keyColumn, String a, String b)
            throws SQLException {
        try (Connection c = connect(file); var statement = c.createStatement()) {
            statement.executeUpdate("CREATE TEMP TABLE swap AS SELECT " + keyColumn + " AS k, " + column + " AS v FROM "
                    + table + " WHERE " + keyColumn + " IN ('" + a + "', '" + b + "')");
            statement.executeUpdate("UPDATE " + table + " SET " + column + " = (SELECT v FROM swap WHERE k <> "
                    + table + "." + keyColumn + ") WHERE " + keyColumn + " IN ('" + a + "', '" + b + "')");
        }
    }

    private void execute(String file, String sql) throws SQLException {
        try (Connection c = connect(file); var statement = c.createStatement()) {
            assertThat(statement.executeUpdate(sql)).isPositive();
        }
    }

    private Connection connect(String file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(file));
    }

    private List<String> names() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    private Map<String, byte[]> readAllFiles() {
        Map<Path, Fixtures.Snapshot> files = Fixtures.snapshot(dir);
        assertThat(files.keySet()).extracting(Path::toString).contains("messages.db", "secrets.db", "account.json");
        var contents = new java.util.TreeMap<String, byte[]>();
        files.forEach((path, snapshot) -> contents.put(path.toString(), snapshot.content()));
        return contents;
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
