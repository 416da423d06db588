package org.wakuchat.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
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
import org.wakuchat.core.Payload;
import org.wakuchat.core.invite.InviteException;
import org.wakuchat.core.store.WrongPassphraseException;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.transport.WakuMessage;

class ChatEngineTest {

    @TempDir
    Path folder;
    SimulatedPeople people;

    @BeforeEach
    void network() {
        people = new SimulatedPeople(folder, 7);
    }

    @AfterEach
    void shutDown() {
        people.close();
    }

    @Test
    void scannerWritesFirstAndBothSidesSeeTheConversationWithDeliveryConfirmed() throws Exception {
        ChatEngine alice = people.create("Alice");
        ChatEngine bob = people.create("Bob");

        Conversation withAlice = bob.acceptInvite(alice.currentInvite().link());
        assertThat(withAlice.displayName()).isEqualTo("Alice");
        ChatMessage hello = bob.sendText(withAlice.id(), "Hello Alice");
        assertThat(hello.state()).isEqualTo(DeliveryState.QUEUED);

        people.runUntil(() -> state(bob, hello) == DeliveryState.DELIVERED);
        Conversation withBob = alice.conversations().getFirst();
        assertThat(withBob.id()).isEqualTo(withAlice.id());
        assertThat(withBob.displayName()).isEqualTo("Bob");
        assertThat(withBob.unreadCount()).isEqualTo(1);
        assertThat(alice.messages(withBob.id(), 0, 10)).extracting(ChatMessage::text).containsExactly("Hello Alice");

        ChatMessage reply = alice.sendText(withBob.id(), "Hi Bob");
        people.runUntil(() -> state(alice, reply) == DeliveryState.DELIVERED);
        assertThat(bob.messages(withAlice.id(), 0, 10)).extracting(ChatMessage::text)
                .containsExactly("Hello Alice", "Hi Bob");
        assertThat(alice.messages(withBob.id(), 0, 10)).extracting(ChatMessage::text)
                .containsExactly("Hello Alice", "Hi Bob");
    }

    @Test
    void firstMessageReachesAnInviterWhoWasOfflineWhenItWasSent() throws Exception {
        ChatEngine alice = people.create("Alice");
        var aliceNode = people.lastNode();
        ChatEngine bob = people.create("Bob");
        String invite = alice.currentInvite().link();
        people.network.setOnline(aliceNode, false);

        Conversation withAlice = bob.acceptInvite(invite);
        ChatMessage hello = bob.sendText(withAlice.id(), "Are you there?");
        people.run(Duration.ofSeconds(20));
        assertThat(state(bob, hello)).isEqualTo(DeliveryState.SENT);
        assertThat(alice.conversations()).isEmpty();

        people.network.setOnline(aliceNode, true);
        people.runUntil(() -> state(bob, hello) == DeliveryState.DELIVERED, Duration.ofMinutes(5));
        assertThat(alice.messages(withAlice.id(), 0, 10)).extracting(ChatMessage::text).containsExactly("Are you there?");
    }

    @Test
    void messagesTypedWhileOfflineStayQueuedAndGoOutWhenTheNetworkIsBack() throws Exception {
        ChatEngine alice = people.create("Alice");
        ChatEngine bob = people.create("Bob");
        var bobNode = people.lastNode();
        Conversation withAlice = bob.acceptInvite(alice.currentInvite().link());
        people.network.setOnline(bobNode, false);
        people.runUntil(() -> bob.status().state() == org.wakuchat.core.EngineStatus.State.OFFLINE);

        ChatMessage typed = bob.sendText(withAlice.id(), "typed offline");
        people.run(Duration.ofMinutes(2));
        assertThat(state(bob, typed)).isEqualTo(DeliveryState.QUEUED);
        assertThat(bob.status().queued()).isEqualTo(1);

        people.network.setOnline(bobNode, true);
        people.runUntil(() -> state(bob, typed) == DeliveryState.DELIVERED);
        assertThat(bob.status().queued()).isZero();
    }

    @Test
    void everythingSurvivesARestartAndTheConversationGoesOn() throws Exception {
        ChatEngine alice = people.create("Alice");
        ChatEngine bob = people.create("Bob");
        Conversation withAlice = bob.acceptInvite(alice.currentInvite().link());
        ChatMessage first = bob.sendText(withAlice.id(), "before restart");
        people.runUntil(() -> state(bob, first) == DeliveryState.DELIVERED);

        alice.close();
        assertThatThrownBy(() -> new LocalAccounts(people.config("Alice")).unlock("wrong".toCharArray()))
                .isInstanceOf(WrongPassphraseException.class);
        ChatEngine aliceAgain = people.unlock("Alice");
        assertThat(aliceAgain.account().displayName()).isEqualTo("Alice");
        Conversation withBob = aliceAgain.conversations().getFirst();
        assertThat(aliceAgain.messages(withBob.id(), 0, 10)).extracting(ChatMessage::text).containsExactly("before restart");

        ChatMessage second = aliceAgain.sendText(withBob.id(), "after restart");
        people.runUntil(() -> state(aliceAgain, second) == DeliveryState.DELIVERED);
        assertThat(bob.messages(withAlice.id(), 0, 10)).extracting(ChatMessage::text)
                .containsExactly("before restart", "after restart");
    }

    @Test
    void twoPeopleScanningEachOthersInvitesAtOnceEndUpInOneConversation() throws Exception {
        ChatEngine alice = people.create("Alice");
        ChatEngine bob = people.create("Bob");
        Conversation aliceSide = alice.acceptInvite(bob.currentInvite().link());
        Conversation bobSide = bob.acceptInvite(alice.currentInvite().link());
        assertThat(aliceSide.id()).isEqualTo(bobSide.id());

        ChatMessage fromAlice = alice.sendText(aliceSide.id(), "I scanned yours");
        ChatMessage fromBob = bob.sendText(bobSide.id(), "I scanned yours too");
        people.runUntil(() -> state(alice, fromAlice) == DeliveryState.DELIVERED
                && state(bob, fromBob) == DeliveryState.DELIVERED);
        ChatMessage later = bob.sendText(bobSide.id(), "and now?");
        ChatMessage reply = alice.sendText(aliceSide.id(), "one session");
        people.runUntil(() -> state(bob, later) == DeliveryState.DELIVERED && state(alice, reply) == DeliveryState.DELIVERED);

        var expected = List.of("I scanned yours", "I scanned yours too", "and now?", "one session");
        assertThat(alice.messages(aliceSide.id(), 0, 10)).extracting(ChatMessage::text).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(bob.messages(bobSide.id(), 0, 10)).extracting(ChatMessage::text).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(alice.messages(aliceSide.id(), 0, 10)).extracting(ChatMessage::id)
                .containsExactlyElementsOf(bob.messages(bobSide.id(), 0, 10).stream().map(ChatMessage::id).toList());
        assertThat(alice.conversations()).hasSize(1);
        assertThat(bob.conversations()).hasSize(1);
    }

    @Test
    void customPayloadTypesPassThroughUntouched() throws Exception {
        ChatEngine alice = people.create("Alice");
        ChatEngine bob = people.create("Bob");
        Conversation withAlice = bob.acceptInvite(alice.currentInvite().link());
        byte[] body = {0, 1, 2, (byte) 0xFF, 42};
        ChatMessage sent = bob.send(withAlice.id(), new Payload(Payload.FIRST_CUSTOM_TYPE + 7, body));

        people.runUntil(() -> state(bob, sent) == DeliveryState.DELIVERED);
        ChatMessage received = alice.messages(withAlice.id(), 0, 1).getFirst();
        assertThat(received.payload()).isEqualTo(new Payload(Payload.FIRST_CUSTOM_TYPE + 7, body));
        assertThat(received.outgoing()).isFalse();
    }

    @Test
    void badInvitesGetPreciseReasonsAndAddNobody() throws Exception {
        ChatEngine alice = people.create("Alice");
        String link = alice.currentInvite().link();
        assertThatThrownBy(() -> alice.acceptInvite(link))
                .isInstanceOfSatisfying(InviteException.class,
                        e -> assertThat(e.reason()).isEqualTo(InviteException.Reason.OWN_INVITE));
        ChatEngine bob = people.create("Bob");
        assertThatThrownBy(() -> bob.acceptInvite(link.substring(0, link.length() - 20)))
                .isInstanceOf(InviteException.class);
        assertThatThrownBy(() -> bob.acceptInvite("https://example.com/invite"))
                .isInstanceOfSatisfying(InviteException.class,
                        e -> assertThat(e.reason()).isEqualTo(InviteException.Reason.NOT_AN_INVITE));
        assertThat(bob.conversations()).isEmpty();
        assertThat(bob.previewInvite(link).displayName()).isEqualTo("Alice");
    }

    @Test
    void garbageAndReplayedNetworkMessagesChangeNothing() throws Exception {
        ChatEngine alice = people.create("Alice");
        ChatEngine bob = people.create("Bob");
        var recorder = people.network.addNode("recorder");
        List<WakuMessage> recorded = new java.util.concurrent.CopyOnWriteArrayList<>();
        recorder.setListener(new org.wakuchat.core.transport.WakuNode.Listener() {
            @Override
            public void onMessage(org.wakuchat.core.transport.ReceivedMessage message) {
                recorded.add(message.message());
            }

            @Override
            public void onStatus(org.wakuchat.core.transport.NodeStatus status) {
            }
        });
        recorder.start();
        Conversation withAlice = bob.acceptInvite(alice.currentInvite().link());
        people.nodes.forEach(node -> recorder.subscribe(node.subscriptions()));
        ChatMessage hello = bob.sendText(withAlice.id(), "only once");
        people.runUntil(() -> state(bob, hello) == DeliveryState.DELIVERED);
        assertThat(recorded).isNotEmpty();
        List<ChatEvent> aliceEvents = SimulatedPeople.recordEvents(alice);

        ContentTopic inbox = Topics.inbox(alice.account().identityKey());
        recorder.publish(WakuMessage.of("garbage".getBytes(StandardCharsets.UTF_8), inbox, 1));
        recorder.publish(WakuMessage.of(new byte[] {8, 1, 18, 0}, inbox, 2));
        recorder.publish(WakuMessage.of(new byte[] {8, 99, 26, 2, 10, 0}, inbox, 3));
        for (WakuMessage replay : recorded) {
            recorder.publish(replay);
        }
        people.run(Duration.ofSeconds(5));

        assertThat(alice.messages(withAlice.id(), 0, 10)).extracting(ChatMessage::text).containsExactly("only once");
        assertThat(aliceEvents).noneMatch(e -> e instanceof ChatEvent.MessageAdded);
        assertThat(bob.messages(withAlice.id(), 0, 10)).extracting(ChatMessage::state)
                .containsExactly(DeliveryState.DELIVERED);
    }

    private static DeliveryState state(ChatEngine engine, ChatMessage message) {
        return engine.messages(message.conversation(), 0, Integer.MAX_VALUE).stream()
                .filter(m -> m.id().equals(message.id()))
                .findFirst().orElseThrow().state();
    }
}
