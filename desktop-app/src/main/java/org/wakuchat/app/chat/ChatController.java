package org.wakuchat.app.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.FXCollections;
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
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.account.AccountId;
import org.wakuchat.core.group.Group;
import org.wakuchat.core.group.GroupDelivery;
import org.wakuchat.core.group.GroupException;
import org.wakuchat.core.group.GroupHistoryEntry;
import org.wakuchat.core.group.GroupMember;
import org.wakuchat.core.group.GroupRole;

/**
 * The open conversation: pages its messages lazily, follows the engine's events, sends. A group
 * pages the same way through its messages with its history as system lines between them
 * ({@link GroupRows}), shows who confirmed each of my messages, and a member panel for the
 * admins' changes.
 */
public final class ChatController implements Controller, ChatView.Actions {

    private final ChatModel model = new ChatModel();
    private final ChatView view;
    private final ChatEngine engine;
    private final UiExecutor executor;
    private final DesktopLinks links;
    private final Consumer<ConversationId> onVerify;
    private final Consumer<ConversationId> onAddMembers;
    private ChatEngine.Subscription subscription;
    /** The open conversation's rows: its messages, and for a group its system lines too. */
    private PagedMessages messages;
    /** Where the open group's system lines fall between its messages, or null for a 1:1 chat. */
    private GroupRows groupRows;
    private ConversationId opening;

    public ChatController(ChatEngine engine, UiExecutor executor, TimeFormat time, DesktopLinks links,
                          Consumer<ConversationId> onVerify, Consumer<ConversationId> onAddMembers) {
        this.engine = engine;
        this.executor = executor;
        this.links = links;
        this.onVerify = onVerify;
        this.onAddMembers = onAddMembers;
        this.view = new ChatView(model, time, this);
        model.me.set(engine.account().id());
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
        ConversationId current = openId();
        if (current != null) {
            if (current.equals(id)) {
                return;
            }
            model.drafts.put(current, model.draft.get());
        }
        model.draft.set(model.drafts.getOrDefault(id, ""));
        model.newBelow.set(0);
        model.firstUnreadIndex.set(-1);
        model.groupError.set("");
        model.sendError.set("");
        model.confirmingLeave.set(false);
        messages = null;
        groupRows = null;
        opening = id;
        model.messages.set(FXCollections.observableArrayList());
        executor.run(() -> load(id), loaded -> {
            switch (loaded) {
                case Opening one -> show(id, one);
                case GroupOpening group -> showGroup(id, group);
            }
        }, failure -> { });
    }

    public void focusComposer() {
        view.focusComposer();
    }

    private sealed interface Loaded permits Opening, GroupOpening {
    }

    private record Opening(Conversation conversation, int count, List<ChatMessage> head, List<ChatMessage> tail)
            implements Loaded {
    }

    /** {@code head} and {@code tail} as for {@link PagedMessages}; {@code firstUnreadRow} -1 for none. */
    private record GroupOpening(Group group, GroupRows rows, int size, List<ChatMessage> head, List<ChatMessage> tail,
                                int firstUnreadRow, List<GroupHistoryEntry> history,
                                Map<MessageId, GroupDelivery> deliveries) implements Loaded {
    }

    private ConversationId openId() {
        if (model.conversation.get() != null) {
            return model.conversation.get().id();
        }
        return model.group.get() == null ? null : model.group.get().id();
    }

    private Loaded load(ConversationId id) {
        if (engine.groups().stream().anyMatch(g -> g.id().equals(id))) {
            return loadGroup(id);
        }
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

    private GroupOpening loadGroup(ConversationId id) {
        Group group = engine.group(id);
        int count = engine.messageCount(id);
        List<GroupHistoryEntry> history = engine.groupHistory(id);
        GroupRows rows = new GroupRows(id, count, history, (from, limit) -> engine.messages(id, from, limit));
        int size = rows.size();
        // the last two pages of rows, starting on a page boundary as for a 1:1 chat, and further
        // up if the first unread message is not in them
        int page = PagedMessages.PAGE_SIZE;
        int from = Math.max(0, (size == 0 ? 0 : (size - 1) / page * page) - page);
        List<ChatMessage> tail = rows.rows(from, size - from);
        int unread = group.unreadCount();
        int firstUnread = unread > 0 ? firstUnreadRow(tail, unread) : -1;
        while (unread > 0 && firstUnread < 0 && from > 0) {
            int above = Math.max(0, from - page);
            List<ChatMessage> more = new ArrayList<>(rows.rows(above, from - above));
            more.addAll(tail);
            tail = more;
            from = above;
            firstUnread = firstUnreadRow(tail, unread);
        }
        if (firstUnread >= 0) {
            firstUnread += from;
        }
        List<ChatMessage> head = from == 0 ? List.of() : rows.guessHead(page);
        Map<MessageId, GroupDelivery> deliveries = new HashMap<>(deliveries(head));
        deliveries.putAll(deliveries(tail));
        engine.markRead(id);
        return new GroupOpening(group, rows, size, head, tail, firstUnread, history, deliveries);
    }

    /** Who confirmed my messages among these rows; runs off the FX thread. */
    private Map<MessageId, GroupDelivery> deliveries(List<ChatMessage> rows) {
        Map<MessageId, GroupDelivery> deliveries = new HashMap<>();
        for (ChatMessage message : rows) {
            if (message.outgoing()) {
                try {
                    deliveries.put(message.id(), engine.groupDelivery(message.id()));
                } catch (GroupException | IllegalArgumentException unknown) {
                    // not tracked (e.g. sent before the group engine counted confirmations): no "k of n"
                }
            }
        }
        return deliveries;
    }

    /** Reads a page of the open group's rows off the FX thread, with who confirmed my messages in it. */
    private List<ChatMessage> groupPage(GroupRows rows, int from, int limit) {
        List<ChatMessage> page = rows.rows(from, limit);
        Map<MessageId, GroupDelivery> deliveries = deliveries(page);
        boolean headChanged = rows.takeHeadChanged();
        // before the page itself is handed over (both go through the FX queue in order)
        Platform.runLater(() -> {
            if (groupRows != rows) {
                return; // another conversation is open now
            }
            deliveries.forEach(model.groupDeliveries::putIfAbsent);
            if (headChanged) {
                messages.reload(0);
            }
        });
        return page;
    }

    private void show(ConversationId id, Opening loaded) {
        if (!id.equals(opening)) {
            return; // the user moved on while this loaded
        }
        model.group.set(null);
        model.conversation.set(loaded.conversation());
        messages = new PagedMessages(loaded.count(), loaded.head(), loaded.tail(),
                (from, limit) -> engine.messages(id, from, limit), executor);
        int unread = loaded.conversation().unreadCount();
        model.firstUnreadIndex.set(unread > 0 ? loaded.count() - unread : -1);
        model.messages.set(messages);
        updateBanner();
        view.focusComposer();
    }

    private void showGroup(ConversationId id, GroupOpening loaded) {
        if (!id.equals(opening)) {
            return;
        }
        model.conversation.set(null);
        model.systemLines.clear();
        model.groupDeliveries.clear();
        model.groupDeliveries.putAll(loaded.deliveries());
        model.memberNames.clear();
        for (GroupHistoryEntry entry : loaded.history()) {
            rememberNames(entry);
        }
        setGroup(loaded.group());
        for (GroupHistoryEntry entry : loaded.history()) {
            model.systemLines.put(GroupRows.systemRowId(entry), GroupText.systemLine(entry, model.me.get()));
        }
        GroupRows rows = loaded.rows();
        groupRows = rows;
        messages = new PagedMessages(loaded.size(), loaded.head(), loaded.tail(),
                (from, limit) -> groupPage(rows, from, limit), executor);
        model.firstUnreadIndex.set(loaded.firstUnreadRow());
        model.messages.set(messages);
        updateBanner();
        view.focusComposer();
    }

    /** The row of the first of the last {@code unread} incoming messages. */
    private static int firstUnreadRow(List<ChatMessage> rows, int unread) {
        int seen = 0;
        for (int i = rows.size() - 1; i >= 0; i--) {
            ChatMessage row = rows.get(i);
            if (!row.outgoing() && row.sender().isPresent() && ++seen == unread) {
                return i;
            }
        }
        return -1;
    }

    private void setGroup(Group group) {
        for (GroupMember member : group.members()) {
            model.memberNames.put(member.id(), member.me() ? "You" : member.name());
        }
        model.group.set(group);
    }

    private void rememberNames(GroupHistoryEntry entry) {
        model.memberNames.putIfAbsent(entry.author(), entry.authorName());
        for (int i = 0; i < entry.subjects().size() && i < entry.subjectNames().size(); i++) {
            model.memberNames.putIfAbsent(entry.subjects().get(i), entry.subjectNames().get(i));
        }
    }

    /** A history entry that happened while the group is open, as a new last row. */
    private void appendSystemRow(ConversationId group, GroupHistoryEntry entry) {
        if (!groupRows.entryAppended(entry)) {
            return; // read with the rest when the group opened
        }
        model.systemLines.put(GroupRows.systemRowId(entry), GroupText.systemLine(entry, model.me.get()));
        messages.append(GroupRows.systemRow(group, entry));
    }

    private void onEvent(ChatEvent event) {
        Conversation open = model.conversation.get();
        switch (event) {
            case ChatEvent.MessageAdded added when isOpen(added.message().conversation()) -> onMessage(added.message());
            case ChatEvent.DeliveryChanged changed when isOpen(changed.conversation()) -> updateState(changed.message(), changed.state());
            case ChatEvent.ConversationChanged changed when open != null && changed.conversation().id().equals(open.id()) ->
                    model.conversation.set(changed.conversation());
            case ChatEvent.GroupChanged changed when isOpen(changed.group().id()) && groupRows != null -> setGroup(changed.group());
            case ChatEvent.GroupHistoryAdded added when isOpen(added.group()) && groupRows != null -> {
                rememberNames(added.entry());
                appendSystemRow(added.group(), added.entry());
                scrollIfAtBottom(true);
            }
            case ChatEvent.GroupDeliveryChanged changed when isOpen(changed.group()) ->
                    model.groupDeliveries.put(changed.delivery().message(), changed.delivery());
            case ChatEvent.MissingMessages missing -> {
                if (missing.state() == ChatEvent.MissingState.RECOVERED) {
                    model.missing.remove(missing.conversation());
                } else {
                    model.missing.put(missing.conversation(), missing);
                }
                updateBanner();
            }
            case ChatEvent.GroupMissingMessages missing -> {
                String key = missing.group().value() + "/" + missing.sender().value();
                if (missing.state() == ChatEvent.MissingState.RECOVERED) {
                    model.groupMissing.remove(key);
                } else {
                    model.groupMissing.put(key, missing);
                }
                updateBanner();
            }
            default -> { }
        }
    }

    private boolean isOpen(ConversationId id) {
        return id.equals(openId());
    }

    private void updateState(MessageId id, DeliveryState state) {
        if (messages != null) {
            messages.updateState(id, state);
        }
    }

    private void onMessage(ChatMessage message) {
        if (messages == null) {
            return; // the first load will include it
        }
        boolean added = messages.append(message);
        if (groupRows != null) {
            if (!added) {
                return;
            }
            groupRows.messageAppended();
        }
        scrollIfAtBottom(message.outgoing());
        if (!message.outgoing()) {
            ConversationId id = message.conversation();
            executor.run(() -> engine.markRead(id));
        }
    }

    private void scrollIfAtBottom(boolean always) {
        if (always || model.atBottom.get()) {
            model.scrollToEndRequests.set(model.scrollToEndRequests.get() + 1);
        } else {
            model.newBelow.set(model.newBelow.get() + 1);
        }
    }

    private void updateBanner() {
        Group group = model.group.get();
        if (group != null) {
            String prefix = group.id().value() + "/";
            List<ChatEvent.GroupMissingMessages> missing = model.groupMissing.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue).toList();
            if (missing.isEmpty()) {
                model.bannerKind.set(ChatModel.BannerKind.NONE);
                model.bannerText.set("");
                return;
            }
            model.bannerText.set(GroupText.missing(missing, model.memberNames));
            model.bannerKind.set(missing.stream().anyMatch(m -> m.state() == ChatEvent.MissingState.LOST)
                    ? ChatModel.BannerKind.LOST : ChatModel.BannerKind.RECOVERING);
            return;
        }
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
        ConversationId id = openId();
        String text = model.draft.get().strip();
        if (id == null || text.isEmpty()) {
            return;
        }
        model.draft.set("");
        model.sendError.set("");
        executor.run(() -> engine.sendText(id, text), sent -> { }, failure -> {
            model.draft.set(text);
            model.sendError.set(failure instanceof GroupException refused ? refused.getMessage()
                    : "Not sent: " + failure.getMessage());
        });
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

    @Override
    public void toggleMembers() {
        model.membersShown.set(!model.membersShown.get());
    }

    @Override
    public void addMembers() {
        Group group = model.group.get();
        if (group != null) {
            onAddMembers.accept(group.id());
        }
    }

    @Override
    public void removeMember(AccountId member) {
        groupChange(id -> engine.removeFromGroup(id, member));
    }

    @Override
    public void setRole(AccountId member, GroupRole role) {
        groupChange(id -> engine.setGroupRole(id, member, role));
    }

    @Override
    public void rename(String name) {
        groupChange(id -> engine.renameGroup(id, name));
    }

    @Override
    public void leave() {
        if (!model.confirmingLeave.get()) {
            model.confirmingLeave.set(true);
            return;
        }
        model.confirmingLeave.set(false);
        groupChange(engine::leaveGroup);
    }

    @Override
    public void cancelLeave() {
        model.confirmingLeave.set(false);
    }

    /** Runs a change of the open group off the FX thread; a refusal is shown in the member panel. */
    private void groupChange(Consumer<ConversationId> change) {
        Group group = model.group.get();
        if (group == null) {
            return;
        }
        model.groupError.set("");
        ConversationId id = group.id();
        executor.run(() -> {
            change.accept(id);
            return Optional.empty();
        }, done -> { }, failure -> model.groupError.set(failure instanceof GroupException refused
                ? refused.getMessage() : "That did not work: " + failure.getMessage()));
    }
}
