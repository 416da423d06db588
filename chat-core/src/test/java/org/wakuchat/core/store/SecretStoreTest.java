package org.wakuchat.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretStoreTest {

    @TempDir
    Path dir;
    private Storage storage;
    private SecretStore secrets;

    @BeforeEach
    void createStorage() {
        storage = Fixtures.create(dir);
        secrets = storage.secrets();
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    @Test
    void putGetReplaceDelete() {
        assertThat(secrets.get("identity", "self")).isEmpty();
        secrets.put("identity", "self", new byte[] {1, 2});
        assertThat(secrets.get("identity", "self")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2));

        secrets.put("identity", "self", new byte[] {3});
        assertThat(secrets.get("identity", "self")).hasValueSatisfying(v -> assertThat(v).containsExactly(3));

        secrets.delete("identity", "self");
        assertThat(secrets.get("identity", "self")).isEmpty();
        secrets.delete("identity", "self");
    }

    @Test
    void kindsAreSeparateAndAllListsOneKindSortedByKey() {
        secrets.put("session", "bob", new byte[] {2});
        secrets.put("session", "alice", new byte[] {1});
        secrets.put("session", "", new byte[0]);
        secrets.put("prekey", "alice", new byte[] {9});

        var sessions = secrets.all("session");
        assertThat(sessions).containsOnlyKeys("", "alice", "bob");
        assertThat(sessions.keySet()).containsExactly("", "alice", "bob");
        assertThat(sessions.get("alice")).containsExactly(1);
        assertThat(sessions.get("")).isEmpty();
        assertThat(secrets.all("prekey")).containsOnlyKeys("alice");
        assertThat(secrets.all("sync")).isEmpty();
    }

    @Test
    void blankKindIsRefused() {
        assertThatThrownBy(() -> secrets.put(" ", "k", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> secrets.put("kind", "k", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void returnedValuesAreCopies() {
        byte[] value = {1, 2, 3};
        secrets.put("prekey", "p1", value);
        value[0] = 42;
        secrets.get("prekey", "p1").orElseThrow()[1] = 42;
        assertThat(secrets.get("prekey", "p1")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2, 3));
    }
}
