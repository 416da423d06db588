package org.wakuchat.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.simulator.SimulatedNode;
import org.wakuchat.core.transport.NodeStatus;
import org.wakuchat.core.transport.ReceivedMessage;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.transport.WakuNode;

/**
 * A data folder restored from an older copy (backup, VM snapshot) and restarted: the messages
 * that arrived after the copy was made are read again once when they are replayed, never twice,
 * and nothing from before is duplicated (issue #14, finding 7). That the rolled-back sending chain
 * reuses message keys (finding 2) no longer reuses a keystream: every message has a fresh salt
 * (SessionRollbackTest); the contact's side of a sender's rollback is SenderRollbackTest.
 */
class RollbackOnRestartTest {

    @TempDir
    Path folder;
    SimulatedPeople people;

    @BeforeEach
    void network() {
        people = new SimulatedPeople(folder, 41);
    }

    @AfterEach
    void shutDown() {
        people.close();
    }

    @Test
    void aRestoredOlderDataFolderReadsReplayedMessagesOnceAndDuplicatesNothing() throws Exception {
        ChatEngine alice = people.create("Alice");
        ChatEngine bob = people.create("Bob");
        List<WakuMessage> traffic = record(alice, bob);
        Conversation withAlice = bob.acceptInvite(alice.currentInvite().link());
        ChatMessage one = bob.sendText(withAlice.id(), "one");
        people.runUntil(() -> state(bob, one) == DeliveryState.DELIVERED);
        people.run(Duration.ofSeconds(5));
        alice.close();
        Path snapshot = folder.resolve("Alice-snapshot");
        DataFolderCopies.copy(folder.resolve("Alice"), snapshot);

        ChatEngine aliceLater = people.unlock("Alice");
        ChatMessage two = bob.sendText(withAlice.id(), "two");
        people.runUntil(() -> state(bob, two) == DeliveryState.DELIVERED);
        people.run(Duration.ofSeconds(5));
        aliceLater.close();
        DataFolderCopies.delete(folder.resolve("Alice"));
        DataFolderCopies.copy(snapshot, folder.resolve("Alice"));

        ChatEngine restored = people.unlock("Alice");
        assertThat(restored.messages(withAlice.id(), 0, 10)).extracting(ChatMessage::text).containsExactly("one");
        SimulatedNode replayer = people.network.addNode("replayer");
        replayer.start();
        people.run(Duration.ofSeconds(2));
        for (int round = 0; round < 2; round++) {
            for (WakuMessage message : List.copyOf(traffic)) {
                replayer.publish(message);
            }
            people.run(Duration.ofSeconds(10));
        }
        assertThat(restored.messages(withAlice.id(), 0, 10)).extracting(ChatMessage::text)
                .containsExactly("one", "two");
        assertThat(restored.conversations()).hasSize(1);
    }

    /** Everything published to either person's topics, as a Store node would keep it. */
    private List<WakuMessage> record(ChatEngine... engines) {
        List<WakuMessage> recorded = new CopyOnWriteArrayList<>();
        SimulatedNode recorder = people.network.addNode("recorder");
        recorder.setListener(new WakuNode.Listener() {
            @Override
            public void onMessage(ReceivedMessage message) {
                recorded.add(message.message());
            }

            @Override
            public void onStatus(NodeStatus status) {
            }
        });
        recorder.start();
        recorder.subscribe(Stream.of(engines).map(e -> Topics.inbox(e.account().identityKey())).toList());
        // conversation topics are known only once the session exists: subscribe to them lazily
        people.clock.schedule(Duration.ofMillis(1), new Runnable() {
            @Override
            public void run() {
                people.nodes.forEach(node -> recorder.subscribe(node.subscriptions()));
                people.clock.schedule(Duration.ofMillis(200), this);
            }
        });
        return recorded;
    }

    private static DeliveryState state(ChatEngine engine, ChatMessage message) {
        return engine.messages(message.conversation(), 0, Integer.MAX_VALUE).stream()
                .filter(m -> m.id().equals(message.id()))
                .findFirst().orElseThrow().state();
    }


}
