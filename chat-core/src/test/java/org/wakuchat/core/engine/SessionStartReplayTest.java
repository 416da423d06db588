package org.wakuchat.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.session.Envelopes;
import org.wakuchat.core.simulator.SimulatedNode;
import org.wakuchat.core.transport.NodeStatus;
import org.wakuchat.core.transport.ReceivedMessage;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.transport.WakuNode;
import org.wakuchat.core.wire.Envelope;

/**
 * Replayed session starts (issue #14, finding 3): when both people accept each other's invites at
 * once, one session is dropped. Its first messages must not pass the key agreement again on every
 * replay, and must never make the victim publish anything (an acknowledgement costs RLN quota).
 */
class SessionStartReplayTest {

    private static final int REPLAYS = 20;

    @TempDir
    Path folder;
    SimulatedPeople people;

    @BeforeEach
    void network() {
        people = new SimulatedPeople(folder, 21);
    }

    @AfterEach
    void shutDown() {
        people.close();
    }

    @Test
    void replaysOfTheDroppedSessionsStartAreDroppedWithoutAnyPublish() throws Exception {
        ChatEngine alice = people.create("Alice");
        ChatEngine bob = people.create("Bob");
        List<WakuMessage> starts = recordSessionStarts(alice, bob);
        Conversation aliceSide = alice.acceptInvite(bob.currentInvite().link());
        Conversation bobSide = bob.acceptInvite(alice.currentInvite().link());
        ChatMessage fromAlice = alice.sendText(aliceSide.id(), "I scanned yours");
        ChatMessage fromBob = bob.sendText(bobSide.id(), "I scanned yours too");
        people.runUntil(() -> state(alice, fromAlice) == DeliveryState.DELIVERED
                && state(bob, fromBob) == DeliveryState.DELIVERED);
        people.run(Duration.ofMinutes(1));

        // Both kept the session with the smaller base key; the other one's starts are the replays.
        List<ByteString> baseKeys = starts.stream().map(SessionStartReplayTest::baseKey).distinct().sorted(
                (x, y) -> java.util.Arrays.compareUnsigned(x.toByteArray(), y.toByteArray())).toList();
        assertThat(baseKeys).hasSize(2);
        ByteString dropped = baseKeys.get(1);
        List<WakuMessage> droppedStarts = starts.stream().filter(m -> baseKey(m).equals(dropped)).toList();
        boolean victimIsAlice = droppedStarts.getFirst().contentTopic().equals(Topics.inbox(alice.account().identityKey()));
        ChatEngine victim = victimIsAlice ? alice : bob;
        String victimName = victimIsAlice ? "Alice" : "Bob";
        SimulatedNode attacker = people.network.addNode("attacker");
        attacker.start();
        people.run(Duration.ofSeconds(5));
        List<ChatMessage> messagesBefore = victim.messages(aliceSide.id(), 0, 100);
        List<ChatEvent> events = SimulatedPeople.recordEvents(victim);
        int publishedBefore = people.publishes(victimName).get();
        for (int i = 0; i < REPLAYS; i++) {
            attacker.publish(droppedStarts.get(i % droppedStarts.size()));
            // Far enough apart that each replay would get its own acknowledgement.
            people.run(Duration.ofSeconds(3));
        }
        people.run(Duration.ofMinutes(1));

        assertThat(people.publishes(victimName).get() - publishedBefore).as("publishes by the victim").isZero();
        assertThat(events).as("events at the victim").isEmpty();
        assertThat(victim.conversations()).hasSize(1);
        assertThat(victim.messages(aliceSide.id(), 0, 100)).isEqualTo(messagesBefore);

        // The kept session goes on both ways.
        ChatMessage later = bob.sendText(bobSide.id(), "still one session");
        ChatMessage reply = alice.sendText(aliceSide.id(), "yes");
        people.runUntil(() -> state(bob, later) == DeliveryState.DELIVERED && state(alice, reply) == DeliveryState.DELIVERED);
    }

    /** Every session start (PreKeyMessage) published to anyone's inbox, as an observer sees them. */
    private List<WakuMessage> recordSessionStarts(ChatEngine... people) {
        List<WakuMessage> recorded = new CopyOnWriteArrayList<>();
        SimulatedNode recorder = this.people.network.addNode("recorder");
        recorder.setListener(new WakuNode.Listener() {
            @Override
            public void onMessage(ReceivedMessage message) {
                try {
                    if (Envelopes.parse(message.message().payload()).hasPrekey()) {
                        recorded.add(message.message());
                    }
                } catch (org.wakuchat.core.session.SessionException notAnEnvelope) {
                    // not ours to record
                }
            }

            @Override
            public void onStatus(NodeStatus status) {
            }
        });
        recorder.start();
        recorder.subscribe(java.util.Arrays.stream(people).map(p -> Topics.inbox(p.account().identityKey())).toList());
        return recorded;
    }

    private static ByteString baseKey(WakuMessage message) {
        try {
            Envelope envelope = Envelope.parseFrom(message.payload());
            return envelope.getPrekey().getBaseKey();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    static DeliveryState state(ChatEngine engine, ChatMessage message) {
        return engine.messages(message.conversation(), 0, Integer.MAX_VALUE).stream()
                .filter(m -> m.id().equals(message.id()))
                .findFirst().orElseThrow().state();
    }
}
