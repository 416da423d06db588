package org.wakuchat.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.group.Group;
import org.wakuchat.core.group.GroupDelivery;
import org.wakuchat.core.group.GroupException;
import org.wakuchat.core.group.GroupHistoryEntry;
import org.wakuchat.core.group.GroupMember;

/** Private groups on the simulator: three (or four) engines, virtual time. */
class GroupChatTest {

    @TempDir
    Path folder;
    SimulatedPeople people;
    ChatEngine alice;
    ChatEngine bob;
    ChatEngine carol;
    Conversation aliceBob;
    Conversation aliceCarol;

    @BeforeEach
    void threePeopleWhoKnowAlice() {
        people = new SimulatedPeople(folder, 17);
        alice = people.create("Alice");
        bob = people.create("Bob");
        carol = people.create("Carol");
        aliceBob = contacts(alice, bob);
        aliceCarol = contacts(alice, carol);
    }

    @AfterEach
    void shutDown() {
        people.close();
    }

    /** {@code other} accepts {@code inviter}'s invite and writes once, so both have a confirmed session. */
    Conversation contacts(ChatEngine inviter, ChatEngine other) {
        Conversation c;
        try {
            c = other.acceptInvite(inviter.currentInvite().link());
        } catch (org.wakuchat.core.invite.InviteException e) {
            throw new AssertionError(e);
        }
        ChatMessage hi = other.sendText(c.id(), "hi " + inviter.account().displayName());
        people.runUntil(() -> state(other, hi) == DeliveryState.DELIVERED);
        return inviter.conversation(c.id());
    }

    /** Alice makes a group with Bob and Carol; returns once both joined (their keys are in the group). */
    Group aliceBobCarol() {
        Group group = alice.createGroup("Hiking", List.of(aliceBob.id(), aliceCarol.id()));
        people.runUntil(() -> joined(bob, group.id()) && joined(carol, group.id()) && joined(alice, group.id()));
        return alice.group(group.id());
    }

    /** Everyone in the engine's view of the group is listed with a signing key: its epoch is the latest. */
    boolean joined(ChatEngine engine, ConversationId group) {
        return engine.groups().stream().anyMatch(g -> g.id().equals(group))
                && engine.groupHistory(group).stream().filter(e -> e.kind() == GroupEngine.JOINED).count() == 2;
    }

    @Test
    void createdGroupReachesBothMembersAndAMessageIsReadByBothAndDeliveredToTwoOfTwo() {
        Group group = alice.createGroup("Hiking", List.of(aliceBob.id(), aliceCarol.id()));
        assertThat(group.members()).extracting(GroupMember::name).containsExactly("Alice", "Bob", "Carol");
        assertThat(group.iAmAdmin()).isTrue();
        people.runUntil(() -> bob.groups().size() == 1 && carol.groups().size() == 1);
        assertThat(bob.groups().getFirst().name()).isEqualTo("Hiking");
        assertThat(bob.groups().getFirst().iAmAdmin()).isFalse();
        // The control messages are not chat messages of the 1:1 conversations.
        assertThat(bob.messages(aliceBob.id(), 0, 100)).extracting(ChatMessage::text).containsExactly("hi Alice");
        assertThat(alice.messages(aliceBob.id(), 0, 100)).extracting(ChatMessage::text).containsExactly("hi Alice");

        people.runUntil(() -> joined(alice, group.id()) && joined(bob, group.id()) && joined(carol, group.id()));
        List<ChatEvent> aliceEvents = SimulatedPeople.recordEvents(alice);
        ChatMessage hello = alice.sendText(group.id(), "Saturday at 9?");
        people.runUntil(() -> texts(bob, group.id()).contains("Saturday at 9?")
                && texts(carol, group.id()).contains("Saturday at 9?"));
        ChatMessage atBob = bob.messages(group.id(), 0, 10).getFirst();
        assertThat(atBob.sender()).contains(alice.account().id());
        assertThat(atBob.outgoing()).isFalse();
        assertThat(bob.group(group.id()).unreadCount()).isEqualTo(1);
        assertThat(bob.group(group.id()).lastMessagePreview()).contains("Saturday at 9?");

        people.runUntil(() -> state(alice, hello) == DeliveryState.DELIVERED);
        GroupDelivery delivery = alice.groupDelivery(hello.id());
        assertThat(delivery.delivered()).isEqualTo(2);
        assertThat(delivery.of()).isEqualTo(2);
        assertThat(delivery.deliveredTo()).containsExactlyInAnyOrder(bob.account().id(), carol.account().id());
        assertThat(aliceEvents).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ChatEvent.GroupDeliveryChanged.class,
                d -> assertThat(d.delivery().delivered()).isEqualTo(1)));

        bob.markRead(group.id());
        assertThat(bob.group(group.id()).unreadCount()).isZero();
        ChatMessage reply = bob.sendText(group.id(), "Yes!");
        people.runUntil(() -> texts(alice, group.id()).contains("Yes!") && texts(carol, group.id()).contains("Yes!")
                && state(bob, reply) == DeliveryState.DELIVERED);
        assertThat(texts(alice, group.id())).containsExactly("Saturday at 9?", "Yes!");
        assertThat(texts(carol, group.id())).containsExactly("Saturday at 9?", "Yes!");
    }

    static List<String> texts(ChatEngine engine, ConversationId group) {
        if (engine.groups().stream().noneMatch(g -> g.id().equals(group))) {
            return List.of();
        }
        return engine.messages(group, 0, 1000).stream().map(ChatMessage::text).toList();
    }

    static DeliveryState state(ChatEngine engine, ChatMessage message) {
        return engine.messages(message.conversation(), 0, Integer.MAX_VALUE).stream()
                .filter(m -> m.id().equals(message.id()))
                .findFirst().orElseThrow().state();
    }
}
