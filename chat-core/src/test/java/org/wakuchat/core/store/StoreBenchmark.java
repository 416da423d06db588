package org.wakuchat.core.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;

/**
 * Not a test: times the message store with 100,000 messages in one conversation. Run with
 * {@code java -cp <test classpath> org.wakuchat.core.store.StoreBenchmark [messages]}; the figures
 * go to docs/storage.md.
 */
public final class StoreBenchmark {

    private static final ConversationId CONVERSATION = new ConversationId("bench");
    private static final int PAGE = 100;

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("wakuchat-bench");
        System.out.printf("Data folder %s, %,d messages%n%n", dir, total);

        timeKdf(dir);
        Storage storage = Fixtures.create(dir.resolve("account"));
        MessageStore store = storage.messages();

        long start = System.nanoTime();
        int singles = 300;
        for (int i = 0; i < singles; i++) {
            store.insertMessage(StoredMessage.of(message(i)));
        }
        report("insert, one transaction per message", (System.nanoTime() - start) / singles);
        start = System.nanoTime();
        for (int batch = singles; batch < total; batch += 1000) {
            int from = batch;
            store.inTransaction(() -> {
                for (int i = from; i < Math.min(total, from + 1000); i++) {
                    store.insertMessage(StoredMessage.of(message(i)));
                }
            });
        }
        report("insert, 1000 per transaction (per message)", (System.nanoTime() - start) / (total - singles));

        // Warm the JIT on the read path so the figures below are steady-state.
        for (int i = 0; i < 3_000; i++) {
            store.page(CONVERSATION, (int) ((i * 7919L) % (total - PAGE)), PAGE);
            store.message(new org.wakuchat.core.MessageId("none"));
        }
        report("count", median(2_000, () -> store.count(CONVERSATION)));
        report("unreadCount (all " + total + " unread)", median(20, () -> store.unreadCount(CONVERSATION)));
        report("lastMessage", median(2_000, () -> store.lastMessage(CONVERSATION)));
        report("insert + count + lastMessage + page(end) (a new message arrives)", median(50, () -> {
            int n = store.count(CONVERSATION);
            store.insertMessage(StoredMessage.of(message(n)));
            store.lastMessage(CONVERSATION);
            return store.page(CONVERSATION, Math.max(0, n + 1 - PAGE), PAGE);
        }));
        int count = store.count(CONVERSATION);
        storage.close();

        for (int index : List.of(0, count / 2, count - PAGE)) {
            report("page(" + index + ", 100), first call after open", coldPage(dir.resolve("account"), index));
        }
        storage = Fixtures.open(dir.resolve("account"));
        MessageStore reopened = storage.messages();
        for (int index : List.of(0, count / 2, count - PAGE)) {
            reopened.page(CONVERSATION, index, PAGE);
            report("page(" + index + ", 100), repeated", median(200, () -> reopened.page(CONVERSATION, index, PAGE)));
        }
        int[] next = {count / 2};
        report("page(middle, 100), scrolling up page by page", median(200, () -> {
            next[0] -= PAGE;
            return reopened.page(CONVERSATION, next[0], PAGE);
        }));
        int[] jump = {0};
        report("page(random index, 100), jumping (scrollbar drag)", median(200, () ->
                reopened.page(CONVERSATION, (int) ((jump[0]++ * 7919L) % (count - PAGE)), PAGE)));
        storage.close();

        Path messages = dir.resolve("account/messages.db");
        report("raw SQL: count(*) over the index", median(50, () -> rawInt(messages,
                "SELECT count(*) FROM messages WHERE conversation_id = 'bench'")));
        report("raw SQL: LIMIT 100 OFFSET " + count / 2 + " (no anchors, no reversal)", median(50, () -> rawInt(messages,
                "SELECT count(*) FROM (SELECT id, payload_sealed FROM messages WHERE conversation_id = 'bench'"
                        + " ORDER BY ord, id LIMIT 100 OFFSET " + count / 2 + ")")));
        report("raw SQL: LIMIT 100 OFFSET " + (count - PAGE) + " (no anchors, no reversal)", median(50, () -> rawInt(messages,
                "SELECT count(*) FROM (SELECT id, payload_sealed FROM messages WHERE conversation_id = 'bench'"
                        + " ORDER BY ord, id LIMIT 100 OFFSET " + (count - PAGE) + ")")));
        long opened = System.nanoTime();
        Fixtures.open(dir.resolve("account")).close();
        report("open (FAST_FOR_TESTS kdf, includes quick_check)", System.nanoTime() - opened);
        System.out.printf("%nmessages.db size: %,d bytes (%.0f bytes per message)%n", Files.size(messages),
                Files.size(messages) / (double) count);
    }

    private static void timeKdf(Path dir) {
        long start = System.nanoTime();
        Storage.create(dir.resolve("kdf"), Fixtures.PASSPHRASE, KdfParams.DEFAULT).close();
        report("create with KdfParams.DEFAULT (Argon2id 64 MiB, t=3)", System.nanoTime() - start);
        start = System.nanoTime();
        Storage.open(dir.resolve("kdf"), Fixtures.PASSPHRASE).close();
        report("open with KdfParams.DEFAULT", System.nanoTime() - start);
        start = System.nanoTime();
        try {
            Storage.open(dir.resolve("kdf"), "wrong".toCharArray());
        } catch (WrongPassphraseException expected) {
            report("wrong passphrase refused, KdfParams.DEFAULT", System.nanoTime() - start);
        }
    }

    private static long coldPage(Path account, int index) {
        var times = new ArrayList<Long>();
        for (int i = 0; i < 5; i++) {
            try (Storage storage = Fixtures.open(account)) {
                long start = System.nanoTime();
                storage.messages().page(CONVERSATION, index, PAGE);
                times.add(System.nanoTime() - start);
            }
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }

    private static int rawInt(Path db, String sql) {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
             var statement = c.createStatement();
             var result = statement.executeQuery(sql)) {
            return result.getInt(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static ChatMessage message(int i) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        String text = "Message number " + i + ": " + "lorem ipsum dolor sit amet ".repeat(1 + i % 4);
        return i % 3 == 0
                ? Fixtures.outgoing(CONVERSATION.value(), Base64.getUrlEncoder().withoutPadding().encodeToString(id), i,
                        text, DeliveryState.DELIVERED)
                : Fixtures.incoming(CONVERSATION.value(), Base64.getUrlEncoder().withoutPadding().encodeToString(id), i,
                        text);
    }

    private static long median(int runs, Supplier<?> work) {
        var times = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.get();
            times[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(times);
        return times[runs / 2];
    }

    private static void report(String what, long nanos) {
        System.out.printf(Locale.ROOT, "| %-70s | %10.3f ms |%n", what, nanos / 1e6);
    }
}
