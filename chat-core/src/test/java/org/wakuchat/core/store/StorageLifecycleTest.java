package org.wakuchat.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wakuchat.core.store.Fixtures.PASSPHRASE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageLifecycleTest {

    @TempDir
    Path dir;

    @Test
    void createMakesAnAccountThatOpensWithTheSamePassphrase() {
        Path folder = dir.resolve("new/nested");
        assertThat(Storage.exists(folder)).isFalse();
        Fixtures.create(folder).close();
        assertThat(Storage.exists(folder)).isTrue();
        assertThat(folder.resolve("messages.db")).isRegularFile();
        assertThat(folder.resolve("secrets.db")).isRegularFile();
        Fixtures.open(folder).close();
    }

    @Test
    void createRefusesAFolderWithAnAccount() {
        Fixtures.create(dir).close();
        var before = Fixtures.snapshot(dir);
        assertThatThrownBy(() -> Storage.create(dir, "other".toCharArray(), KdfParams.FAST_FOR_TESTS))
                .isInstanceOf(StorageException.class).hasMessageContaining("already exists");
        assertThat(Fixtures.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void wrongPassphraseIsRefusedAndTouchesNoFile() {
        try (Storage storage = Fixtures.create(dir)) {
            storage.secrets().put("identity", "self", new byte[] {1});
        }
        var before = Fixtures.snapshot(dir);

        assertThatThrownBy(() -> Storage.open(dir, "wrong passphrase".toCharArray()))
                .isExactlyInstanceOf(WrongPassphraseException.class).hasMessage("Wrong passphrase.");
        assertThatThrownBy(() -> Storage.open(dir, new char[0])).isInstanceOf(WrongPassphraseException.class);

        assertThat(Fixtures.snapshot(dir)).isEqualTo(before);
        try (Storage storage = Fixtures.open(dir)) {
            assertThat(storage.secrets().get("identity", "self")).isPresent();
        }
    }

    @Test
    void passphraseIsUnicodeNormalised() {
        char[] composed = "caf\u00e9 \u00fcber".toCharArray();
        char[] decomposed = "cafe\u0301 u\u0308ber".toCharArray();
        Storage.create(dir, composed, KdfParams.FAST_FOR_TESTS).close();
        Storage.open(dir, decomposed).close();
        assertThat(decomposed).as("the caller's array is not changed").containsExactly("cafe\u0301 u\u0308ber".toCharArray());
    }

    @Test
    void openWithoutAnAccountSaysSo() {
        assertThatThrownBy(() -> Fixtures.open(dir)).isInstanceOf(StorageException.class)
                .hasMessageContaining("No account");
    }

    @Test
    void aSecondOpenWhileOpenIsRefused() {
        try (Storage first = Fixtures.create(dir)) {
            assertThatThrownBy(() -> Fixtures.open(dir)).isInstanceOf(StorageException.class)
                    .hasMessageContaining("already open");
            first.secrets().put("still", "works", new byte[] {1});
        }
        Fixtures.open(dir).close();
    }

    @Test
    void closeTwiceIsHarmless() {
        Storage storage = Fixtures.create(dir);
        storage.close();
        storage.close();
    }

    @Test
    void leftoversOfAnInterruptedCreateAreMovedAsideNotDeleted() throws IOException {
        Files.writeString(dir.resolve("messages.db"), "left by a crash");
        Files.writeString(dir.resolve("secrets.db-wal"), "left by a crash");

        Fixtures.create(dir).close();

        Fixtures.open(dir).close();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".db")
                    || f.getFileName().toString().endsWith("-wal"))
                    .filter(f -> f.getParent().getFileName().toString().startsWith("unfinished-")))
                    .extracting(f -> f.getFileName().toString())
                    .containsExactlyInAnyOrder("messages.db", "secrets.db-wal");
        }
    }

    @Test
    void headerFromANewerVersionIsRefused() throws IOException {
        Fixtures.create(dir).close();
        Path header = dir.resolve("account.json");
        Files.writeString(header, Files.readString(header).replace("\"format\" : 1", "\"format\" : 2"));
        var before = Fixtures.snapshot(dir);
        assertThatThrownBy(() -> Fixtures.open(dir)).isInstanceOf(StorageException.class)
                .hasMessageContaining("newer version").hasMessageContaining("account.json");
        assertThat(Fixtures.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void damagedHeaderIsRefusedNamingTheFile() throws IOException {
        Fixtures.create(dir).close();
        Files.writeString(dir.resolve("account.json"), "{\"format\": 1, \"kdf\": {}}");
        assertThatThrownBy(() -> Fixtures.open(dir)).isInstanceOf(StorageException.class)
                .isNotInstanceOf(WrongPassphraseException.class)
                .hasMessageContaining("account.json").hasMessageContaining("damaged");
        Files.writeString(dir.resolve("account.json"), "not json at all");
        assertThatThrownBy(() -> Fixtures.open(dir)).isInstanceOf(StorageException.class)
                .hasMessageContaining("account.json");
    }

    @Test
    void editedKdfParametersDoNotUnlock() throws IOException {
        Fixtures.create(dir).close();
        Path header = dir.resolve("account.json");
        Files.writeString(header, Files.readString(header).replace("\"iterations\" : 1", "\"iterations\" : 2"));
        assertThatThrownBy(() -> Fixtures.open(dir)).isInstanceOf(WrongPassphraseException.class);
    }

    @Test
    void headerKeepsTheKdfCostItWasCreatedWith() throws IOException {
        Storage.create(dir, PASSPHRASE, new KdfParams(2048, 2, 2)).close();
        assertThat(Files.readString(dir.resolve("account.json")))
                .contains("\"memoryKiB\" : 2048", "\"iterations\" : 2", "\"parallelism\" : 2", "argon2id");
        Fixtures.open(dir).close();
    }

    @Test
    void kdfParamsAreValidated() {
        assertThatThrownBy(() -> new KdfParams(4, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KdfParams(1024, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KdfParams(1024, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(KdfParams.DEFAULT).isEqualTo(new KdfParams(65536, 3, 1));
    }
}
