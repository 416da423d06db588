package org.wakuchat.app.conversations;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.scene.Parent;
import org.wakuchat.app.common.Controller;
import org.wakuchat.app.common.TimeFormat;
import org.wakuchat.app.common.UiExecutor;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ConversationId;

/** The list of conversations on the left, kept current from the engine's events. */
public final class ConversationListController implements Controller {

    private static final Comparator<ChatListItem> RECENT_FIRST =
            Comparator.comparing((ChatListItem c) -> c.lastActivity().orElse(Instant.EPOCH)).reversed();

    private final ConversationListModel model = new ConversationListModel();
    private final ConversationListView view;
    private final ChatEngine engine;
    private final UiExecutor executor;
    private ChatEngine.Subscription subscription;

    public ConversationListController(ChatEngine engine, UiExecutor executor, TimeFormat time, Consumer<ConversationId> onOpen,
                                      Runnable onNewGroup) {
        this.engine = engine;
        this.executor = executor;
        this.view = new ConversationListView(model, time, onOpen, onNewGroup);
    }

    @Override
    public Parent view() {
        return view.root();
    }

    @Override
    public void onActivate() {
        subscription = engine.subscribe(event -> {
            if (event instanceof ChatEvent.ConversationChanged changed) {
                Platform.runLater(() -> upsert(ChatListItem.of(changed.conversation())));
            } else if (event instanceof ChatEvent.GroupChanged changed) {
                Platform.runLater(() -> upsert(ChatListItem.of(changed.group())));
            }
        });
        executor.run(this::loadAll, this::replaceAll, failure -> { });
    }

    @Override
    public void onDeactivate() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    public ReadOnlyIntegerProperty totalUnread() {
        return model.totalUnread;
    }

    /** Ctrl+K over the chats and groups as currently listed (most recent first). */
    public Controller switcher(TimeFormat time, Consumer<ConversationId> onChoose) {
        return new ConversationSwitcherController(List.copyOf(model.conversations), time, onChoose);
    }

    /** The contacts listed, for choosing group members: id and name, most recent first. */
    public List<Map.Entry<ConversationId, String>> contacts() {
        return model.conversations.stream().filter(item -> !item.group())
                .map(item -> Map.entry(item.id(), item.name())).toList();
    }

    public void select(ConversationId id) {
        model.selected.set(id);
    }

    public void focusSearch() {
        view.focusSearch();
    }

    private List<ChatListItem> loadAll() {
        List<ChatListItem> all = new java.util.ArrayList<>();
        engine.conversations().forEach(c -> all.add(ChatListItem.of(c)));
        engine.groups().forEach(g -> all.add(ChatListItem.of(g)));
        return all;
    }

    private void replaceAll(List<ChatListItem> loaded) {
        for (ChatListItem item : loaded) {
            upsert(item);
        }
    }

    private void upsert(ChatListItem conversation) {
        model.reordering.set(true);
        try {
            place(conversation);
        } finally {
            model.reordering.set(false);
        }
        model.totalUnread.set(model.conversations.stream().mapToInt(ChatListItem::unread).sum());
    }

    /** Newest activity first; of equal times, the one that changed last goes first. */
    private void place(ChatListItem conversation) {
        model.conversations.removeIf(existing -> existing.id().equals(conversation.id()));
        int at = 0;
        while (at < model.conversations.size() && RECENT_FIRST.compare(model.conversations.get(at), conversation) < 0) {
            at++;
        }
        model.conversations.add(at, conversation);
    }
}
