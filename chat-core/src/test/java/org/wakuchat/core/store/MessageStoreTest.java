package org.wakuchat.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wakuchat.core.store.Fixtures.conversation;
import static org.wakuchat.core.store.Fixtures.incoming;
import static org.wakuchat.core.store.Fixtures.outgoing;
import static org.wakuchat.core.store.Fixtures.stored;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.Payload;

class MessageStoreTest {

    private static final ConversationId ALICE = new ConversationId("alice");
    private static final ConversationId BOB = new ConversationId("bob");

    @TempDir
    Path dir;
    private Storage storage;
    private MessageStore store;

    @BeforeEach
    void createStorage() {
        storage = Fixtures.create(dir);
        store = storage.messages();
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    @Test
    void conversationsRoundTripAndUpsertReplacesFields() {
        StoredConversation alice = conversation("alice", "Alice");
        store.upsertConversation(alice);
        store.upsertConversation(conversation("bob", "Bob"));
        assertThat(store.conversation(ALICE)).contains(alice);

        var renamed = new StoredConversation(alice.id(), alice.contactId(), "Alice B.", Optional.of("Al"),
                alice.contactIdentityKey(), true, alice.createdAt(), new byte[] {42});
        store.upsertConversation(renamed);

        assertThat(store.conversation(ALICE)).contains(renamed);
        assertThat(store.conversations()).extracting(StoredConversation::id).containsExactly(ALICE, BOB);
        assertThat(store.conversation(new ConversationId("nobody"))).isEmpty();
    }

    @Test
    void emptyNicknameAndEngineStateSurvive() {
        var c = new StoredConversation(ALICE, conversation("alice", "A").contactId(), "", Optional.of(""),
                new byte[0], false, Instant.EPOCH, null);
        store.upsertConversation(c);
        assertThat(store.conversation(ALICE)).contains(c);
        assertThat(store.conversation(ALICE).orElseThrow().engineState()).isEmpty();
    }

    @Test
    void messageRoundTripKeepsEveryField() {
        ChatMessage m = new ChatMessage(new MessageId("m1"), ALICE, true, new Payload(1234, new byte[] {0, 1, 2}),
                Fixtures.T0, Fixtures.T0.plusNanos(1), DeliveryState.QUEUED, 7);
        var s = new StoredMessage(m, 2, Optional.of(Fixtures.T0.plusSeconds(30)), new byte[] {5, 6});
        assertThat(store.insertMessage(s)).isTrue();
        assertThat(store.message(m.id())).contains(s);
        assertThat(store.message(new MessageId("none"))).isEmpty();
    }

    @Test
    void duplicateInsertIsIgnoredAndChangesNothing() {
        ChatMessage first = incoming("alice", "m1", 1, "original");
        assertThat(store.insertMessage(stored(first))).isTrue();

        ChatMessage sameId = incoming("alice", "m1", 99, "replacement");
        assertThat(store.insertMessage(stored(sameId))).isFalse();

        assertThat(store.message(first.id()).orElseThrow().message()).isEqualTo(first);
        assertThat(store.count(ALICE)).isEqualTo(1);
        assertThat(store.unreadCount(ALICE)).isEqualTo(1);
    }

    @Test
    void pagesAreOrderedByOrderThenId() {
        store.insertMessage(stored(incoming("alice", "b", 2, "x")));
        store.insertMessage(stored(incoming("alice", "c", 1, "x")));
        store.insertMessage(stored(incoming("alice", "a", 2, "x")));
        store.insertMessage(stored(incoming("bob", "0", 0, "other conversation")));
        store.insertMessage(stored(incoming("alice", "z", -5, "x")));

        assertThat(ids(store.page(ALICE, 0, 10))).containsExactly("z", "c", "a", "b");
        assertThat(store.lastMessage(ALICE).orElseThrow().id().value()).isEqualTo("b");
        assertThat(store.lastMessage(new ConversationId("none"))).isEmpty();
    }

    @Test
    void pagingCoversTheConversationWithoutGapsOrOverlap() {
        insertAlice(250);
        assertThat(store.count(ALICE)).isEqualTo(250);
        assertThat(store.count(BOB)).isZero();

        assertThat(ids(store.page(ALICE, 0, 3))).containsExactly("m0000", "m0001", "m0002");
        assertThat(ids(store.page(ALICE, 248, 100))).containsExactly("m0248", "m0249");
        assertThat(store.page(ALICE, 250, 10)).isEmpty();
        assertThat(store.page(ALICE, 10, 0)).isEmpty();
        assertThat(ids(store.page(ALICE, 120, 2))).containsExactly("m0120", "m0121");

        var backwards = new java.util.ArrayList<String>();
        for (int from = 200; from >= 0; from -= 50) {
            backwards.addAll(0, ids(store.page(ALICE, from, 50)));
        }
        assertThat(backwards).isEqualTo(IntStream.range(0, 250).mapToObj(i -> "m%04d".formatted(i)).toList());
        assertThatThrownBy(() -> store.page(ALICE, -1, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pagesSeeMessagesInsertedBeforeARememberedPage() {
        insertAlice(100);
        assertThat(ids(store.page(ALICE, 50, 10))).startsWith("m0050");
        store.insertMessage(stored(incoming("alice", "early", -1, "late arrival with an early order")));
        assertThat(ids(store.page(ALICE, 51, 2))).containsExactly("m0050", "m0051");
        assertThat(ids(store.page(ALICE, 0, 2))).containsExactly("early", "m0000");
    }

    @Test
    void idsSortAsUtf8BytesEvenBeyondTheBasicPlane() {
        insertAlice(100);
        String privateUse = "\ue000";
        String emoji = "\ud83d\ude00";
        store.insertMessage(stored(incoming("alice", privateUse, 50, "x")));
        assertThat(ids(store.page(ALICE, 51, 1))).containsExactly(privateUse);
        // UTF-16 would sort the emoji (a surrogate pair) before U+E000; SQLite and UTF-8 sort it after.
        store.insertMessage(stored(incoming("alice", emoji, 50, "x")));
        assertThat(ids(store.page(ALICE, 52, 2))).containsExactly(emoji, "m0051");
        assertThat(ids(store.page(ALICE, 50, 3))).containsExactly("m0050", privateUse, emoji);
    }

    @Test
    void updateChangesStateAttemptsEngineStateAndOrder() {
        ChatMessage m = outgoing("alice", "m1", 1, "hello", DeliveryState.QUEUED);
        store.insertMessage(stored(m));
        store.insertMessage(stored(incoming("alice", "m2", 2, "reply")));

        var sent = new StoredMessage(new ChatMessage(m.id(), m.conversation(), true, m.payload(), m.sentAt(),
                m.receivedAt(), DeliveryState.SENT, 3), 1, Optional.of(Fixtures.T0.plusSeconds(60)), new byte[] {1});
        store.updateMessage(sent);

        assertThat(store.message(m.id())).contains(sent);
        assertThat(ids(store.page(ALICE, 0, 10))).containsExactly("m2", "m1");
    }

    @Test
    void updateRefusesUnknownOrMovedMessages() {
        store.insertMessage(stored(outgoing("alice", "m1", 1, "hello", DeliveryState.QUEUED)));
        assertThatThrownBy(() -> store.updateMessage(stored(outgoing("alice", "nope", 1, "x", DeliveryState.SENT))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> store.updateMessage(stored(outgoing("bob", "m1", 1, "hello", DeliveryState.SENT))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.message(new MessageId("m1")).orElseThrow().message().state()).isEqualTo(DeliveryState.QUEUED);
    }

    @Test
    void pendingOutgoingAreQueuedAndSentOutgoingMessagesOldestFirst() {
        store.insertMessage(stored(outgoing("alice", "q", 5, "x", DeliveryState.QUEUED)));
        store.insertMessage(stored(outgoing("bob", "s", 1, "x", DeliveryState.SENT)));
        store.insertMessage(stored(outgoing("alice", "d", 2, "x", DeliveryState.DELIVERED)));
        store.insertMessage(stored(outgoing("alice", "f", 3, "x", DeliveryState.FAILED)));
        store.insertMessage(stored(incoming("alice", "r", 4, "x")));

        assertThat(store.pendingOutgoing()).extracting(s -> s.message().id().value()).containsExactly("q", "s");
        assertThat(store.queuedOutgoingCount()).isEqualTo(1);

        store.updateMessage(stored(outgoing("alice", "q", 5, "x", DeliveryState.DELIVERED)));
        assertThat(store.pendingOutgoing()).extracting(s -> s.message().id().value()).containsExactly("s");
        assertThat(store.queuedOutgoingCount()).isZero();
    }

    @Test
    void unreadCountsIncomingMessagesSavedAfterTheReadMark() {
        assertThat(store.unreadCount(ALICE)).isZero();
        store.markRead(ALICE);
        store.insertMessage(stored(incoming("alice", "i1", 1, "x")));
        store.insertMessage(stored(outgoing("alice", "o1", 2, "x", DeliveryState.SENT)));
        store.insertMessage(stored(incoming("alice", "i2", 3, "x")));
        store.insertMessage(stored(incoming("bob", "b1", 1, "x")));
        assertThat(store.unreadCount(ALICE)).isEqualTo(2);

        store.markRead(ALICE);
        assertThat(store.unreadCount(ALICE)).isZero();
        assertThat(store.unreadCount(BOB)).isEqualTo(1);

        // A message that arrives late but sorts before the read ones is still unread.
        store.insertMessage(stored(incoming("alice", "i0", 0, "x")));
        store.insertMessage(stored(outgoing("alice", "o2", 9, "x", DeliveryState.QUEUED)));
        assertThat(store.unreadCount(ALICE)).isEqualTo(1);

        store.upsertConversation(conversation("alice", "Alice"));
        assertThat(store.unreadCount(ALICE)).as("upsert keeps the read mark").isEqualTo(1);
    }

    @Test
    void transactionIsRolledBackWhenWorkThrows() {
        store.insertMessage(stored(incoming("alice", "kept", 1, "x")));
        store.page(ALICE, 0, 10);

        assertThatThrownBy(() -> store.inTransaction(() -> {
            store.insertMessage(stored(incoming("alice", "a0", 0, "x")));
            store.upsertConversation(conversation("alice", "Alice"));
            store.markRead(ALICE);
            assertThat(store.count(ALICE)).isEqualTo(2);
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");

        assertThat(store.count(ALICE)).isEqualTo(1);
        assertThat(ids(store.page(ALICE, 0, 10))).containsExactly("kept");
        assertThat(store.conversation(ALICE)).isEmpty();
        assertThat(store.unreadCount(ALICE)).isEqualTo(1);
        assertThat(store.message(new MessageId("a0"))).isEmpty();
    }

    @Test
    void transactionCommitsAndNestedFailureUndoesOnlyItsPart() {
        store.inTransaction(() -> {
            store.insertMessage(stored(incoming("alice", "outer", 1, "x")));
            try {
                store.inTransaction(() -> {
                    store.insertMessage(stored(incoming("alice", "inner", 2, "x")));
                    throw new IllegalStateException("inner");
                });
            } catch (IllegalStateException expected) {
                // The outer work goes on.
            }
            store.insertMessage(stored(incoming("alice", "after", 3, "x")));
        });
        assertThat(ids(store.page(ALICE, 0, 10))).containsExactly("outer", "after");
    }

    @Test
    void reopeningKeepsEverything() {
        StoredConversation alice = conversation("alice", "Alice");
        store.upsertConversation(alice);
        insertAlice(30);
        store.markRead(ALICE);
        store.insertMessage(stored(incoming("alice", "new", 100, "unread")));
        storage.secrets().put("identity", "self", new byte[] {1, 2, 3});
        List<ChatMessage> before = store.page(ALICE, 0, 100);
        storage.close();

        storage = Fixtures.open(dir);
        store = storage.messages();
        assertThat(store.conversation(ALICE)).contains(alice);
        assertThat(store.page(ALICE, 0, 100)).isEqualTo(before);
        assertThat(store.count(ALICE)).isEqualTo(31);
        assertThat(store.unreadCount(ALICE)).isEqualTo(1);
        assertThat(storage.secrets().get("identity", "self")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2, 3));
    }

    private void insertAlice(int n) {
        store.inTransaction(() -> {
            for (int i = 0; i < n; i++) {
                store.insertMessage(stored(incoming("alice", "m%04d".formatted(i), i, "message " + i)));
            }
        });
    }

    private static List<String> ids(List<ChatMessage> messages) {
        return messages.stream().map(m -> m.id().value()).toList();
    }
}
