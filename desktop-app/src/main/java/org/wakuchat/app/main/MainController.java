package org.wakuchat.app.main;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.scene.Parent;
import org.wakuchat.app.chat.ChatController;
import org.wakuchat.app.common.AppServices;
import org.wakuchat.app.common.Controller;
import org.wakuchat.app.conversations.ConversationListController;
import org.wakuchat.app.group.NewGroupController;
import org.wakuchat.app.invite.InviteController;
import org.wakuchat.app.scan.AddContactController;
import org.wakuchat.app.about.AboutController;
import org.wakuchat.app.report.ReliabilityReportController;
import org.wakuchat.app.settings.SettingsController;
import org.wakuchat.app.verify.VerifyController;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.ConversationId;

/** The unlocked app: wires the conversation list, the chat and the dialogs together. */
public final class MainController implements Controller, MainView.Actions {

    private final MainModel model = new MainModel();
    private final MainView view;
    private final ChatEngine engine;
    private final AppServices services;
    private final ConversationListController conversations;
    private final ChatController chat;
    private Controller dialog;

    public MainController(ChatEngine engine, AppServices services) {
        this.engine = engine;
        this.services = services;
        this.conversations = new ConversationListController(engine, services.executor(), services.time(), this::openConversation,
                this::newGroup);
        this.chat = new ChatController(engine, services.executor(), services.time(), services.links(), this::verify,
                this::addMembers);
        this.view = new MainView(model, conversations.view(), chat.view(), this);
        model.unread.bind(conversations.totalUnread());
        model.title.bind(Bindings.createStringBinding(() -> model.unread.get() > 0
                ? "Waku Chat (" + model.unread.get() + ")" : "Waku Chat", model.unread));
        model.accountName.set(engine.account().displayName());
    }

    @Override
    public Parent view() {
        return view.root();
    }

    /** "Waku Chat (3)" with three unread messages. */
    public ReadOnlyStringProperty title() {
        return model.title;
    }

    /** The conversation shown in the chat pane, or null (notifications follow it: notify package). */
    public ReadOnlyObjectProperty<ConversationId> shownConversation() {
        return model.open;
    }

    /** Unread messages in all conversations. */
    public ReadOnlyIntegerProperty unread() {
        return model.unread;
    }

    @Override
    public void onActivate() {
        conversations.onActivate();
        chat.onActivate();
    }

    @Override
    public void onDeactivate() {
        closeDialog();
        conversations.onDeactivate();
        chat.onDeactivate();
    }

    public void openConversation(ConversationId id) {
        closeDialog();
        conversations.select(id);
        chat.open(id);
        model.open.set(id);
    }

    private void verify(ConversationId id) {
        show(new VerifyController(engine, services.executor(), id, this::closeDialog));
    }

    private void show(Controller next) {
        closeDialog();
        dialog = next;
        model.dialog.set(next.view());
        next.onActivate();
    }

    // ---- MainView.Actions

    @Override
    public void newInvite() {
        if (dialog instanceof InviteController) {
            return; // already open (a second click or Ctrl+N while it loads must not stack another)
        }
        show(new InviteController(engine, services.executor(), services.files(), services.toaster(), services.time(),
                this::closeDialog));
    }

    @Override
    public void newGroup() {
        if (dialog instanceof NewGroupController) {
            return;
        }
        show(NewGroupController.create(engine, services.executor(), this::openConversation, this::closeDialog));
    }

    private void addMembers(ConversationId group) {
        services.executor().run(() -> engine.group(group), loaded -> {
            if (!(dialog instanceof NewGroupController)) {
                show(NewGroupController.addTo(engine, services.executor(), loaded, added -> closeDialog(), this::closeDialog));
            }
        }, failure -> { });
    }

    @Override
    public void addContact() {
        if (dialog instanceof AddContactController) {
            return;
        }
        show(new AddContactController(engine, services,
                (Conversation added) -> openConversation(added.id()), this::closeDialog));
    }

    /** Add contact with this invite link filled in and checked (a {@code wakuchat://} link opened by the OS). */
    public void addContact(String inviteLink) {
        addContact();
        if (dialog instanceof AddContactController adding) {
            adding.prefill(inviteLink);
        }
    }

    @Override
    public void settings() {
        show(new SettingsController(services.settings(), engine.sealedSettings(), services.dataFolder(), services.links(),
                this::about, this::reliabilityReport, this::closeDialog));
    }

    /** The reliability panel: whether my messages arrived and how fast (from Settings and the status line). */
    public void reliabilityReport() {
        if (dialog instanceof ReliabilityReportController) {
            return;
        }
        show(new ReliabilityReportController(engine, services.executor(), services.files(), services.time(),
                this::closeDialog));
    }

    private void about() {
        show(new AboutController(this::closeDialog));
    }

    @Override
    public void switcher() {
        show(conversations.switcher(services.time(), this::openConversation));
    }

    @Override
    public void search() {
        closeDialog();
        conversations.focusSearch();
    }

    @Override
    public void closeDialog() {
        if (dialog != null) {
            Controller closing = dialog;
            dialog = null;
            closing.onDeactivate();
            model.dialog.set(null);
            chat.focusComposer();
        }
    }
}
