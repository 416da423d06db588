package org.wakuchat.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wakuchat.core.engine.GroupChatTest.history;
import static org.wakuchat.core.engine.GroupChatTest.state;
import static org.wakuchat.core.engine.GroupChatTest.texts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.account.AccountId;
import org.wakuchat.core.group.Group;
import org.wakuchat.core.group.GroupCipher;
import org.wakuchat.core.group.GroupCipherException;
import org.wakuchat.core.group.GroupHistoryEntry;
import org.wakuchat.core.group.GroupId;
import org.wakuchat.core.group.GroupMember;
import org.wakuchat.core.sync.proto.SdsMessage;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.wire.Envelope;

/**
 * The automatic group key refresh (docs/groups.md, "Membership"; {@link GroupKeyRefresh}): the
 * admin's device writes a new epoch with the same members after so many messages or so much
 * time. Three engines on the simulator, virtual time, small limits.
 */
class GroupKeyRefreshTest {

    @TempDir
    Path folder;
    SimulatedPeople people;
    GroupKeyRefresh refresh;
    ChatEngine alice;
    ChatEngine bob;
    ChatEngine carol;

    @AfterEach
    void shutDown() {
        if (people != null) {
            people.close();
        }
    }

    /** Alice, Bob and Carol with this refresh policy, Alice in a chat with each of the others. */
    void threePeople(GroupKeyRefresh policy) {
        refresh = policy;
        people = new SimulatedPeople(folder, 41);
        alice = create("Alice");
        bob = create("Bob");
        carol = create("Carol");
    }

    ChatEngine create(String name) {
        return people.started(new LocalAccounts(people.config(name).withGroupKeyRefresh(refresh))
                .create(name, SimulatedPeople.passphrase(name)));
    }

    ChatEngine unlock(String name) {
        return people.started(new LocalAccounts(people.config(name).withGroupKeyRefresh(refresh))
                .unlock(SimulatedPeople.passphrase(name)));
    }

    Conversation contacts(ChatEngine inviter, ChatEngine other) {
        return people.contacts(inviter, other);
    }

    /** Alice's group with Bob and Carol, once both joined and everyone is in the same epoch. */
    ConversationId aliceBobCarol() {
        Conversation aliceBob = contacts(alice, bob);
        Conversation aliceCarol = contacts(alice, carol);
        ConversationId group = alice.createGroup("Hiking", List.of(aliceBob.id(), aliceCarol.id())).id();
        people.runUntil(() -> joined(group, bob.account().id(), carol.account().id()) && sameEpoch(group));
        assertThat(refreshes(alice, group)).isZero();
        return group;
    }

    /** Whether these members' joins (KEY_REFRESHED with subjects, one change or several) are in Alice's history. */
    boolean joined(ConversationId group, AccountId... members) {
        if (alice.groups().stream().noneMatch(g -> g.id().equals(group))) {
            return false;
        }
        Set<AccountId> joined = new HashSet<>();
        alice.groupHistory(group).stream().filter(e -> e.kind() == GroupHistoryEntry.Kind.KEY_REFRESHED && !e.keyRefresh())
                .forEach(e -> joined.addAll(e.subjects()));
        return joined.containsAll(List.of(members));
    }

    boolean sameEpoch(ConversationId group) {
        return List.of(bob, carol).stream().allMatch(o -> o.groups().stream().anyMatch(g -> g.id().equals(group))
                && o.group(group).epoch() == alice.group(group).epoch());
    }

    boolean allIn(ConversationId group, long epoch) {
        return List.of(alice, bob, carol).stream().allMatch(e -> e.group(group).epoch() == epoch);
    }

    static long refreshes(ChatEngine engine, ConversationId group) {
        return engine.groupHistory(group).stream().filter(GroupHistoryEntry::keyRefresh).count();
    }

    /** {@code from} writes and waits until both others read it (so the next one answers it). */
    ChatMessage say(ChatEngine from, ConversationId group, String text) {
        ChatMessage m = from.sendText(group, text);
        people.runUntil(() -> List.of(alice, bob, carol).stream().filter(e -> e != from)
                .allMatch(e -> texts(e, group).contains(text)));
        return m;
    }

    @Test
    void afterMaxMessagesTheAdminMovesTheGroupToANewEpochWithEveryoneInItAndChatGoesOn() {
        threePeople(new GroupKeyRefresh(Duration.ofDays(7), 5));
        ConversationId group = aliceBobCarol();
        long epoch = alice.group(group).epoch();
        String topicBefore = ((DefaultChatEngine) alice).groupEngine().currentKeys(group).orElseThrow().topicName();

        List<ChatMessage> before = new ArrayList<>();
        before.add(say(alice, group, "one"));
        before.add(say(bob, group, "two"));
        before.add(say(carol, group, "three"));
        before.add(say(alice, group, "four"));
        people.run(Duration.ofSeconds(5));
        assertThat(alice.group(group).epoch()).as("four messages are below the limit").isEqualTo(epoch);
        int[] oneToOneBefore = {oneToOne("Alice"), oneToOne("Bob") + oneToOne("Carol")};
        java.time.Instant fifth = people.clock.now();
        before.add(say(bob, group, "five"));
        people.runUntil(() -> allIn(group, epoch + 1));
        Duration everyoneIn = Duration.between(fifth, people.clock.now());
        people.run(Duration.ofSeconds(10));
        System.out.println("FIGURE key refresh, n=3: Alice's 1:1 publishes " + (oneToOne("Alice") - oneToOneBefore[0])
                + ", the members' 1:1 publishes (acknowledgements) " + (oneToOne("Bob") + oneToOne("Carol") - oneToOneBefore[1])
                + ", all three in the new epoch " + everyoneIn.toMillis() + " ms after the 5th text was sent (virtual time)");

        assertThat(((DefaultChatEngine) alice).groupEngine().currentKeys(group).orElseThrow().topicName())
                .isNotEqualTo(topicBefore);
        for (ChatEngine e : List.of(alice, bob, carol)) {
            assertThat(e.group(group).members()).extracting(GroupMember::name).containsExactly("Alice", "Bob", "Carol");
            assertThat(refreshes(e, group)).isEqualTo(1);
        }
        GroupHistoryEntry refreshed = carol.groupHistory(group).getLast();
        assertThat(refreshed.keyRefresh()).isTrue();
        assertThat(refreshed.kind()).isEqualTo(GroupHistoryEntry.Kind.KEY_REFRESHED);
        assertThat(refreshed.subjects()).isEmpty();
        assertThat(refreshed.author()).isEqualTo(alice.account().id());
        assertThat(refreshed.epoch()).isEqualTo(epoch + 1);

        List<ChatMessage> after = new ArrayList<>();
        after.add(say(carol, group, "after one"));
        after.add(say(alice, group, "after two"));
        after.add(say(bob, group, "after three"));
        List<ChatMessage> all = new ArrayList<>(before);
        all.addAll(after);
        people.runUntil(() -> all.stream().allMatch(m -> state(ownerOf(m), m) == DeliveryState.DELIVERED),
                Duration.ofMinutes(2));
        for (ChatMessage m : all) {
            var delivery = ownerOf(m).groupDelivery(m.id());
            assertThat(delivery.of()).isEqualTo(2);
            assertThat(delivery.delivered()).isEqualTo(2);
        }
        List<String> expected = List.of("one", "two", "three", "four", "five", "after one", "after two", "after three");
        assertThat(texts(alice, group)).isEqualTo(expected);
        assertThat(texts(bob, group)).isEqualTo(expected);
        assertThat(texts(carol, group)).isEqualTo(expected);
        people.run(Duration.ofMinutes(1));
        assertThat(alice.group(group).epoch()).as("three messages in the new epoch: no second refresh").isEqualTo(epoch + 1);
        assertThat(history(alice, group)).isEqualTo(history(bob, group)).isEqualTo(history(carol, group));
    }

    /** This person's publishes so far that are not group messages (1:1 messages, control messages, acknowledgements). */
    private int oneToOne(String name) {
        return (int) people.published(name).stream().filter(m -> !m.contentTopic().name().startsWith("g-")).count();
    }

    private ChatEngine ownerOf(ChatMessage m) {
        return List.of(alice, bob, carol).stream()
                .filter(e -> e.messages(m.conversation(), 0, 1000).stream().anyMatch(x -> x.id().equals(m.id()) && x.outgoing()))
                .findFirst().orElseThrow();
    }

    @Test
    void anEpochOlderThanMaxAgeIsRefreshedWithoutAnyMessage() {
        threePeople(new GroupKeyRefresh(Duration.ofHours(2), 500));
        ConversationId group = aliceBobCarol();
        long epoch = alice.group(group).epoch();
        java.time.Instant epochStart = alice.groupHistory(group).getLast().at();

        people.run(Duration.ofHours(1));
        assertThat(alice.group(group).epoch()).isEqualTo(epoch);
        people.runUntil(() -> allIn(group, epoch + 1), Duration.ofHours(2));
        assertThat(Duration.between(epochStart, alice.groupHistory(group).getLast().at()))
                .isGreaterThanOrEqualTo(Duration.ofHours(2));
        assertThat(texts(alice, group)).isEmpty();
        for (ChatEngine e : List.of(alice, bob, carol)) {
            assertThat(refreshes(e, group)).isEqualTo(1);
        }
        people.run(Duration.ofHours(1));
        assertThat(alice.group(group).epoch()).as("the new epoch's age starts at the refresh").isEqualTo(epoch + 1);

        ChatMessage m = bob.sendText(group, "still here");
        people.runUntil(() -> state(bob, m) == DeliveryState.DELIVERED);
        assertThat(texts(carol, group)).containsExactly("still here");
        // The next one follows the refresh by the same age.
        people.runUntil(() -> allIn(group, epoch + 2), Duration.ofHours(2));
        assertThat(refreshes(alice, group)).isEqualTo(2);
        assertThat(history(alice, group)).isEqualTo(history(bob, group)).isEqualTo(history(carol, group));
    }

    @Test
    void aThiefWithAMembersStateOfTheOldEpochCannotOpenAnythingSealedAfterTheRefresh() throws Exception {
        threePeople(new GroupKeyRefresh(Duration.ofDays(7), 4));
        ConversationId group = aliceBobCarol();
        long epoch = alice.group(group).epoch();
        GroupCipher.Keyring stolen = ((DefaultChatEngine) bob).groupEngine().copyOfCurrentState(group).orElseThrow();
        String oldTopic = stolen.epochs().getFirst().topicName();
        int[] sentBefore = {people.published("Alice").size(), people.published("Bob").size(),
                people.published("Carol").size()};

        List<ChatMessage> old = new ArrayList<>();
        old.add(say(alice, group, "old one"));
        old.add(say(bob, group, "old two"));
        old.add(say(carol, group, "old three"));
        old.add(say(alice, group, "old four"));
        people.runUntil(() -> allIn(group, epoch + 1));
        String newTopic = ((DefaultChatEngine) alice).groupEngine().currentKeys(group).orElseThrow().topicName();
        assertThat(newTopic).isNotEqualTo(oldTopic);

        List<ChatMessage> fresh = new ArrayList<>();
        fresh.add(say(bob, group, "new one"));
        fresh.add(say(carol, group, "new two"));
        fresh.add(say(alice, group, "new three"));
        people.runUntil(() -> fresh.stream().allMatch(m -> state(ownerOf(m), m) == DeliveryState.DELIVERED));
        people.run(Duration.ofSeconds(30));

        List<WakuMessage> sent = new ArrayList<>();
        String[] names = {"Alice", "Bob", "Carol"};
        for (int i = 0; i < names.length; i++) {
            List<WakuMessage> all = people.published(names[i]);
            sent.addAll(all.subList(sentBefore[i], all.size()));
        }
        GroupId gid = GroupId.of(group).orElseThrow();
        Set<String> readByThief = new HashSet<>();
        int onNewTopic = 0;
        for (WakuMessage m : sent) {
            if (!m.contentTopic().name().startsWith("g-")) {
                continue;
            }
            byte[] body = Envelope.parseFrom(m.payload()).getGroup().toByteArray();
            if (m.contentTopic().name().equals(newTopic)) {
                onNewTopic++;
                assertThatThrownBy(() -> GroupCipher.open(gid, body, stolen))
                        .isInstanceOfSatisfying(GroupCipherException.class,
                                e -> assertThat(e.reason()).isEqualTo(GroupCipherException.Reason.NOT_FOR_US));
                continue;
            }
            // On the old topic: messages of the old epoch (and their resends), which the copy reads.
            readByThief.add(SdsMessage.parseFrom(GroupCipher.open(gid, body, stolen).plaintext()).getMessageId());
        }
        assertThat(onNewTopic).isGreaterThanOrEqualTo(fresh.size());
        assertThat(readByThief).as("the copy works for the epoch it was taken in")
                .containsAll(old.stream().map(m -> m.id().value()).toList());
        assertThat(readByThief).as("nothing written after the refresh")
                .doesNotContainAnyElementsOf(fresh.stream().map(m -> m.id().value()).toList());
    }

    @Test
    void theAdminsCountSurvivesARestartNoEarlyAndNoSecondRefresh() {
        threePeople(new GroupKeyRefresh(Duration.ofDays(7), 5));
        ConversationId group = aliceBobCarol();
        long epoch = alice.group(group).epoch();
        ChatMessage one = say(alice, group, "one");
        say(bob, group, "two");
        ChatMessage three = say(carol, group, "three");
        people.runUntil(() -> state(alice, one) == DeliveryState.DELIVERED && state(carol, three) == DeliveryState.DELIVERED);

        alice.close();
        alice = unlock("Alice");
        people.run(Duration.ofSeconds(30));
        assertThat(alice.group(group).epoch()).as("three counted, none again after the restart").isEqualTo(epoch);
        say(alice, group, "four");
        people.run(Duration.ofSeconds(30));
        assertThat(alice.group(group).epoch()).as("four counted").isEqualTo(epoch);
        say(bob, group, "five");
        people.runUntil(() -> allIn(group, epoch + 1));
        assertThat(refreshes(alice, group)).isEqualTo(1);

        alice.close();
        alice = unlock("Alice");
        people.run(Duration.ofMinutes(1));
        assertThat(alice.group(group).epoch()).as("the new epoch's count starts at zero").isEqualTo(epoch + 1);
        ChatMessage after = say(carol, group, "after the refresh");
        people.runUntil(() -> state(carol, after) == DeliveryState.DELIVERED);
        assertThat(refreshes(alice, group)).isEqualTo(1);
        assertThat(history(alice, group)).isEqualTo(history(bob, group)).isEqualTo(history(carol, group));
    }
}
