package org.wakuchat.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.Payload;
import org.wakuchat.core.account.AccountId;

/** Test data and file snapshots shared by the storage tests. */
final class Fixtures {

    static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456789Z");

    private Fixtures() {
    }

    static Storage create(Path dir) {
        return Storage.create(dir, PASSPHRASE, KdfParams.FAST_FOR_TESTS);
    }

    static Storage open(Path dir) {
        return Storage.open(dir, PASSPHRASE);
    }

    static StoredConversation conversation(String id, String name) {
        return new StoredConversation(new ConversationId(id), new AccountId("acct-" + id), name, Optional.empty(),
                new byte[] {1, 2, 3, (byte) id.hashCode()}, false, T0, new byte[] {9, 8, 7});
    }

    static ChatMessage incoming(String conversation, String id, long order, String text) {
        return new ChatMessage(new MessageId(id), new ConversationId(conversation), false, Payload.text(text),
                T0.plusSeconds(order), T0.plusSeconds(order + 1), DeliveryState.RECEIVED, order);
    }

    static ChatMessage outgoing(String conversation, String id, long order, String text, DeliveryState state) {
        return new ChatMessage(new MessageId(id), new ConversationId(conversation), true, Payload.text(text),
                T0.plusSeconds(order), T0.plusSeconds(order), state, order);
    }

    static StoredMessage stored(ChatMessage message) {
        return StoredMessage.of(message);
    }

    /** Every file under {@code dir} with its content and modification time. */
    static Map<Path, Snapshot> snapshot(Path dir) {
        var files = new TreeMap<Path, Snapshot>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file), new Snapshot(Files.readAllBytes(file), Files.getLastModifiedTime(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    record Snapshot(byte[] content, FileTime modified) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Snapshot that && Arrays.equals(content, that.content) && modified.equals(that.modified);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(content);
        }

        @Override
        public String toString() {
            return content.length + " bytes, modified " + modified;
        }
    }
}
