package org.wakuchat.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.transport.ForwardingWakuNode;
import org.wakuchat.core.transport.NodeStatus;
import org.wakuchat.core.transport.ReceivedMessage;
import org.wakuchat.core.transport.WakuNode;

/**
 * A node whose relay mesh is empty (as after a service node restarted with the same peer id):
 * connected, its own publishes reach the network, others' do not reach it. The engine then polls
 * Store until the node says relay is healthy again, so messages still arrive and are confirmed.
 */
class DegradedRelayTest {

    @TempDir
    Path folder;
    private SimulatedPeople people;
    private AtomicReference<WakuNode.Listener> announced;
    private AtomicReference<WakuNode> bobsNode;

    @AfterEach
    void close() {
        people.close();
    }

    @Test
    void whileRelayIsDegradedMessagesComeFromStore() throws Exception {
        people = new SimulatedPeople(folder, 5);
        AtomicBoolean deaf = new AtomicBoolean();
        AtomicBoolean reportsDegraded = new AtomicBoolean();
        announced = new AtomicReference<>();
        bobsNode = new AtomicReference<>();
        ChatEngine alice = people.create("Alice");
        ChatEngine bob = people.started(new LocalAccounts(deafConfig("Bob", deaf, reportsDegraded)).create("Bob", SimulatedPeople.passphrase("Bob")));
        Conversation withAlice = bob.acceptInvite(alice.currentInvite().link());
        ChatMessage hello = bob.sendText(withAlice.id(), "hello");
        people.runUntil(() -> state(bob, withAlice, hello) == DeliveryState.DELIVERED);

        deaf.set(true);
        ChatMessage unheard = alice.sendText(alice.conversations().getFirst().id(), "relay does not bring this");
        people.run(Duration.ofSeconds(40));
        assertThat(texts(bob, withAlice)).as("control: a deaf node that does not say so hears nothing")
                .doesNotContain("relay does not bring this");

        reportsDegraded.set(true);
        announced.get().onStatus(bobsNode.get().status()); // as LibWakuNode announces a change of health
        ChatMessage reply = alice.sendText(alice.conversations().getFirst().id(), "Store brings this");
        people.runUntil(() -> texts(bob, withAlice).contains("Store brings this"), Duration.ofSeconds(3 * DefaultChatEngine.DEGRADED_POLL.toSeconds()));
        people.runUntil(() -> state(alice, alice.conversations().getFirst(), reply) == DeliveryState.DELIVERED);
        assertThat(texts(bob, withAlice)).as("the Store polls fetch what relay missed earlier too")
                .contains(unheard.text());
    }

    private EngineConfig deafConfig(String name, AtomicBoolean deaf, AtomicBoolean reportsDegraded) {
        EngineConfig base = people.config(name);
        return new EngineConfig(base.dataDir(), base.kdf(), () -> {
            WakuNode wrapped = new ForwardingWakuNode(base.node().get()) {
                @Override
                public void setListener(Listener listener) {
                    announced.set(listener);
                    node.setListener(new Listener() {
                        @Override
                        public void onMessage(ReceivedMessage message) {
                            if (!deaf.get()) {
                                listener.onMessage(message);
                            }
                        }

                        @Override
                        public void onStatus(NodeStatus status) {
                            listener.onStatus(status);
                        }
                    });
                }

                @Override
                public boolean relayDegraded() {
                    return reportsDegraded.get();
                }
            };
            bobsNode.set(wrapped);
            return wrapped;
        }, base.scheduler(), base.random(), base.delivery(), base.inviteValidity(), base.rateLimit());
    }

    private static DeliveryState state(ChatEngine engine, Conversation conversation, ChatMessage message) {
        return engine.messages(conversation.id(), 0, Integer.MAX_VALUE).stream().filter(m -> m.id().equals(message.id()))
                .map(ChatMessage::state).findFirst().orElseThrow();
    }

    private static java.util.List<String> texts(ChatEngine engine, Conversation conversation) {
        return engine.messages(conversation.id(), 0, Integer.MAX_VALUE).stream().map(ChatMessage::text).toList();
    }
}
