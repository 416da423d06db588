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
