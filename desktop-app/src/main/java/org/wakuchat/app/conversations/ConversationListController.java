package org.wakuchat.app.conversations;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.scene.Parent;
import org.wakuchat.app.common.Controller;
import org.wakuchat.app.common.TimeFormat;
import org.wakuchat.app.common.UiExecutor;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.ConversationId;

/** The list of conversations on the left, kept current from the engine's events. */
public final class ConversationListController implements Controller {

    private static final Comparator<Conversation> RECENT_FIRST =
            Comparator.comparing((Conversation c) -> c.lastActivity().orElse(Instant.EPOCH)).reversed();

    private final ConversationListModel model = new ConversationListModel();
    private final ConversationListView view;
    private final ChatEngine engine;
    private final UiExecutor executor;
    private ChatEngine.Subscription subscription;

    public ConversationListController(ChatEngine engine, UiExecutor executor, TimeFormat time, Consumer<ConversationId> onOpen) {
        this.engine = engine;
        this.executor = executor;
        this.view = new ConversationListView(model, time, onOpen);
    }

    @Override
    public Parent view() {
        return view.root();
    }

    @Override
    public void onActivate() {
        subscription = engine.subscribe(event -> {
            if (event instanceof ChatEvent.ConversationChanged changed) {
                Platform.runLater(() -> upsert(changed.conversation()));
            }
        });
        executor.run(engine::conversations, this::replaceAll, failure -> { });
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

    /** Conversations as currently listed (most recent first), for the switcher. */
    public List<Conversation> conversations() {
        return List.copyOf(model.conversations);
    }

    public void select(ConversationId id) {
        model.selected.set(id);
    }

    public void focusSearch() {
        view.focusSearch();
    }

    private void replaceAll(List<Conversation> loaded) {
        for (Conversation conversation : loaded) {
            upsert(conversation);
        }
    }

    private void upsert(Conversation conversation) {
        model.reordering.set(true);
        try {
            place(conversation);
        } finally {
            model.reordering.set(false);
        }
        model.totalUnread.set(model.conversations.stream().mapToInt(Conversation::unreadCount).sum());
    }

    private void place(Conversation conversation) {
        model.conversations.removeIf(existing -> existing.id().equals(conversation.id()));
        int at = 0;
        while (at < model.conversations.size() && RECENT_FIRST.compare(model.conversations.get(at), conversation) <= 0) {
            at++;
        }
        model.conversations.add(at, conversation);
    }
}
