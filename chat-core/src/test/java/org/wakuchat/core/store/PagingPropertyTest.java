package org.wakuchat.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;

/**
 * Paging must equal a plain sorted list after any mix of inserts (anywhere in the order),
 * duplicates, reorders, rolled-back batches and page reads (which plant the internal anchors).
 */
class PagingPropertyTest {

    private static Path dir;
    private static Storage storage;
    private static final AtomicInteger TRY = new AtomicInteger();

    sealed interface Op permits Insert, Reorder, Page, FailedBatch, MarkRead {
    }

    record MarkRead(int conversation) implements Op {
    }

    record Insert(int conversation, long order, String id) implements Op {
    }

    record Reorder(int pick, long order) implements Op {
    }

    record Page(int conversation, int from, int limit) implements Op {
    }

    record FailedBatch(List<Insert> inserts) implements Op {
    }

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("wakuchat-paging");
        storage = Fixtures.create(dir);
    }

    @AfterContainer
    static void close() throws IOException {
        storage.close();
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Property(tries = 60)
    void pagesMatchASortedModel(@ForAll("operations") List<Op> ops) {
        MessageStore store = storage.messages();
        String prefix = "t" + TRY.incrementAndGet() + "-";
        var model = new HashMap<String, ChatMessage>();
        var read = new java.util.HashSet<String>();
        // One transaction per try keeps fsyncs out of the loop; anchors behave the same inside it.
        store.inTransaction(() -> {
            for (Op op : ops) {
                switch (op) {
                    case Insert insert -> insert(store, model, prefix, insert);
                    case Reorder reorder -> reorder(store, model, reorder);
                    case Page page -> assertPage(store, model, read, prefix, page);
                    case FailedBatch batch -> failedBatch(store, model, prefix, batch);
                    case MarkRead mark -> {
                        store.markRead(new ConversationId(prefix + mark.conversation()));
                        model.values().stream().filter(m -> m.conversation().value().equals(prefix + mark.conversation()))
                                .forEach(m -> read.add(m.id().value()));
                    }
                }
            }
            for (int c = 0; c < 2; c++) {
                assertPage(store, model, read, prefix, new Page(c, 0, Integer.MAX_VALUE));
            }
        });
    }

    private static void insert(MessageStore store, Map<String, ChatMessage> model, String prefix, Insert op) {
        ChatMessage m = Fixtures.incoming(prefix + op.conversation(), prefix + op.id(), op.order(), "x");
        boolean expected = !model.containsKey(m.id().value());
        assertThat(store.insertMessage(StoredMessage.of(m))).isEqualTo(expected);
        model.putIfAbsent(m.id().value(), m);
    }

    private static void reorder(MessageStore store, Map<String, ChatMessage> model, Reorder op) {
        if (model.isEmpty()) {
            return;
        }
        ChatMessage old = model.values().stream().sorted(Comparator.comparing(m -> m.id().value()))
                .skip(op.pick() % model.size()).findFirst().orElseThrow();
        var moved = new ChatMessage(old.id(), old.conversation(), old.outgoing(), old.payload(), old.sentAt(),
                old.receivedAt(), DeliveryState.RECEIVED, op.order());
        store.updateMessage(StoredMessage.of(moved));
        model.put(moved.id().value(), moved);
    }

    private static void failedBatch(MessageStore store, Map<String, ChatMessage> model, String prefix, FailedBatch op) {
        try {
            store.inTransaction(() -> {
                for (Insert insert : op.inserts()) {
                    store.insertMessage(StoredMessage.of(
                            Fixtures.incoming(prefix + insert.conversation(), prefix + "rb" + insert.id(), insert.order(), "x")));
                }
                store.page(new ConversationId(prefix + 0), 0, 5);
                throw new IllegalStateException("undo");
            });
        } catch (IllegalStateException expected) {
            // Nothing of the batch may remain, in the data or in paging.
        }
    }

    private static void assertPage(MessageStore store, Map<String, ChatMessage> model, java.util.Set<String> read,
                                   String prefix, Page op) {
        var conversation = new ConversationId(prefix + op.conversation());
        List<String> expected = model.values().stream().filter(m -> m.conversation().equals(conversation))
                .sorted(MODEL_ORDER).map(m -> m.id().value()).toList();
        int from = Math.min(op.from(), expected.size());
        int to = (int) Math.min(expected.size(), (long) from + op.limit());
        List<String> actual = store.page(conversation, op.from(), op.limit()).stream().map(m -> m.id().value()).toList();
        assertThat(actual).isEqualTo(expected.subList(from, to));
        assertThat(store.count(conversation)).isEqualTo(expected.size());
        assertThat(store.unreadCount(conversation)).isEqualTo((int) expected.stream().filter(id -> !read.contains(id)).count());
    }

    /** Written independently of the store: order, then id as UTF-8 bytes (SQLite's BINARY collation). */
    private static final Comparator<ChatMessage> MODEL_ORDER = Comparator.comparingLong(ChatMessage::order)
            .thenComparing((a, b) -> Arrays.compareUnsigned(a.id().value().getBytes(StandardCharsets.UTF_8),
                    b.id().value().getBytes(StandardCharsets.UTF_8)));

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Insert> insert = Combinators.combine(Arbitraries.integers().between(0, 1),
                Arbitraries.longs().between(-1, 6),
                Arbitraries.of("a", "b", "\u00e9", "\ue000", "\ud83d\ude00").list().ofMinSize(1).ofMaxSize(3)
                        .map(parts -> String.join("", parts)))
                .as(Insert::new);
        Arbitrary<Reorder> reorder = Combinators.combine(Arbitraries.integers().between(0, 1000),
                Arbitraries.longs().between(-1, 6)).as(Reorder::new);
        Arbitrary<Page> page = Combinators.combine(Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(0, 60), Arbitraries.integers().between(0, 25)).as(Page::new);
        Arbitrary<FailedBatch> batch = insert.list().ofMaxSize(4).map(FailedBatch::new);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, insert), net.jqwik.api.Tuple.of(1, reorder),
                        net.jqwik.api.Tuple.of(5, page), net.jqwik.api.Tuple.of(1, batch),
                        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 1).map(MarkRead::new)))
                .map(op -> (Op) op).list().ofMaxSize(150);
    }

}
