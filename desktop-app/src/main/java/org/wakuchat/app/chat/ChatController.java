package org.wakuchat.app.chat;

import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Parent;
import org.wakuchat.app.common.Controller;
import org.wakuchat.app.common.DesktopLinks;
import org.wakuchat.app.common.TimeFormat;
import org.wakuchat.app.common.UiExecutor;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.MessageId;

/** The open conversation: pages its messages lazily, follows the engine's events, sends. */
public final class ChatController implements Controller, ChatView.Actions {

    private final ChatModel model = new ChatModel();
    private final ChatView view;
    private final ChatEngine engine;
    private final UiExecutor executor;
    private final DesktopLinks links;
    private final Consumer<ConversationId> onVerify;
    private ChatEngine.Subscription subscription;
    private PagedMessages messages;
    private ConversationId opening;

    public ChatController(ChatEngine engine, UiExecutor executor, TimeFormat time, DesktopLinks links,
                          Consumer<ConversationId> onVerify) {
        this.engine = engine;
        this.executor = executor;
        this.links = links;
        this.onVerify = onVerify;
        this.view = new ChatView(model, time, this);
    }

    @Override
    public Parent view() {
        return view.root();
    }

    @Override
    public void onActivate() {
        subscription = engine.subscribe(event -> Platform.runLater(() -> onEvent(event)));
        view.warmUpSoon();
    }

    @Override
    public void onDeactivate() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    /** Shows this conversation; the draft of the one shown before is kept for later. */
    public void open(ConversationId id) {
        Conversation current = model.conversation.get();
        if (current != null) {
            if (current.id().equals(id)) {
                return;
            }
            model.drafts.put(current.id(), model.draft.get());
        }
        model.draft.set(model.drafts.getOrDefault(id, ""));
        model.newBelow.set(0);
        model.firstUnreadIndex.set(-1);
        messages = null;
        opening = id;
        model.messages.set(javafx.collections.FXCollections.observableArrayList());
        executor.run(() -> load(id), loaded -> show(id, loaded), failure -> { });
    }

    public void focusComposer() {
        view.focusComposer();
    }

    private record Opening(Conversation conversation, int count, List<ChatMessage> head, List<ChatMessage> tail) {
    }

    private Opening load(ConversationId id) {
        Conversation conversation = engine.conversation(id);
        int count = engine.messageCount(id);
        // the last two pages, starting on a page boundary so that the list can keep them
        int lastPageStart = count == 0 ? 0 : (count - 1) / PagedMessages.PAGE_SIZE * PagedMessages.PAGE_SIZE;
        int from = Math.max(0, lastPageStart - PagedMessages.PAGE_SIZE);
        List<ChatMessage> tail = engine.messages(id, from, count - from);
        List<ChatMessage> head = from == 0 ? List.of() : engine.messages(id, 0, PagedMessages.PAGE_SIZE);
        engine.markRead(id);
        return new Opening(conversation, from + tail.size(), head, tail);
    }

    private void show(ConversationId id, Opening loaded) {
        if (!id.equals(opening)) {
            return; // the user moved on while this loaded
        }
        model.conversation.set(loaded.conversation());
        messages = new PagedMessages(loaded.count(), loaded.head(), loaded.tail(),
                (from, limit) -> engine.messages(id, from, limit), executor);
        int unread = loaded.conversation().unreadCount();
        model.firstUnreadIndex.set(unread > 0 ? loaded.count() - unread : -1);
        model.messages.set(messages);
        updateBanner();
        view.focusComposer();
    }

    private void onEvent(ChatEvent event) {
        Conversation open = model.conversation.get();
        switch (event) {
            case ChatEvent.MessageAdded added when isOpen(added.message().conversation()) -> onMessage(added.message());
            case ChatEvent.DeliveryChanged changed when isOpen(changed.conversation()) && messages != null ->
                    messages.updateState(changed.message(), changed.state());
            case ChatEvent.ConversationChanged changed when open != null && changed.conversation().id().equals(open.id()) ->
                    model.conversation.set(changed.conversation());
            case ChatEvent.MissingMessages missing -> {
                if (missing.state() == ChatEvent.MissingState.RECOVERED) {
                    model.missing.remove(missing.conversation());
                } else {
                    model.missing.put(missing.conversation(), missing);
                }
                updateBanner();
            }
            default -> { }
        }
    }

    private boolean isOpen(ConversationId id) {
        return model.conversation.get() != null && model.conversation.get().id().equals(id);
    }

    private void onMessage(ChatMessage message) {
        if (messages == null) {
            return; // the first load will include it
        }
        messages.append(message);
        if (message.outgoing() || model.atBottom.get()) {
            model.scrollToEndRequests.set(model.scrollToEndRequests.get() + 1);
        } else {
            model.newBelow.set(model.newBelow.get() + 1);
        }
        if (!message.outgoing()) {
            ConversationId id = message.conversation();
            executor.run(() -> engine.markRead(id));
        }
    }

    private void updateBanner() {
        Conversation open = model.conversation.get();
        ChatEvent.MissingMessages missing = open == null ? null : model.missing.get(open.id());
        if (missing == null) {
            model.bannerKind.set(ChatModel.BannerKind.NONE);
            model.bannerText.set("");
            return;
        }
        String what = missing.count() == 1 ? "1 message" : missing.count() + " messages";
        boolean lost = missing.state() == ChatEvent.MissingState.LOST;
        model.bannerText.set(lost
                ? what + " from " + open.displayName() + " could not be recovered. Ask them to send again."
                : what + " from " + open.displayName() + " may be missing — recovering…");
        model.bannerKind.set(lost ? ChatModel.BannerKind.LOST : ChatModel.BannerKind.RECOVERING);
    }

    // ---- ChatView.Actions

    @Override
    public void send() {
        Conversation open = model.conversation.get();
        String text = model.draft.get().strip();
        if (open == null || text.isEmpty()) {
            return;
        }
        model.draft.set("");
        ConversationId id = open.id();
        executor.run(() -> engine.sendText(id, text), sent -> { }, failure -> model.draft.set(text));
    }

    @Override
    public void retry(MessageId id) {
        executor.run(() -> engine.retry(id));
    }

    @Override
    public void verify() {
        if (model.conversation.get() != null) {
            onVerify.accept(model.conversation.get().id());
        }
    }

    @Override
    public void openLink(String url) {
        links.open(url);
    }

    @Override
    public void scrolled(boolean atBottom) {
        model.atBottom.set(atBottom);
        if (atBottom) {
            model.newBelow.set(0);
        }
    }

}
