package org.wakuchat.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatEvent.MissingState;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;

/**
 * Found by the reliability soak: a recipient closes (or restarts) its engine while it still looks
 * for a missing message. The closed engine's timers must leave its closed databases alone, and
 * the reopened engine must still tell the user when it gives the message up.
 */
class MissingAcrossCloseTest {

    @TempDir
    Path folder;
    SimulatedPeople people;
    ChatEngine alice;
    ChatEngine bob;
    ConversationId conversation;

    @BeforeEach
    void bobMissesAMessageThatAliceWillNeverResend() throws Exception {
        people = new SimulatedPeople(folder, 11);
        alice = people.create("Alice");
        bob = people.create("Bob");
        conversation = bob.acceptInvite(alice.currentInvite().link()).id();
        ChatMessage hello = bob.sendText(conversation, "hello");
        people.runUntil(() -> state(bob, hello) == DeliveryState.DELIVERED);
        ChatMessage reply = alice.sendText(conversation, "reply");
        people.runUntil(() -> state(alice, reply) == DeliveryState.DELIVERED);

        AtomicBoolean dropNext = new AtomicBoolean(true);
        people.network.dropIf(message -> dropNext.getAndSet(false));
        alice.sendText(conversation, "lost on the way, and not in Store");
        alice.sendText(conversation, "names the lost one in its causal history");
        alice.close();
        List<ChatEvent> bobEvents = SimulatedPeople.recordEvents(bob);
        people.runUntil(() -> bobEvents.stream().anyMatch(e -> e instanceof ChatEvent.MissingMessages m
                && m.state() == MissingState.RECOVERING && m.count() == 1));
    }

    @AfterEach
    void shutDown() {
        people.close();
    }

    @Test
    void aClosedEnginesRecoveryTimersLeaveItsClosedDatabasesAlone() {
        bob.close();

        people.run(DeliveryPolicy.DEFAULT.missingPatience().plusMinutes(2));

        assertThat(new LocalAccounts(people.config("Bob")).exists()).isTrue();
    }

    @Test
    void aReopenedEngineStillReportsTheMessageLostWhenItsPatienceRunsOut() {
        bob.close();
        ChatEngine bobAgain = people.unlock("Bob");
        List<ChatEvent> events = SimulatedPeople.recordEvents(bobAgain);

        people.run(DeliveryPolicy.DEFAULT.missingPatience().plusMinutes(2));

        assertThat(events).contains(new ChatEvent.MissingMessages(conversation, 1, MissingState.LOST));
    }

    private static DeliveryState state(ChatEngine engine, ChatMessage message) {
        return engine.messages(message.conversation(), 0, Integer.MAX_VALUE).stream()
                .filter(m -> m.id().equals(message.id()))
                .findFirst().orElseThrow().state();
    }
}
