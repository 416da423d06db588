package org.wakuchat.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.DeliveryState;

/**
 * The sender's data folder is restored from an older copy and it sends again (issue #14, finding
 * 2): its receiver drops the message that lands in a slot it already read, announces the
 * rollback once, shows nothing twice, and reads what the restored sender resends.
 */
class SenderRollbackTest {

    @TempDir
    Path folder;
    SimulatedPeople people;

    @BeforeEach
    void network() {
        people = new SimulatedPeople(folder, 43);
    }

    @AfterEach
    void shutDown() {
        people.close();
    }

    @Test
    void theReceiverAnnouncesARolledBackSenderAndShowsEveryMessageOnce() throws Exception {
        ChatEngine alice = people.create("Alice");
        List<ChatEvent> aliceEvents = SimulatedPeople.recordEvents(alice);
        ChatEngine bob = people.create("Bob");
        Conversation withAlice = bob.acceptInvite(alice.currentInvite().link());
        ChatMessage one = bob.sendText(withAlice.id(), "one");
        people.runUntil(() -> state(bob, one) == DeliveryState.DELIVERED);
        people.run(Duration.ofSeconds(5));
        bob.close();
        Path snapshot = folder.resolve("Bob-snapshot");
        DataFolderCopies.copy(folder.resolve("Bob"), snapshot);

        ChatEngine bobLater = people.unlock("Bob");
        ChatMessage two = bobLater.sendText(withAlice.id(), "two");
        people.runUntil(() -> state(bobLater, two) == DeliveryState.DELIVERED);
        people.run(Duration.ofSeconds(5));
        bobLater.close();
        DataFolderCopies.delete(folder.resolve("Bob"));
        DataFolderCopies.copy(snapshot, folder.resolve("Bob"));
        assertThat(rolledBack(aliceEvents)).isZero();

        ChatEngine restored = people.unlock("Bob");
        ChatMessage three = restored.sendText(withAlice.id(), "three");
        people.runUntil(() -> state(restored, three) == DeliveryState.DELIVERED, Duration.ofMinutes(5));
        people.run(Duration.ofSeconds(10));

        assertThat(rolledBack(aliceEvents)).isEqualTo(1);
        assertThat(aliceEvents).filteredOn(ChatEvent.ContactStateRolledBack.class::isInstance)
                .map(e -> ((ChatEvent.ContactStateRolledBack) e).conversation()).containsOnly(withAlice.id());
        assertThat(alice.messages(withAlice.id(), 0, 10)).extracting(ChatMessage::text)
                .containsExactlyInAnyOrder("one", "two", "three");
    }

    private static long rolledBack(List<ChatEvent> events) {
        return events.stream().filter(ChatEvent.ContactStateRolledBack.class::isInstance).count();
    }

    private static DeliveryState state(ChatEngine engine, ChatMessage message) {
        return engine.messages(message.conversation(), 0, Integer.MAX_VALUE).stream()
                .filter(m -> m.id().equals(message.id()))
                .findFirst().orElseThrow().state();
    }


}
