package org.wakuchat.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wakuchat.core.store.Fixtures.outgoing;
import static org.wakuchat.core.store.Fixtures.stored;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryFailure;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.MessageId;

/**
 * The columns left in plaintext for SQL (a contact's {@code verified}, a message's delivery
 * {@code state} and {@code failure}) are bound into the row's sealed engine state (issue #14,
 * finding 6): someone who can write the data folder but lacks the passphrase cannot mark a contact
 * verified or a message delivered unnoticed.
 */
class PlaintextColumnBindingTest {

    @TempDir
    Path dir;

    @Test
    void aContactMarkedVerifiedOutsideTheAppIsDetected() throws Exception {
        try (Storage storage = Fixtures.create(dir)) {
            storage.messages().upsertConversation(Fixtures.conversation("c1", "Alice"));
        }
        execute("UPDATE conversations SET verified = 1 - verified");
        try (Storage storage = Fixtures.open(dir)) {
            assertThatThrownBy(() -> storage.messages().conversation(new ConversationId("c1")))
                    .isInstanceOf(StorageException.class).hasMessageContaining("verified");
        }
    }

    @Test
    void aDeliveryStateChangedOutsideTheAppIsDetected() throws Exception {
        try (Storage storage = Fixtures.create(dir)) {
            storage.messages().upsertConversation(Fixtures.conversation("c1", "Alice"));
            storage.messages().insertMessage(stored(outgoing("c1", "m1", 1, "hello", DeliveryState.SENT)));
        }
        execute("UPDATE messages SET state = 'DELIVERED' WHERE id = 'm1'");
        try (Storage storage = Fixtures.open(dir)) {
            assertThatThrownBy(() -> storage.messages().message(new MessageId("m1")))
                    .isInstanceOf(StorageException.class).hasMessageContaining("state");
            assertThatThrownBy(() -> storage.messages().page(new ConversationId("c1"), 0, 10))
                    .isInstanceOf(StorageException.class).hasMessageContaining("state");
        }
    }

    @Test
    void aFailureReasonChangedOutsideTheAppIsDetected() throws Exception {
        try (Storage storage = Fixtures.create(dir)) {
            storage.messages().upsertConversation(Fixtures.conversation("c1", "Alice"));
            var message = outgoing("c1", "m1", 1, "hello", DeliveryState.FAILED).failed(DeliveryFailure.INVITE_EXPIRED);
            storage.messages().insertMessage(stored(message));
            assertThat(storage.messages().message(new MessageId("m1")).orElseThrow().message().failure())
                    .contains(DeliveryFailure.INVITE_EXPIRED);
        }
        execute("UPDATE messages SET failure = 'NO_CONFIRMATION' WHERE id = 'm1'");
        try (Storage storage = Fixtures.open(dir)) {
            assertThatThrownBy(() -> storage.messages().page(new ConversationId("c1"), 0, 10))
                    .isInstanceOf(StorageException.class);
        }
    }

    @Test
    void valuesTheAppWroteItselfReadBackAfterEveryChange() throws Exception {
        try (Storage storage = Fixtures.create(dir)) {
            var conversation = Fixtures.conversation("c1", "Alice");
            storage.messages().upsertConversation(conversation);
            storage.messages().insertMessage(stored(outgoing("c1", "m1", 1, "hello", DeliveryState.SENT)));
            var sent = storage.messages().message(new MessageId("m1")).orElseThrow();
            storage.messages().updateMessage(new StoredMessage(sent.message().withState(DeliveryState.DELIVERED),
                    sent.attempts(), sent.nextAttemptAt(), sent.engineState()));
            storage.messages().upsertConversation(new StoredConversation(conversation.id(), conversation.contactId(),
                    conversation.contactName(), conversation.nickname(), conversation.contactIdentityKey(),
                    !conversation.verified(), conversation.createdAt(), conversation.engineState()));
        }
        try (Storage storage = Fixtures.open(dir)) {
            assertThat(storage.messages().message(new MessageId("m1")).orElseThrow().message().state())
                    .isEqualTo(DeliveryState.DELIVERED);
            assertThat(storage.messages().conversation(new ConversationId("c1")).orElseThrow().verified())
                    .isNotEqualTo(Fixtures.conversation("c1", "Alice").verified());
        }
    }

    @Test
    void rowsWrittenBeforeTheBindingAreBoundWhenTheAccountIsFirstOpened() throws Exception {
        V1Fixture.restore(V1Fixture.resources(), dir);
        try (Storage storage = Storage.open(dir, V1Fixture.PASSPHRASE)) {
            V1Fixture.assertContent(storage);
        }
        execute("UPDATE conversations SET verified = 1 - verified");
        execute("UPDATE messages SET state = 'DELIVERED' WHERE id = 'm-queued'");
        try (Storage storage = Storage.open(dir, V1Fixture.PASSPHRASE)) {
            assertThatThrownBy(() -> storage.messages().conversation(V1Fixture.CONVERSATION))
                    .isInstanceOf(StorageException.class).hasMessageContaining("verified");
            assertThatThrownBy(() -> storage.messages().message(new MessageId("m-queued")))
                    .isInstanceOf(StorageException.class).hasMessageContaining("state");
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("messages.db"));
                var statement = c.createStatement()) {
            assertThat(statement.executeUpdate(sql)).isPositive();
        }
    }
}
