package org.wakuchat.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.tools.GroupJoins;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.group.Group;
import org.wakuchat.core.group.GroupRole;
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
    org.wakuchat.core.simulator.SimulatedNode carolNode;

    @BeforeEach
    void threePeopleWhoKnowAlice() {
        people = new SimulatedPeople(folder, 17);
        alice = people.create("Alice");
        bob = people.create("Bob");
        carol = people.create("Carol");
        carolNode = people.lastNode();
        aliceBob = contacts(alice, bob);
        aliceCarol = contacts(alice, carol);
    }

    @AfterEach
    void shutDown() {
        people.close();
    }

    Conversation contacts(ChatEngine inviter, ChatEngine other) {
        return people.contacts(inviter, other);
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
                && GroupJoins.joinedCount(engine, group) == 2;
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

    @Test
    void joinsThatArriveTogetherShareOneChangeAndALateInviteeDoesNotHoldTheOthersUp() {
        // Both answer at once: one change records both joins (one epoch, one 1:1 message per member).
        Group group = aliceBobCarol();
        List<GroupHistoryEntry> joins = alice.groupHistory(group.id()).stream()
                .filter(e -> e.kind() == GroupEngine.JOINED).toList();
        assertThat(joins).hasSize(1);
        assertThat(joins.getFirst().subjects()).containsExactlyInAnyOrder(bob.account().id(), carol.account().id());
        assertThat(alice.group(group.id()).epoch()).isEqualTo(1);

        // Carol is offline when the second group is made: Bob's join is written after the batch
        // window without her, hers in a change of its own when she comes back.
        people.network.setOnline(carolNode, false);
        Group second = alice.createGroup("Climbing", List.of(aliceBob.id(), aliceCarol.id()));
        people.runUntil(() -> GroupJoins.joinedCount(alice, second.id()) == 1);
        assertThat(alice.groupHistory(second.id()).stream().filter(e -> e.kind() == GroupEngine.JOINED)
                .flatMap(e -> e.subjects().stream()).toList()).containsExactly(bob.account().id());
        ChatMessage early = bob.sendText(second.id(), "Bob is in");
        people.runUntil(() -> texts(alice, second.id()).contains("Bob is in"));

        people.network.setOnline(carolNode, true);
        people.runUntil(() -> GroupJoins.joinedCount(alice, second.id()) == 2
                && carol.groups().stream().anyMatch(g -> g.id().equals(second.id())
                        && g.epoch() == alice.group(second.id()).epoch())
                && state(bob, early) == DeliveryState.DELIVERED, Duration.ofMinutes(5));
        assertThat(alice.groupHistory(second.id()).stream().filter(e -> e.kind() == GroupEngine.JOINED)).hasSize(2);
        assertThat(history(carol, second.id())).isEqualTo(history(alice, second.id())).isEqualTo(history(bob, second.id()));
    }

    @Test
    void aMemberOfflineIsWaitedForThenCatchesUpFromStoreAndConfirms() {
        Group group = aliceBobCarol();
        people.network.setOnline(carolNode, false);
        ChatMessage m1 = alice.sendText(group.id(), "one");
        ChatMessage m2 = alice.sendText(group.id(), "two");
        people.runUntil(() -> alice.groupDelivery(m2.id()).delivered() == 1 && alice.groupDelivery(m1.id()).delivered() == 1);
        people.run(Duration.ofSeconds(20));
        GroupDelivery partial = alice.groupDelivery(m1.id());
        assertThat(partial.deliveredTo()).containsExactly(bob.account().id());
        assertThat(partial.waitingFor()).containsExactly(carol.account().id());
        assertThat(state(alice, m1)).isEqualTo(DeliveryState.SENT);
        assertThat(texts(carol, group.id())).isEmpty();

        people.network.setOnline(carolNode, true);
        people.runUntil(() -> state(alice, m1) == DeliveryState.DELIVERED && state(alice, m2) == DeliveryState.DELIVERED,
                Duration.ofMinutes(5));
        assertThat(texts(carol, group.id())).containsExactly("one", "two");
        assertThat(people.queries("Carol")).as("Carol's catch-up asks Store for the group topic")
                .anyMatch(q -> q.contentTopics().stream().anyMatch(t -> t.name().startsWith("g-")));
        assertThat(alice.groupDelivery(m1.id()).deliveredTo()).containsExactlyInAnyOrder(bob.account().id(),
                carol.account().id());
    }

    @Test
    void aFailedMessageSentAgainGoesToTheGroupAsItIsNowAndThoseWhoHadItStillCount() {
        Group group = aliceBobCarol();
        people.network.setOnline(carolNode, false);
        ChatMessage unanswered = alice.sendText(group.id(), "anyone?");
        people.runUntil(() -> state(alice, unanswered) == DeliveryState.FAILED, Duration.ofMinutes(90));
        assertThat(alice.groupDelivery(unanswered.id()).deliveredTo()).containsExactly(bob.account().id());

        // Dave joins since: the user's Retry sends it to the group as it is now, Dave included.
        ChatEngine dave = people.create("Dave");
        Conversation aliceDave = contacts(alice, dave);
        alice.addToGroup(group.id(), List.of(aliceDave.id()));
        people.runUntil(() -> GroupJoins.joinedCount(alice, group.id()) == 3, Duration.ofMinutes(5));
        people.network.setOnline(carolNode, true);
        alice.retry(unanswered.id());
        people.runUntil(() -> state(alice, unanswered) == DeliveryState.DELIVERED, Duration.ofMinutes(10));

        assertThat(texts(carol, group.id())).containsExactly("anyone?");
        assertThat(texts(dave, group.id())).containsExactly("anyone?");
        assertThat(texts(bob, group.id())).as("no second copy for Bob").containsExactly("anyone?");
        assertThat(alice.groupDelivery(unanswered.id()).deliveredTo()).containsExactlyInAnyOrder(bob.account().id(),
                carol.account().id(), dave.account().id());
    }

    @Test
    void aRemovedMemberWhoseDeviceKeepsRunningReadsNothingSentAfterwardsAndTheOthersContinue() throws Exception {
        Group group = aliceBobCarol();
        ChatMessage before = alice.sendText(group.id(), "before");
        people.runUntil(() -> state(alice, before) == DeliveryState.DELIVERED);
        var carolOldKeys = ((DefaultChatEngine) carol).groupEngine().currentKeys(group.id()).orElseThrow();
        List<ChatEvent> carolEvents = SimulatedPeople.recordEvents(carol);
        int alicePublishedBefore = people.published("Alice").size();
        int bobPublishedBefore = people.published("Bob").size();

        alice.removeFromGroup(group.id(), carol.account().id());
        assertThatThrownBy(() -> bob.removeFromGroup(group.id(), alice.account().id())).isInstanceOf(GroupException.class);
        people.runUntil(() -> !carol.group(group.id()).member() && bob.group(group.id()).epoch() == alice.group(group.id()).epoch());
        assertThat(bob.group(group.id()).members()).extracting(GroupMember::name).containsExactly("Alice", "Bob");
        assertThat(carol.group(group.id()).members()).extracting(GroupMember::name).containsExactly("Alice", "Bob");

        ChatMessage after = alice.sendText(group.id(), "after");
        // Bob answers what he read, so the display order is causal (concurrent sends would tie on time).
        people.runUntil(() -> texts(bob, group.id()).contains("after"));
        ChatMessage reply = bob.sendText(group.id(), "reply after");
        people.runUntil(() -> state(alice, after) == DeliveryState.DELIVERED && state(bob, reply) == DeliveryState.DELIVERED);
        people.run(Duration.ofSeconds(30));
        assertThat(alice.groupDelivery(after.id()).of()).isEqualTo(1);
        assertThat(texts(bob, group.id())).containsExactly("before", "after", "reply after");
        assertThat(texts(carol, group.id())).containsExactly("before");
        assertThat(carolEvents).noneMatch(e -> e instanceof ChatEvent.MessageAdded);
        assertThatThrownBy(() -> carol.sendText(group.id(), "still here?")).isInstanceOf(GroupException.class);

        // Even a copy of the keys Carol held cannot open anything sent on the group since.
        List<org.wakuchat.core.transport.WakuMessage> sentSince = new java.util.ArrayList<>();
        sentSince.addAll(people.published("Alice").subList(alicePublishedBefore, people.published("Alice").size()));
        sentSince.addAll(people.published("Bob").subList(bobPublishedBefore, people.published("Bob").size()));
        List<org.wakuchat.core.transport.WakuMessage> groupMessages = sentSince.stream()
                .filter(m -> m.contentTopic().toString().startsWith("/wakuchat/1/g-")).toList();
        assertThat(groupMessages).isNotEmpty();
        assertThat(groupMessages).noneMatch(m -> m.contentTopic().name().equals(carolOldKeys.topicName()));
        var gid = org.wakuchat.core.group.GroupId.of(group.id()).orElseThrow();
        var oldKeyring = new org.wakuchat.core.group.GroupCipher.Keyring() {
            @Override
            public List<org.wakuchat.core.group.EpochKeys> epochs() {
                return List.of(carolOldKeys);
            }

            @Override
            public Optional<byte[]> signingKey(long epoch, org.wakuchat.core.group.MemberId member) {
                return Optional.empty();
            }

            @Override
            public org.wakuchat.core.group.ChainState chain(long epoch, org.wakuchat.core.group.MemberId member) {
                throw new AssertionError("a removed member's keys must not get this far");
            }
        };
        for (var m : groupMessages) {
            byte[] body = org.wakuchat.core.wire.Envelope.parseFrom(m.payload()).getGroup().toByteArray();
            assertThatThrownBy(() -> org.wakuchat.core.group.GroupCipher.open(gid, body, oldKeyring))
                    .isInstanceOfSatisfying(org.wakuchat.core.group.GroupCipherException.class,
                            e -> assertThat(e.reason()).isEqualTo(org.wakuchat.core.group.GroupCipherException.Reason.NOT_FOR_US));
        }
        assertThat(history(alice, group.id())).isEqualTo(history(bob, group.id())).isEqualTo(history(carol, group.id()));
        assertThat(alice.groupHistory(group.id()).getLast().kind()).isEqualTo(GroupHistoryEntry.Kind.REMOVED);
        assertThat(alice.groupHistory(group.id()).getLast().subjects()).containsExactly(carol.account().id());
    }

    @Test
    void aMemberLeavesTheAdminWritesItAndTheRestGoOn() {
        Group group = aliceBobCarol();
        bob.leaveGroup(group.id());
        assertThat(bob.group(group.id()).member()).isFalse();
        people.runUntil(() -> alice.group(group.id()).members().size() == 2 && carol.group(group.id()).members().size() == 2
                && bob.groupHistory(group.id()).getLast().kind() == GroupHistoryEntry.Kind.LEFT);
        GroupHistoryEntry left = alice.groupHistory(group.id()).getLast();
        assertThat(left.kind()).isEqualTo(GroupHistoryEntry.Kind.LEFT);
        assertThat(left.subjects()).containsExactly(bob.account().id());
        assertThat(left.subjectNames()).containsExactly("Bob");

        ChatMessage hi = carol.sendText(group.id(), "just us");
        people.runUntil(() -> state(carol, hi) == DeliveryState.DELIVERED);
        assertThat(carol.groupDelivery(hi.id()).deliveredTo()).containsExactly(alice.account().id());
        people.run(Duration.ofSeconds(10));
        assertThat(texts(bob, group.id())).doesNotContain("just us");
        assertThat(history(alice, group.id())).isEqualTo(history(bob, group.id())).isEqualTo(history(carol, group.id()));
    }

    @Test
    void whenTheLastAdminLeavesTheLongestStandingMemberTakesOverAndALeaveWithoutSessionsReachesIt() {
        Group group = aliceBobCarol();
        alice.leaveGroup(group.id());
        assertThat(alice.group(group.id()).member()).isFalse();
        people.runUntil(() -> bob.group(group.id()).members().size() == 2 && carol.group(group.id()).members().size() == 2);
        assertThat(bob.group(group.id()).iAmAdmin()).as("Bob joined first: he takes over").isTrue();
        assertThat(carol.group(group.id()).members()).filteredOn(GroupMember::admin).extracting(GroupMember::name)
                .containsExactly("Bob");
        assertThatThrownBy(() -> carol.removeFromGroup(group.id(), bob.account().id())).isInstanceOf(GroupException.class)
                .hasMessageContaining("admins");
        ChatMessage m = bob.sendText(group.id(), "she left");
        people.runUntil(() -> state(bob, m) == DeliveryState.DELIVERED);
        assertThat(texts(carol, group.id())).containsExactly("she left");

        // Bob and Carol have no 1:1 session: his change reaches her in a broadcast sealed to her wrap key.
        bob.renameGroup(group.id(), "Ours");
        people.runUntil(() -> carol.group(group.id()).name().equals("Ours")
                && carol.group(group.id()).epoch() == bob.group(group.id()).epoch());
        // And her leaving reaches him as a notice on the group's topic.
        carol.leaveGroup(group.id());
        people.runUntil(() -> bob.group(group.id()).members().size() == 1);
        assertThat(history(bob, group.id()).getLast()).contains("LEFT");
        people.run(Duration.ofSeconds(10));
        assertThat(texts(alice, group.id())).isEmpty();
        assertThat(history(carol, group.id())).isEqualTo(history(bob, group.id()).subList(0, history(carol, group.id()).size()));
    }

    @Test
    void aPromotedAdminChangesTheGroupAlsoForMembersItHasNoSessionWith() {
        Group group = aliceBobCarol();
        assertThatThrownBy(() -> alice.setGroupRole(group.id(), alice.account().id(), GroupRole.MEMBER))
                .isInstanceOf(GroupException.class).hasMessageContaining("needs an admin");
        alice.setGroupRole(group.id(), bob.account().id(), GroupRole.ADMIN);
        people.runUntil(() -> bob.group(group.id()).iAmAdmin()
                && carol.group(group.id()).epoch() == alice.group(group.id()).epoch());

        // Dave is Bob's contact only. Bob adds him: Alice hears over her session with Bob, Carol
        // (no session with Bob) from his broadcast; Dave's join is recorded by Bob.
        ChatEngine dave = people.create("Dave");
        Conversation bobDave = contacts(bob, dave);
        bob.addToGroup(group.id(), List.of(bobDave.id()));
        people.runUntil(() -> GroupJoins.joinedCount(bob, group.id()) == 3
                && List.of(alice, carol, dave).stream().allMatch(e -> e.groups().stream().anyMatch(g -> g.id().equals(group.id()))
                        && e.group(group.id()).epoch() == bob.group(group.id()).epoch()), Duration.ofMinutes(2));
        assertThat(carol.group(group.id()).members()).extracting(GroupMember::name)
                .containsExactly("Alice", "Bob", "Carol", "Dave");
        ChatMessage hi = dave.sendText(group.id(), "Dave here");
        people.runUntil(() -> state(dave, hi) == DeliveryState.DELIVERED);
        assertThat(dave.groupDelivery(hi.id()).deliveredTo()).containsExactlyInAnyOrder(alice.account().id(),
                bob.account().id(), carol.account().id());

        // Bob removes Carol (no session with her): she learns it from the broadcast, without the new secret.
        bob.removeFromGroup(group.id(), carol.account().id());
        people.runUntil(() -> !carol.group(group.id()).member()
                && alice.group(group.id()).epoch() == bob.group(group.id()).epoch());
        ChatMessage after = alice.sendText(group.id(), "after Carol");
        people.runUntil(() -> state(alice, after) == DeliveryState.DELIVERED);
        people.run(Duration.ofSeconds(10));
        assertThat(texts(carol, group.id())).doesNotContain("after Carol");
        assertThat(texts(dave, group.id())).contains("after Carol");

        alice.setGroupRole(group.id(), bob.account().id(), GroupRole.MEMBER);
        people.runUntil(() -> !bob.group(group.id()).iAmAdmin());
        assertThatThrownBy(() -> bob.renameGroup(group.id(), "Bob's")).isInstanceOf(GroupException.class);
        people.runUntil(() -> dave.group(group.id()).epoch() == alice.group(group.id()).epoch());
        assertThat(history(dave, group.id())).isEqualTo(history(alice, group.id())).isEqualTo(history(bob, group.id()));
        assertThat(history(carol, group.id())).isEqualTo(history(alice, group.id()).subList(0, history(carol, group.id()).size()));
    }

    @Test
    void aBroadcastChangeAMemberMissedIsFoundInStoreWhenALaterChangeBuildsOnIt() {
        Group group = aliceBobCarol();
        alice.setGroupRole(group.id(), bob.account().id(), GroupRole.ADMIN);
        people.runUntil(() -> bob.group(group.id()).iAmAdmin()
                && carol.group(group.id()).epoch() == alice.group(group.id()).epoch());
        var bobNode = people.nodes.get(1);
        people.network.setLinkConditions(bobNode, carolNode,
                org.wakuchat.core.simulator.LinkConditions.perfect().withLossRate(1.0));
        bob.renameGroup(group.id(), "By Bob");
        people.run(Duration.ofMillis(500));
        assertThat(carol.group(group.id()).name()).as("Bob's broadcast did not reach Carol").isEqualTo("Hiking");
        people.network.setLinkConditions(bobNode, carolNode, org.wakuchat.core.simulator.LinkConditions.healthy());
        int queriesBefore = people.queries("Carol").size();

        // Alice's change reaches Carol over their session; its parent is Bob's change, which Carol
        // looks up in Store at once instead of waiting for Bob's next copy (5 s after the first).
        alice.renameGroup(group.id(), "By Alice");
        people.run(Duration.ofSeconds(3));
        assertThat(people.queries("Carol").size()).isGreaterThan(queriesBefore);
        assertThat(carol.group(group.id()).name()).isEqualTo("By Alice");
        assertThat(carol.group(group.id()).epoch()).isEqualTo(alice.group(group.id()).epoch());
        assertThat(history(carol, group.id())).isEqualTo(history(alice, group.id())).isEqualTo(history(bob, group.id()));
    }

    @Test
    void aBroadcastWrittenOfflineGoesOutAfterARestart() {
        Group group = aliceBobCarol();
        alice.setGroupRole(group.id(), bob.account().id(), GroupRole.ADMIN);
        people.runUntil(() -> bob.group(group.id()).iAmAdmin()
                && carol.group(group.id()).epoch() == alice.group(group.id()).epoch());
        var bobNode = people.nodes.get(1);
        people.network.setOnline(bobNode, false);
        people.run(Duration.ofSeconds(1));
        bob.renameGroup(group.id(), "Written offline");
        people.run(Duration.ofSeconds(1));
        assertThat(bob.status().queued()).as("the 1:1 copy to Alice and the broadcast for Carol wait").isGreaterThanOrEqualTo(2);
        bob.close();
        people.network.setOnline(bobNode, true);
        bob = people.unlock("Bob");
        people.runUntil(() -> carol.group(group.id()).name().equals("Written offline")
                && carol.group(group.id()).epoch() == bob.group(group.id()).epoch()
                && alice.group(group.id()).epoch() == bob.group(group.id()).epoch());
        people.runUntil(() -> bob.status().queued() == 0);
    }

    @Test
    void twoAdminsChangingTheGroupAtOnceEndWithOneHistoryHoldingBothChangesAndNoMessageIsLost() {
        Group group = aliceBobCarol();
        alice.setGroupRole(group.id(), bob.account().id(), GroupRole.ADMIN);
        people.runUntil(() -> bob.group(group.id()).iAmAdmin()
                && carol.group(group.id()).epoch() == alice.group(group.id()).epoch());
        ChatEngine dave = people.create("Dave");
        Conversation bobDave = contacts(bob, dave);
        long before = alice.group(group.id()).epoch();

        // Both write a change on the same parent, before either hears of the other's: a fork.
        alice.renameGroup(group.id(), "Alice's name");
        bob.addToGroup(group.id(), List.of(bobDave.id()));
        assertThat(alice.group(group.id()).epoch()).as("a fork: both wrote epoch " + (before + 1))
                .isEqualTo(bob.group(group.id()).epoch()).isEqualTo(before + 1);
        ChatMessage fromAlice = alice.sendText(group.id(), "from Alice, during the fork");
        ChatMessage fromBob = bob.sendText(group.id(), "from Bob, during the fork");
        ChatMessage fromCarol = carol.sendText(group.id(), "from Carol, during the fork");

        List<ChatEngine> all = List.of(alice, bob, carol, dave);
        people.runUntil(() -> all.stream().allMatch(e -> e.groups().stream().anyMatch(g -> g.id().equals(group.id()))
                        && e.group(group.id()).epoch() == alice.group(group.id()).epoch()
                        && e.group(group.id()).name().equals("Alice's name")
                        && e.group(group.id()).members().size() == 4)
                && GroupJoins.joinedCount(alice, group.id()) == 3,
                Duration.ofMinutes(3));
        people.runUntil(() -> all.stream().map(e -> history(e, group.id())).distinct().count() == 1
                && state(alice, fromAlice) == DeliveryState.DELIVERED && state(bob, fromBob) == DeliveryState.DELIVERED
                && state(carol, fromCarol) == DeliveryState.DELIVERED, Duration.ofMinutes(5));
        assertThat(alice.group(group.id()).epoch()).isGreaterThan(before + 1);
        List<GroupHistoryEntry.Kind> kinds = alice.groupHistory(group.id()).stream().map(GroupHistoryEntry::kind).toList();
        assertThat(kinds.stream().filter(k -> k == GroupHistoryEntry.Kind.RENAMED).count()).isOne();
        assertThat(kinds.stream().filter(k -> k == GroupHistoryEntry.Kind.ADDED).count()).isOne();
        for (ChatEngine e : List.of(alice, bob, carol)) {
            assertThat(texts(e, group.id())).contains("from Alice, during the fork", "from Bob, during the fork",
                    "from Carol, during the fork");
        }
        ChatMessage welcome = dave.sendText(group.id(), "thanks for adding me");
        people.runUntil(() -> state(dave, welcome) == DeliveryState.DELIVERED);
    }

    @Test
    void theAdminRenamesEveryoneSeesItOthersMayNot() {
        Group group = aliceBobCarol();
        assertThatThrownBy(() -> bob.renameGroup(group.id(), "Mine")).isInstanceOf(GroupException.class)
                .hasMessageContaining("admin");
        assertThatThrownBy(() -> alice.renameGroup(group.id(), " ")).isInstanceOf(GroupException.class);
        String oldTopic = ((DefaultChatEngine) bob).groupEngine().currentKeys(group.id()).orElseThrow().topicName();
        alice.renameGroup(group.id(), "Hiking club");
        people.runUntil(() -> bob.group(group.id()).name().equals("Hiking club")
                && carol.group(group.id()).name().equals("Hiking club"));
        GroupHistoryEntry renamed = carol.groupHistory(group.id()).getLast();
        assertThat(renamed.kind()).isEqualTo(GroupHistoryEntry.Kind.RENAMED);
        assertThat(renamed.newName()).contains("Hiking club");
        assertThat(renamed.authorName()).isEqualTo("Alice");
        ChatMessage m = bob.sendText(group.id(), "nice name");
        people.runUntil(() -> state(bob, m) == DeliveryState.DELIVERED);
        assertThat(history(alice, group.id())).isEqualTo(history(bob, group.id())).isEqualTo(history(carol, group.id()));
        var bobNode = people.nodes.get(1);
        assertThat(bobNode.subscriptions()).anyMatch(t -> t.name().equals(oldTopic));
        people.run(GroupBook.PREVIOUS_EPOCH_GRACE.plusMinutes(1));
        assertThat(bobNode.subscriptions()).noneMatch(t -> t.name().equals(oldTopic));
    }

    @Test
    void creatingAGroupNeedsContactsWithAChat() {
        assertThatThrownBy(() -> alice.createGroup("Nobody", List.of())).isInstanceOf(GroupException.class)
                .hasMessageContaining("at least one contact");
        assertThatThrownBy(() -> alice.createGroup("Strangers", List.of(new ConversationId("0123456789abcdef"))))
                .isInstanceOf(GroupException.class).hasMessageContaining("chat");
        assertThatThrownBy(() -> alice.createGroup("x".repeat(65), List.of(aliceBob.id())))
                .isInstanceOf(GroupException.class);
        assertThat(alice.groups()).isEmpty();
    }

    @Test
    void afterARestartTheGroupItsHistoryAndMessagesAreThereAndChatGoesOn() {
        Group group = aliceBobCarol();
        ChatMessage m1 = alice.sendText(group.id(), "before the restart");
        people.runUntil(() -> state(alice, m1) == DeliveryState.DELIVERED);
        List<String> historyBefore = history(bob, group.id());
        Group bobsViewBefore = bob.group(group.id());
        bob.close();
        bob = people.unlock("Bob");

        assertThat(history(bob, group.id())).isEqualTo(historyBefore);
        assertThat(bob.group(group.id()).members()).extracting(GroupMember::id, GroupMember::name, GroupMember::role,
                GroupMember::me).isEqualTo(bobsViewBefore.members().stream()
                .map(m -> org.assertj.core.groups.Tuple.tuple(m.id(), m.name(), m.role(), m.me())).toList());
        assertThat(bob.group(group.id()).epoch()).isEqualTo(bobsViewBefore.epoch());
        assertThat(bob.messages(group.id(), 0, 10)).extracting(ChatMessage::text, ChatMessage::sender)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("before the restart", Optional.of(alice.account().id())));

        ChatMessage m2 = alice.sendText(group.id(), "after the restart");
        ChatMessage m3 = bob.sendText(group.id(), "back again");
        people.runUntil(() -> state(alice, m2) == DeliveryState.DELIVERED && state(bob, m3) == DeliveryState.DELIVERED);
        assertThat(texts(bob, group.id())).containsExactly("before the restart", "after the restart", "back again");
        assertThat(texts(carol, group.id())).containsExactly("before the restart", "after the restart", "back again");
    }

    @Test
    void garbageForgedAndReplayedGroupMessagesChangeNothing() throws Exception {
        Group group = aliceBobCarol();
        ChatMessage m1 = alice.sendText(group.id(), "only once");
        people.runUntil(() -> state(alice, m1) == DeliveryState.DELIVERED);
        people.run(Duration.ofSeconds(15));
        List<org.wakuchat.core.transport.WakuMessage> recorded = people.published("Alice").stream()
                .filter(m -> m.contentTopic().name().startsWith("g-")).toList();
        assertThat(recorded).isNotEmpty();
        var topic = recorded.getLast().contentTopic();
        List<ChatEvent> bobEvents = SimulatedPeople.recordEvents(bob);
        List<ChatMessage> bobBefore = bob.messages(group.id(), 0, 100);

        var attacker = people.network.addNode("attacker");
        attacker.start();
        for (var replay : recorded) {
            attacker.publish(replay);
        }
        byte[] body = org.wakuchat.core.wire.Envelope.parseFrom(recorded.getLast().payload()).getGroup().toByteArray();
        for (int i = 0; i < body.length; i += 7) {
            byte[] flipped = body.clone();
            flipped[i] ^= 0x01;
            attacker.publish(org.wakuchat.core.transport.WakuMessage.of(org.wakuchat.core.wire.Envelope.newBuilder()
                    .setVersion(2).setGroup(com.google.protobuf.ByteString.copyFrom(flipped)).build().toByteArray(), topic, 1));
        }
        attacker.publish(org.wakuchat.core.transport.WakuMessage.of("garbage".getBytes(), topic, 2));
        attacker.publish(org.wakuchat.core.transport.WakuMessage.of(new byte[] {8, 2, 34, 0}, topic, 3));
        people.run(Duration.ofSeconds(20));

        assertThat(bob.messages(group.id(), 0, 100)).isEqualTo(bobBefore);
        assertThat(bobEvents).noneMatch(e -> e instanceof ChatEvent.MessageAdded);
        assertThat(texts(carol, group.id())).containsExactly("only once");
        // The group still works: nothing above moved a chain.
        ChatMessage m2 = alice.sendText(group.id(), "still fine");
        people.runUntil(() -> state(alice, m2) == DeliveryState.DELIVERED);
        assertThat(texts(bob, group.id())).containsExactly("only once", "still fine");
    }

    @Test
    void aMessageLostOnRelayIsFoundByItsHashInStore() {
        Group group = aliceBobCarol();
        var aliceNode = people.nodes.get(0);
        var bobNode = people.nodes.get(1);
        List<ChatEvent> bobEvents = SimulatedPeople.recordEvents(bob);
        people.network.setLinkConditions(aliceNode, bobNode,
                org.wakuchat.core.simulator.LinkConditions.perfect().withLossRate(1.0));
        ChatMessage lost = alice.sendText(group.id(), "lost on the way to Bob");
        people.run(Duration.ofMillis(100));
        people.network.setLinkConditions(aliceNode, bobNode, org.wakuchat.core.simulator.LinkConditions.healthy());
        int queriesBefore = people.queries("Bob").size();
        ChatMessage next = alice.sendText(group.id(), "next");
        people.runUntil(() -> texts(bob, group.id()).contains("lost on the way to Bob")
                && texts(bob, group.id()).contains("next"));
        assertThat(people.queries("Bob").subList(queriesBefore, people.queries("Bob").size()))
                .anyMatch(q -> !q.messageHashes().isEmpty());
        assertThat(texts(bob, group.id())).containsExactly("lost on the way to Bob", "next");
        people.runUntil(() -> state(alice, lost) == DeliveryState.DELIVERED && state(alice, next) == DeliveryState.DELIVERED);
        assertThat(bobEvents).noneMatch(e -> e instanceof ChatEvent.GroupMissingMessages m
                && m.state() == ChatEvent.MissingState.LOST);
    }

    @Test
    void aMessageThatNeverArrivesIsReportedLostForItsSender() {
        people.close();
        people = new SimulatedPeople(folder.resolve("one-attempt"), 23);
        DeliveryPolicy oneAttempt = new DeliveryPolicy(Duration.ofSeconds(3), Duration.ofMinutes(5), 1,
                Duration.ofMillis(150), Duration.ofMinutes(2));
        alice = people.started(new LocalAccounts(people.config("Alice").withDelivery(oneAttempt))
                .create("Alice", SimulatedPeople.passphrase("Alice")));
        bob = people.create("Bob");
        carol = people.create("Carol");
        aliceBob = contacts(alice, bob);
        aliceCarol = contacts(alice, carol);
        Group group = aliceBobCarol();
        List<ChatEvent> bobEvents = SimulatedPeople.recordEvents(bob);

        var toDrop = new java.util.concurrent.atomic.AtomicInteger(1);
        people.network.dropIf(message -> message.contentTopic().name().startsWith("g-")
                && toDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0);
        ChatMessage lost = alice.sendText(group.id(), "never arrives");
        ChatMessage after = alice.sendText(group.id(), "after the gap");
        people.runUntil(() -> texts(bob, group.id()).contains("after the gap"));
        people.runUntil(() -> bobEvents.stream().anyMatch(e -> e instanceof ChatEvent.GroupMissingMessages m
                && m.state() == ChatEvent.MissingState.RECOVERING && m.count() == 1
                && m.sender().equals(alice.account().id())));
        people.run(DeliveryPolicy.DEFAULT.missingPatience().plusSeconds(5));
        assertThat(bobEvents).anyMatch(e -> e instanceof ChatEvent.GroupMissingMessages m
                && m.state() == ChatEvent.MissingState.LOST && m.count() == 1 && m.sender().equals(alice.account().id())
                && m.group().equals(group.id()));
        assertThat(texts(bob, group.id())).containsExactly("after the gap");
        assertThat(state(alice, lost)).isEqualTo(DeliveryState.FAILED);
        assertThat(state(alice, after)).isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    void aNewcomerReadsFromItsFirstEpochOnItsFirstMessageReachesEveryoneNothingEarlierIsLost() {
        Group group = aliceBobCarol();
        ChatMessage early = alice.sendText(group.id(), "before Dave");
        people.runUntil(() -> state(alice, early) == DeliveryState.DELIVERED);
        ChatEngine dave = people.create("Dave");
        Conversation aliceDave = contacts(alice, dave);
        List<ChatEvent> daveEvents = SimulatedPeople.recordEvents(dave);

        java.time.Instant added = people.clock.now();
        alice.addToGroup(group.id(), List.of(aliceDave.id()));
        people.runUntil(() -> dave.groups().size() == 1);
        ChatMessage hello = dave.sendText(group.id(), "hi all, Dave here");
        people.runUntil(() -> texts(alice, group.id()).contains("hi all, Dave here")
                && texts(bob, group.id()).contains("hi all, Dave here")
                && texts(carol, group.id()).contains("hi all, Dave here"));
        Duration firstMessageReadable = Duration.between(added, people.clock.now());
        System.out.println("FIGURE newcomer's first message readable by all after " + firstMessageReadable.toMillis()
                + " ms (virtual time, from addToGroup)");
        people.runUntil(() -> state(dave, hello) == DeliveryState.DELIVERED);
        assertThat(dave.groupDelivery(hello.id()).of()).isEqualTo(3);
        assertThat(dave.group(group.id()).members()).extracting(GroupMember::name)
                .containsExactly("Alice", "Bob", "Carol", "Dave");
        assertThat(texts(dave, group.id())).doesNotContain("before Dave");
        people.run(DeliveryPolicy.DEFAULT.missingPatience().plusSeconds(10));
        assertThat(daveEvents).filteredOn(e -> e instanceof ChatEvent.GroupMissingMessages).isEmpty();
        assertThat(history(dave, group.id())).isEqualTo(history(alice, group.id())).isEqualTo(history(bob, group.id()));
    }

    @Test
    void aGroupMessageIsOnePublishWhateverTheGroupSize() throws Exception {
        Group small = aliceBobCarol();
        measure("n=3", small.id(), List.of(bob, carol));

        List<ChatEngine> others = new java.util.ArrayList<>(List.of(bob, carol));
        List<ConversationId> contacts = new java.util.ArrayList<>(List.of(aliceBob.id(), aliceCarol.id()));
        for (int i = 4; i <= 10; i++) {
            ChatEngine member = people.create("Member" + i);
            contacts.add(contacts(alice, member).id());
            others.add(member);
        }
        ConversationId big = alice.createGroup("Ten", contacts).id();
        people.runUntil(() -> others.stream().allMatch(o -> o.groups().stream().anyMatch(g -> g.id().equals(big)))
                && GroupJoins.joinedCount(alice, big) == 9
                && others.stream().allMatch(o -> o.group(big).epoch() == alice.group(big).epoch()), Duration.ofMinutes(3));
        measure("n=10", big, others);
    }

    /** Everyone writes once (so histories and acknowledgements are as in a running chat), then Alice's 100-character text. */
    private void measure(String label, ConversationId group, List<ChatEngine> others) {
        for (ChatEngine o : others) {
            ChatMessage m = o.sendText(group, "from " + o.account().displayName());
            people.runUntil(() -> state(o, m) == DeliveryState.DELIVERED, Duration.ofMinutes(2));
        }
        people.run(Duration.ofSeconds(15));
        int before = people.published("Alice").size();
        ChatMessage m = alice.sendText(group, "x".repeat(100));
        people.runUntil(() -> state(alice, m) == DeliveryState.DELIVERED, Duration.ofMinutes(2));
        List<org.wakuchat.core.transport.WakuMessage> sent = people.published("Alice").subList(before,
                people.published("Alice").size()).stream().filter(w -> w.contentTopic().name().startsWith("g-")).toList();
        assertThat(sent).hasSize(1);
        assertThat(alice.groupDelivery(m.id()).delivered()).isEqualTo(others.size());
        System.out.println("FIGURE " + label + ": publishes per group message " + sent.size()
                + ", wire bytes (Waku payload) of a 100-character text " + sent.getFirst().payload().length);
    }

    /** The history as every device must show it (ids, kinds, names, epochs, times). */
    static List<String> history(ChatEngine engine, ConversationId group) {
        return engine.groupHistory(group).stream().map(GroupHistoryEntry::toString).toList();
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
