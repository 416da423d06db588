package org.wakuchat.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.Payload;
import org.wakuchat.core.account.AccountId;

/**
 * The data in the frozen schema-v1 fixture (src/test/resources/.../fixtures/v1). The fixture
 * was written once by the v1 code ({@link #main}); later versions must keep reading it as is.
 */
final class V1Fixture {

    static final String RESOURCE_DIR = "src/test/resources/org/wakuchat/core/store/fixtures/v1";
    static final char[] PASSPHRASE = "fixture passphrase v1".toCharArray();
    static final ConversationId CONVERSATION = new ConversationId("c-fixture");
    static final StoredConversation STORED_CONVERSATION = new StoredConversation(CONVERSATION,
            new AccountId("acct-fixture-friend"), "Fixture Friend", Optional.of("Fixie"), bytes(32, 0), true,
            Instant.parse("2025-06-01T12:00:00Z"), new byte[] {1, 2, 3});
    static final StoredMessage HELLO = StoredMessage.of(new ChatMessage(new MessageId("m-hello"), CONVERSATION, false,
            Payload.text("hello from v1 ✓"), Instant.parse("2025-06-01T12:01:00Z"),
            Instant.parse("2025-06-01T12:01:02.5Z"), DeliveryState.RECEIVED, 1));
    static final StoredMessage QUEUED = new StoredMessage(new ChatMessage(new MessageId("m-queued"), CONVERSATION, true,
            Payload.text("queued in v1"), Instant.parse("2025-06-01T12:02:00Z"), Instant.parse("2025-06-01T12:02:00Z"),
            DeliveryState.QUEUED, 2), 2, Optional.of(Instant.parse("2025-06-01T12:05:00Z")), new byte[] {4, 5});
    static final StoredMessage CUSTOM = StoredMessage.of(new ChatMessage(new MessageId("m-custom"), CONVERSATION, false,
            new Payload(Payload.FIRST_CUSTOM_TYPE, bytes(10, 50)), Instant.parse("2025-06-01T12:03:00Z"),
            Instant.parse("2025-06-01T12:03:01Z"), DeliveryState.RECEIVED, 3));
    static final byte[] IDENTITY = bytes(32, 100);

    private V1Fixture() {
    }

    /** Regenerates the fixture; only ever run with the v1 code. */
    public static void main(String[] args) throws IOException, SQLException {
        Path work = Files.createTempDirectory("wakuchat-v1-fixture");
        try (Storage storage = Storage.create(work, PASSPHRASE, KdfParams.FAST_FOR_TESTS)) {
            MessageStore messages = storage.messages();
            messages.upsertConversation(STORED_CONVERSATION);
            messages.insertMessage(HELLO);
            messages.markRead(CONVERSATION);
            messages.insertMessage(QUEUED);
            messages.insertMessage(CUSTOM);
            storage.secrets().put("identity", "self", IDENTITY);
            storage.secrets().put("session", "acct-fixture-friend", new byte[] {7, 7});
        }
        Path target = Path.of(args.length > 0 ? args[0] : RESOURCE_DIR);
        Files.createDirectories(target);
        Files.copy(work.resolve("account.json"), target.resolve("account.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(target.resolve("messages.sql"), SqlDump.dump(work.resolve("messages.db")));
        Files.writeString(target.resolve("secrets.sql"), SqlDump.dump(work.resolve("secrets.db")));
        System.out.println("Wrote the v1 fixture to " + target.toAbsolutePath());
    }

    /** The fixture as test resources on the class path. */
    static Path resources() throws java.net.URISyntaxException {
        return Path.of(V1Fixture.class.getResource("fixtures/v1/account.json").toURI()).getParent();
    }

    /** Builds the v1 account folder from the fixture files. */
    static void restore(Path source, Path dir) throws IOException, SQLException {
        Files.copy(source.resolve("account.json"), dir.resolve("account.json"));
        SqlDump.load(source.resolve("messages.sql"), dir.resolve("messages.db"));
        SqlDump.load(source.resolve("secrets.sql"), dir.resolve("secrets.db"));
    }

    static void assertContent(Storage storage) {
        MessageStore messages = storage.messages();
        assertThat(messages.conversations()).containsExactly(STORED_CONVERSATION);
        assertThat(messages.count(CONVERSATION)).isEqualTo(3);
        assertThat(messages.page(CONVERSATION, 0, 10))
                .containsExactly(HELLO.message(), QUEUED.message(), CUSTOM.message());
        assertThat(messages.message(QUEUED.message().id())).contains(QUEUED);
        assertThat(messages.pendingOutgoing()).containsExactly(QUEUED);
        assertThat(messages.unreadCount(CONVERSATION)).isEqualTo(1);
        assertThat(messages.lastMessage(CONVERSATION)).contains(CUSTOM.message());
        assertThat(storage.secrets().get("identity", "self")).hasValueSatisfying(v -> assertThat(v).isEqualTo(IDENTITY));
        assertThat(storage.secrets().all("session")).containsOnlyKeys("acct-fixture-friend");
    }

    private static byte[] bytes(int length, int first) {
        byte[] bytes = new byte[length];
        IntStream.range(0, length).forEach(i -> bytes[i] = (byte) (first + i));
        return bytes;
    }
}
