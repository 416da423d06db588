package org.wakuchat.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.Payload;
import org.wakuchat.core.account.AccountId;
import org.wakuchat.core.group.GroupHistoryEntry;

/** A group's rows read page by page, in any order, are the whole group merged by time at once. */
class GroupRowsTest {

    private static final ConversationId GROUP = new ConversationId("g-test");
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final int PAGE = PagedMessages.PAGE_SIZE;

    private final List<ChatMessage> messages = new ArrayList<>();
    private final AtomicInteger read = new AtomicInteger();

    private GroupRows.Source source() {
        return (from, limit) -> {
            read.addAndGet(limit);
            return List.copyOf(messages.subList(from, Math.min(messages.size(), from + limit)));
        };
    }

    private void addMessages(int count, long firstSecond) {
        for (int i = 0; i < count; i++) {
            messages.add(message(messages.size() + 1, T0.plusSeconds(firstSecond + i * 60L)));
        }
    }

    private static ChatMessage message(int n, Instant at) {
        return new ChatMessage(new MessageId("m" + n), GROUP, n % 3 == 0, Payload.text("message " + n), at, at,
                DeliveryState.RECEIVED, n);
    }

    private static GroupHistoryEntry entry(long epoch, Instant at) {
        return new GroupHistoryEntry(epoch, at, GroupHistoryEntry.Kind.RENAMED, new AccountId("admin"), "Admin",
                List.of(), List.of(), Optional.of("name " + epoch));
    }

    /** What the group view did before paging: every message, with each entry before the first message not sent before it. */
    private static List<MessageId> mergedAtOnce(List<ChatMessage> messages, List<GroupHistoryEntry> history) {
        List<MessageId> rows = new ArrayList<>();
        int next = 0;
        for (ChatMessage message : messages) {
            while (next < history.size() && !history.get(next).at().isAfter(message.sentAt())) {
                rows.add(GroupRows.systemRowId(history.get(next++)));
            }
            rows.add(message.id());
        }
        while (next < history.size()) {
            rows.add(GroupRows.systemRowId(history.get(next++)));
        }
        return rows;
    }

    private static List<MessageId> ids(List<ChatMessage> rows) {
        return rows.stream().map(ChatMessage::id).toList();
    }

    /** History at the very start, at a message's exact time, between pages and after the last message. */
    private List<GroupHistoryEntry> history() {
        return List.of(entry(0, T0.minusSeconds(5)), entry(1, T0.minusSeconds(1)), entry(2, T0.plusSeconds(60 * 99)),
                entry(3, T0.plusSeconds(60 * 250 + 30)), entry(4, T0.plusSeconds(60 * 250 + 40)),
                entry(5, T0.plusSeconds(60 * 1_234 + 1)), entry(6, T0.plusSeconds(60 * 2_000)));
    }

    @Test
    void pagesFromTheNewestUpAreTheWholeGroupMergedByTime() {
        addMessages(1_500, 0);
        List<GroupHistoryEntry> history = history();
        GroupRows rows = new GroupRows(GROUP, messages.size(), history, source());
        assertThat(rows.size()).isEqualTo(1_500 + history.size());

        List<MessageId> paged = new ArrayList<>();
        for (int from = (rows.size() - 1) / PAGE * PAGE; from >= 0; from -= PAGE) {
            paged.addAll(0, ids(rows.rows(from, PAGE)));
        }
        assertThat(paged).isEqualTo(mergedAtOnce(messages, history));
    }

    @Test
    void theNewestPagesReadOnlyWhatTheyShowAndAPageInTheMiddleReadsOnlyDownToIt() {
        addMessages(20_000, 0);
        GroupRows rows = new GroupRows(GROUP, messages.size(), history(), source());
        List<MessageId> all = mergedAtOnce(messages, history());

        int size = rows.size();
        assertThat(ids(rows.rows(size - 2 * PAGE, 2 * PAGE))).isEqualTo(all.subList(size - 2 * PAGE, size));
        assertThat(read.get()).isLessThan(5 * PAGE);

        read.set(0);
        assertThat(ids(rows.rows(10_000, PAGE))).isEqualTo(all.subList(10_000, 10_000 + PAGE));
        assertThat(read.get()).isLessThan(size - 10_000 + 2 * PAGE);
        assertThat(ids(rows.rows(0, PAGE))).isEqualTo(all.subList(0, PAGE));
        assertThat(ids(rows.rows(1_200, PAGE))).isEqualTo(all.subList(1_200, 1_200 + PAGE));
    }

    @Test
    void theFirstPageGuessedAtOpenIsTheSameWhenTheTimesAreInOrder() {
        addMessages(1_000, 0);
        GroupRows rows = new GroupRows(GROUP, messages.size(), history(), source());
        List<MessageId> all = mergedAtOnce(messages, history());
        rows.rows(rows.size() - PAGE, PAGE);
        assertThat(ids(rows.guessHead(PAGE))).isEqualTo(all.subList(0, PAGE));

        for (int from = rows.size() - PAGE; from >= PAGE; from -= PAGE) {
            rows.rows(from, PAGE);
        }
        assertThat(rows.takeHeadChanged()).isFalse();
    }

    @Test
    void aFirstPageGuessedWrongIsReportedAndEveryRowStillAppearsOnce() {
        addMessages(1_000, 0);
        // a message early on whose sender's clock was a day behind: read from the top, the
        // entries before it would be placed differently
        messages.set(10, message(11, T0.minusSeconds(86_400)));
        List<GroupHistoryEntry> history = List.of(entry(0, T0.minusSeconds(5)), entry(1, T0.plusSeconds(60 * 5 + 1)),
                entry(2, T0.plusSeconds(60 * 600 + 1)));
        GroupRows rows = new GroupRows(GROUP, messages.size(), history, source());
        rows.rows(rows.size() - PAGE, PAGE);
        List<MessageId> guessed = ids(rows.guessHead(PAGE));

        List<MessageId> paged = new ArrayList<>();
        for (int from = (rows.size() - 1) / PAGE * PAGE; from >= 0; from -= PAGE) {
            paged.addAll(0, ids(rows.rows(from, PAGE)));
        }
        assertThat(rows.takeHeadChanged()).isEqualTo(!guessed.equals(paged.subList(0, PAGE)));
        assertThat(paged).hasSize(rows.size()).doesNotHaveDuplicates()
                .containsAll(ids(messages)).containsAll(history.stream().map(GroupRows::systemRowId).toList());
    }

    @Test
    void messagesAndEntriesWhileOpenComeAfterEverythingElse() {
        addMessages(500, 0);
        GroupRows rows = new GroupRows(GROUP, messages.size(), history(), source());
        rows.rows(rows.size() - 2 * PAGE, 2 * PAGE);

        addMessages(1, 60 * 10_000);
        rows.messageAppended();
        GroupHistoryEntry late = entry(7, T0.plusSeconds(60 * 10_001));
        assertThat(rows.entryAppended(late)).isTrue();
        assertThat(rows.entryAppended(history().getLast())).as("already read at open").isFalse();
        addMessages(1, 60 * 10_002);
        rows.messageAppended();

        List<GroupHistoryEntry> history = new ArrayList<>(history());
        history.add(late);
        List<MessageId> all = mergedAtOnce(messages, history);
        assertThat(rows.size()).isEqualTo(all.size());
        assertThat(ids(rows.rows(0, rows.size()))).isEqualTo(all);
    }
}
