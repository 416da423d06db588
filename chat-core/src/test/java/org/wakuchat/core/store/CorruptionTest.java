package org.wakuchat.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wakuchat.core.store.Fixtures.incoming;
import static org.wakuchat.core.store.Fixtures.stored;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Damaged, missing and foreign database files: a clear error naming the file, and the file kept as it is. */
class CorruptionTest {

    @TempDir
    Path dir;

    @BeforeEach
    void createAccountWithData() {
        try (Storage storage = Fixtures.create(dir)) {
            storage.messages().inTransaction(() -> {
                for (int i = 0; i < 600; i++) {
                    storage.messages().insertMessage(stored(incoming("c", "m" + i, i, "text " + i)));
                }
            });
            storage.secrets().put("identity", "self", new byte[32]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages.db", "secrets.db"})
    void garbageBytesAreRefused(String name) throws IOException {
        byte[] garbage = new byte[64 * 1024];
        new Random(1).nextBytes(garbage);
        Files.write(dir.resolve(name), garbage);
        assertRefusedAndKept(name, "not a readable database");
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages.db", "secrets.db"})
    void emptyFileIsRefused(String name) throws IOException {
        Files.write(dir.resolve(name), new byte[0]);
        assertRefusedAndKept(name, "empty");
    }

    @ParameterizedTest
    @ValueSource(ints = {50, 4096, 20_000})
    void truncatedMessagesAreRefused(int length) throws IOException {
        Path file = dir.resolve("messages.db");
        assertThat(Files.size(file)).isGreaterThan(length + 4096L);
        try (var raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
        assertRefusedAndKept("messages.db", "messages.db");
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages.db", "secrets.db"})
    void missingFileIsReportedAndNotRecreated(String name) throws IOException {
        Files.delete(dir.resolve(name));
        assertRefusedAndKept(name, "missing");
        assertThat(dir.resolve(name)).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages.db", "secrets.db"})
    void databaseOfAnotherAccountIsRefused(String name) throws IOException {
        Path other = dir.resolveSibling(dir.getFileName() + "-other");
        Fixtures.create(other).close();
        Files.copy(other.resolve(name), dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertRefusedAndKept(name, "does not belong to this account");
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages.db", "secrets.db"})
    void databaseFromANewerVersionIsRefusedAndUntouched(String name) throws Exception {
        Path file = dir.resolve(name);
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             var statement = connection.createStatement()) {
            statement.executeUpdate("PRAGMA user_version = 999");
        }
        assertRefusedAndKept(name, "made by a newer version");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void damagedPagesInsideTheFileAreRefused(int seed) throws IOException {
        Path file = dir.resolve("messages.db");
        byte[] content = Files.readAllBytes(file);
        byte[] noise = new byte[4096];
        new Random(seed).nextBytes(noise);
        // Overwrite a page in the middle; the header (first page) stays valid.
        int page = 4096 * (1 + (content.length / 4096 - 2) * (seed + 1) / 4);
        System.arraycopy(noise, 0, content, page, noise.length);
        Files.write(file, content);
        assertRefusedAndKept("messages.db", "messages.db");
    }

    private void assertRefusedAndKept(String name, String expectedMessage) {
        var before = Fixtures.snapshot(dir);
        assertThatThrownBy(() -> Fixtures.open(dir))
                .isInstanceOf(StorageException.class)
                .isNotInstanceOf(WrongPassphraseException.class)
                .hasMessageContaining(name)
                .hasMessageContaining(expectedMessage);
        assertThat(Fixtures.snapshot(dir)).as("every file's content and modification time").isEqualTo(before);
    }
}
