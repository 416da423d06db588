package org.wakuchat.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * Bytes read from the data folder, which anyone with write access can change: sealed cells
 * (plain and binding) open to what was sealed or raise {@link StorageException}, and the account
 * header (account.json) reads or raises {@link StorageException}. Nothing else, whatever the bytes.
 */
class StoredBytesFuzzTest {

    private static final CellCipher CIPHER = new CellCipher("messages.db", new byte[32], new SecureRandom());
    private static final byte[] VALUE = "sealed value".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final byte[] PLAIN = CIPHER.seal(VALUE, "messages", "payload_sealed", "m1");
    private static final List<String> BOUND = List.of("state=SENT", "failure=");
    private static final byte[] BINDING = CIPHER.sealBinding(VALUE, BOUND, "messages", "engine_state_sealed", "m1", "c1");
    private static final Path DIR = temporaryFolder();

    @FuzzTest(maxDuration = "30s")
    void cellsAndAccountHeadersReadOrRaiseStorageException(FuzzedDataProvider data) throws IOException {
        if (data.consumeBoolean()) {
            accountHeader(data.consumeRemainingAsBytes());
            return;
        }
        boolean binding = data.consumeBoolean();
        byte[] cell = data.consumeBoolean() ? data.consumeRemainingAsBytes()
                : org.wakuchat.core.session.FuzzEdits.edit(binding ? BINDING : PLAIN, data);
        try {
            byte[] opened = binding
                    ? CIPHER.openBinding(cell, BOUND, "messages", "engine_state_sealed", "m1", "c1")
                    : CIPHER.open(cell, "messages", "payload_sealed", "m1");
            assertThat(opened).isEqualTo(VALUE);
        } catch (StorageException documented) {
            assertThat(documented.getMessage()).contains("cannot be read");
        }
    }

    private static void accountHeader(byte[] json) throws IOException {
        Files.write(DIR.resolve("account.json"), json);
        try {
            AccountHeader.read(DIR);
        } catch (StorageException documented) {
            // damaged or newer: reported, nothing changed
        }
    }

    private static Path temporaryFolder() {
        try {
            Path dir = Files.createTempDirectory("wakuchat-fuzz-header");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
