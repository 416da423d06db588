package org.wakuchat.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.store.KdfParams;
import org.wakuchat.core.transport.LibWakuNode;
import org.wakuchat.core.transport.NetworkConfig;
import org.wakuchat.libwaku.LibWakuNotFound;

/** Without libwaku the engine says so, keeps everything typed, and sends it once a node runs. */
class EngineUnavailableTest {

    @TempDir
    Path folder;

    @Test
    void withoutLibwakuTheStatusSaysWhyAndTypedMessagesWaitForTheNextRunWithANode() throws Exception {
        try (var people = new SimulatedPeople(folder, 21)) {
            ChatEngine alice = people.create("Alice");
            String invite = alice.currentInvite().link();

            EngineConfig noLibwaku = new EngineConfig(folder.resolve("Bob"), KdfParams.FAST_FOR_TESTS,
                    () -> new LibWakuNode(NetworkConfig.privateCluster(42, 1, List.of(), List.of()), () -> {
                        throw new LibWakuNotFound("libwaku not found; looked in: /nowhere/libwaku.so (no such file)");
                    }), people.clock, new java.security.SecureRandom(), DeliveryPolicy.DEFAULT,
                    EngineConfig.DEFAULT_INVITE_VALIDITY, java.util.Optional.empty());
            ChatEngine bob = new LocalAccounts(noLibwaku).create("Bob", SimulatedPeople.passphrase("Bob"));
            bob.start();
            waitFor(() -> bob.status().state() == EngineStatus.State.UNAVAILABLE, people);
            assertThat(bob.status().detail()).contains("libwaku not found").contains("/nowhere/libwaku.so");

            Conversation withAlice = bob.acceptInvite(invite);
            ChatMessage typed = bob.sendText(withAlice.id(), "typed without an engine");
            people.run(Duration.ofMinutes(1));
            assertThat(bob.messages(withAlice.id(), 0, 10)).extracting(ChatMessage::state)
                    .containsExactly(DeliveryState.QUEUED);
            assertThat(bob.status().queued()).isEqualTo(1);
            bob.close();

            ChatEngine bobWithNode = people.unlock("Bob");
            people.runUntil(() -> bobWithNode.messages(withAlice.id(), 0, 10).getFirst().state() == DeliveryState.DELIVERED);
            assertThat(alice.messages(withAlice.id(), 0, 10)).extracting(ChatMessage::text)
                    .containsExactly("typed without an engine");
            assertThat(typed.id()).isEqualTo(bobWithNode.messages(withAlice.id(), 0, 1).getFirst().id());
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, SimulatedPeople people) throws Exception {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            people.run(Duration.ofMillis(50));
            Thread.sleep(25);
        }
        assertThat(condition.getAsBoolean()).as("condition reached").isTrue();
    }
}
