package org.wakuchat.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.DataFolderWarning;

/**
 * The unlock notices a data folder restored from an older copy, or copied to another computer,
 * from the sealed generation and this computer's marker outside the folder (issue #14, finding 2;
 * docs/crypto.md §6), warns once, and never stops the account from working.
 */
class DataFolderCheckTest {

    @TempDir
    Path folder;
    SimulatedPeople people;
    Path alice;
    Path thisComputer;
    Path otherComputer;

    @BeforeEach
    void setUp() {
        people = new SimulatedPeople(folder, 47);
        alice = folder.resolve("Alice");
        thisComputer = folder.resolve("state-here").resolve("folder-markers");
        otherComputer = folder.resolve("state-elsewhere").resolve("folder-markers");
    }

    @AfterEach
    void shutDown() {
        people.close();
    }

    @Test
    void aRestoredOlderCopyIsNoticedOnceAndTheAccountStillWorks() throws Exception {
        ChatEngine created = new LocalAccounts(config(thisComputer)).create("Alice", SimulatedPeople.passphrase("Alice"));
        assertThat(created.dataFolderWarning()).isEmpty();
        created.close();
        DataFolderCopies.copy(alice, folder.resolve("backup"));
        assertThat(unlock(thisComputer)).isEmpty();
        assertThat(unlock(thisComputer)).isEmpty();

        restore(folder.resolve("backup"));
        List<ChatEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        ChatEngine restored = new LocalAccounts(config(thisComputer)).unlock(SimulatedPeople.passphrase("Alice"));
        restored.subscribe(events::add);
        people.started(restored);
        assertThat(restored.dataFolderWarning()).contains(DataFolderWarning.RESTORED_OLDER_COPY);
        assertThat(events).contains(new ChatEvent.DataFolderWarned(DataFolderWarning.RESTORED_OLDER_COPY));
        assertThat(restored.currentInvite()).isNotNull();
        restored.close();
        // Warned once: from now on this restored folder is the one this computer knows.
        assertThat(unlock(thisComputer)).isEmpty();
    }

    @Test
    void aCopyOpenedOnAnotherComputerAndOneUsedThereAndBroughtBackAreNoticed() throws Exception {
        new LocalAccounts(config(thisComputer)).create("Alice", SimulatedPeople.passphrase("Alice")).close();
        assertThat(unlock(thisComputer)).isEmpty();

        assertThat(unlock(otherComputer)).contains(DataFolderWarning.FIRST_USE_ON_THIS_COMPUTER);
        assertThat(unlock(otherComputer)).isEmpty();
        assertThat(unlock(thisComputer)).contains(DataFolderWarning.USED_ELSEWHERE_SINCE);
        assertThat(unlock(thisComputer)).isEmpty();
    }

    @Test
    void withoutMarkersNothingIsCheckedOrAdvanced() throws Exception {
        new LocalAccounts(config(thisComputer)).create("Alice", SimulatedPeople.passphrase("Alice")).close();
        ChatEngine unchecked = new LocalAccounts(people.config("Alice")).unlock(SimulatedPeople.passphrase("Alice"));
        assertThat(unchecked.dataFolderWarning()).isEmpty();
        unchecked.close();
        // The CLI or a test opening the folder does not make it look used elsewhere.
        assertThat(unlock(thisComputer)).isEmpty();
    }

    @Test
    void anAccountMadeBeforeTheCheckExistedIsNotWarnedAbout() throws Exception {
        new LocalAccounts(people.config("Alice")).create("Alice", SimulatedPeople.passphrase("Alice")).close();
        assertThat(unlock(thisComputer)).isEmpty();
        assertThat(unlock(thisComputer)).isEmpty();
    }

    @Test
    void anUnwritableMarkerFolderDoesNotStopTheUnlock() throws Exception {
        new LocalAccounts(config(thisComputer)).create("Alice", SimulatedPeople.passphrase("Alice")).close();
        Path notAFolder = folder.resolve("a-file");
        Files.writeString(notAFolder, "x");
        assertThat(unlock(notAFolder.resolve("folder-markers"))).isEmpty();
    }

    private EngineConfig config(Path markers) {
        return people.config("Alice").withFolderMarkers(markers);
    }

    private Optional<DataFolderWarning> unlock(Path markers) {
        ChatEngine engine = new LocalAccounts(config(markers)).unlock(SimulatedPeople.passphrase("Alice"));
        try {
            return engine.dataFolderWarning();
        } finally {
            engine.close();
        }
    }

    private void restore(Path backup) throws IOException {
        DataFolderCopies.delete(alice);
        DataFolderCopies.copy(backup, alice);
    }

}
