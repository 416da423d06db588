package org.wakuchat.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.wakuchat.app.common.UiExecutor;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.Payload;

class PagedMessagesTest {

    private static final ConversationId CONVERSATION = new ConversationId("c");
    private final UiExecutor executor = new UiExecutor();
    private final List<ChatMessage> store = new ArrayList<>();
    private final List<Integer> loadedFrom = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() {
        executor.close();
    }

    private PagedMessages messages(int count) {
        for (int i = 0; i < count; i++) {
            store.add(message(i, DeliveryState.DELIVERED));
        }
        int tailFrom = Math.max(0, (count - 1) / PagedMessages.PAGE_SIZE * PagedMessages.PAGE_SIZE);
        List<ChatMessage> head = tailFrom == 0 ? List.of() : List.copyOf(store.subList(0, PagedMessages.PAGE_SIZE));
        return new PagedMessages(count, head, List.copyOf(store.subList(tailFrom, count)), (from, limit) -> {
            loadedFrom.add(from);
            return List.copyOf(store.subList(from, Math.min(store.size(), from + limit)));
        }, executor);
    }

    private static ChatMessage message(int i, DeliveryState state) {
        return new ChatMessage(new MessageId("m" + i), CONVERSATION, true, Payload.text("text " + i), Instant.EPOCH,
                Instant.EPOCH, state, i);
    }

    private static void onFx(Runnable action) throws Exception {
        WaitForAsyncUtils.asyncFx(action).get(5, TimeUnit.SECONDS);
    }

    @Test
    void theNewestPageIsThereAtOnceAndOlderOnesLoadOnlyWhenAskedFor() throws Exception {
        PagedMessages messages = messages(10_000);
        assertThat(messages).hasSize(10_000);
        assertThat(messages.get(9_999).text()).isEqualTo("text 9999");
        assertThat(loadedFrom).isEmpty();

        List<ListChangeListener.Change<? extends ChatMessage>> changes = new CopyOnWriteArrayList<>();
        onFx(() -> {
            messages.addListener((ListChangeListener<ChatMessage>) changes::add);
            assertThat(messages.get(4_321)).isNull();
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !changes.isEmpty());

        assertThat(loadedFrom).containsExactly(4_300);
        onFx(() -> assertThat(messages.get(4_321).text()).isEqualTo("text 4321"));
    }

    @Test
    void theFirstPageComesWithTheOpeningBecauseTheListMeasuresItsFirstCell() {
        PagedMessages messages = messages(10_000);
        assertThat(messages.get(0).text()).isEqualTo("text 0");
        assertThat(messages.get(99).text()).isEqualTo("text 99");
        assertThat(loadedFrom).isEmpty();
    }

    @Test
    void appendsAndUpdatesInPlace() throws Exception {
        PagedMessages messages = messages(150);
        onFx(() -> {
            messages.append(message(150, DeliveryState.QUEUED));
            messages.append(message(150, DeliveryState.QUEUED)); // duplicate delivery of the same message
            assertThat(messages).hasSize(151);
            messages.updateState(new MessageId("m150"), DeliveryState.DELIVERED);
            assertThat(messages.get(150).state()).isEqualTo(DeliveryState.DELIVERED);
        });
    }

    @Test
    void anAppendThatStartsANewPageKeepsIt() throws Exception {
        PagedMessages messages = messages(PagedMessages.PAGE_SIZE);
        onFx(() -> {
            messages.append(message(PagedMessages.PAGE_SIZE, DeliveryState.QUEUED));
            assertThat(messages.get(PagedMessages.PAGE_SIZE).text()).isEqualTo("text " + PagedMessages.PAGE_SIZE);
        });
        assertThat(loadedFrom).isEmpty();
    }
}
