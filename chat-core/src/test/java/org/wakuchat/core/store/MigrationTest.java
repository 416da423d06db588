package org.wakuchat.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTest {

    @TempDir
    Path dir;

    /** Meaningful for every future version: v1 data, written by the v1 code, must open and read the same. */
    @Test
    void accountFromSchemaVersion1OpensWithTheCurrentCode() throws Exception {
        V1Fixture.restore(V1Fixture.resources(), dir);
        assertThat(userVersion("messages.db")).isEqualTo(1);
        assertThat(userVersion("secrets.db")).isEqualTo(1);

        try (Storage storage = Storage.open(dir, V1Fixture.PASSPHRASE)) {
            V1Fixture.assertContent(storage);
            storage.messages().insertMessage(Fixtures.stored(Fixtures.incoming("c-fixture", "m-new", 4, "after")));
        }
        assertThat(userVersion("messages.db")).isEqualTo(MessagesSchema.MIGRATIONS.size());
        assertThat(userVersion("secrets.db")).isEqualTo(SecretsSchema.MIGRATIONS.size());

        try (Storage storage = Storage.open(dir, V1Fixture.PASSPHRASE)) {
            assertThat(storage.messages().count(V1Fixture.CONVERSATION)).isEqualTo(4);
            // Step 4 (groups) on an upgraded database: empty, and usable.
            assertThat(storage.groups().groups()).isEmpty();
            var group = new org.wakuchat.core.ConversationId("g-00112233445566778899aabbccddeeff");
            storage.groups().saveGroup(new StoredGroup(group, 3, true, java.time.Instant.parse("2026-12-02T06:00:00Z"),
                    "Upgraded", new byte[] {1, 2}), List.of(new StoredGroupMember("0011223344556677", new byte[32], "Me",
                    org.wakuchat.core.group.GroupRole.ADMIN, true, java.util.Optional.of(new byte[32]))));
            storage.groups().putChange(group, 3, new byte[] {9});
            assertThat(storage.groups().addDelivery(new org.wakuchat.core.MessageId("m-new"), "0011223344556677",
                    java.time.Instant.parse("2026-12-02T06:01:00Z"))).isTrue();
            assertThat(storage.groups().addDelivery(new org.wakuchat.core.MessageId("m-new"), "0011223344556677",
                    java.time.Instant.parse("2026-12-02T06:02:00Z"))).isFalse();
        }
        try (Storage storage = Storage.open(dir, V1Fixture.PASSPHRASE)) {
            var group = new org.wakuchat.core.ConversationId("g-00112233445566778899aabbccddeeff");
            assertThat(storage.groups().groups()).singleElement().satisfies(g -> {
                assertThat(g.name()).isEqualTo("Upgraded");
                assertThat(g.epoch()).isEqualTo(3);
                assertThat(g.state()).containsExactly(1, 2);
            });
            assertThat(storage.groups().members(group)).extracting(StoredGroupMember::name).containsExactly("Me");
            assertThat(storage.groups().changes(group)).singleElement().satisfies(c -> assertThat(c).containsExactly(9));
            assertThat(storage.groups().deliveries(new org.wakuchat.core.MessageId("m-new")))
                    .containsEntry("0011223344556677", java.time.Instant.parse("2026-12-02T06:01:00Z"));
        }
    }

    @Test
    void newDatabasesHaveTheLatestVersion() throws Exception {
        Fixtures.create(dir).close();
        assertThat(userVersion("messages.db")).isEqualTo(MessagesSchema.MIGRATIONS.size());
        assertThat(userVersion("secrets.db")).isEqualTo(SecretsSchema.MIGRATIONS.size());
    }

    @Test
    void missingStepsAreAppliedInOrder() throws Exception {
        Path file = dir.resolve("test.db");
        Migration one = new Migration(1, "table", List.of("CREATE TABLE t (a INTEGER)", "INSERT INTO t VALUES (1)"));
        Database.create(file, List.of(one)).close();

        Migration two = new Migration(2, "column", List.of("ALTER TABLE t ADD COLUMN b TEXT DEFAULT 'x'"));
        Migration three = new Migration(3, "fill", List.of("UPDATE t SET b = 'y' WHERE a = 1"));
        try (Database db = Database.open(file, List.of(one, two, three))) {
            assertThat(db.userVersion()).isEqualTo(1);
            db.migrate();
            assertThat(db.userVersion()).isEqualTo(3);
        }
        assertThat(query(file, "SELECT b FROM t")).isEqualTo("y");
    }

    @Test
    void aFailingStepUndoesTheWholeMigration() throws Exception {
        Path file = dir.resolve("test.db");
        Migration one = new Migration(1, "table", List.of("CREATE TABLE t (a INTEGER)", "INSERT INTO t VALUES (1)"));
        Database.create(file, List.of(one)).close();

        Migration two = new Migration(2, "good", List.of("UPDATE t SET a = 2"));
        Migration three = new Migration(3, "bad", List.of("UPDATE t SET a = 3", "NOT SQL AT ALL"));
        try (Database db = Database.open(file, List.of(one, two, three))) {
            assertThatThrownBy(db::migrate).isInstanceOf(StorageException.class)
                    .hasMessageContaining("test.db").hasMessageContaining("migrating");
            assertThat(db.userVersion()).isEqualTo(1);
        }
        assertThat(query(file, "SELECT a FROM t")).isEqualTo("1");
    }

    @Test
    void migrationStepsMustBeNumberedWithoutGaps() {
        var one = new Migration(1, "a", List.of());
        var three = new Migration(3, "c", List.of());
        assertThatThrownBy(() -> Migration.ordered(List.of(one, three))).isInstanceOf(IllegalStateException.class);
        assertThat(Migration.ordered(List.of(one))).containsExactly(one);
    }

    private int userVersion(String name) throws Exception {
        return Integer.parseInt(query(dir.resolve(name), "PRAGMA user_version"));
    }

    private static String query(Path file, String sql) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file);
             var statement = c.createStatement();
             var result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        }
    }
}
