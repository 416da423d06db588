package org.wakuchat.app.chat;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextArea;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import org.wakuchat.app.common.Avatars;
import org.wakuchat.app.common.Icons;
import org.wakuchat.core.account.AccountId;
import org.wakuchat.core.group.GroupMember;
import org.wakuchat.core.group.GroupRole;
import org.wakuchat.app.common.Identicon;
import org.wakuchat.app.common.TimeFormat;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.MessageId;

/** The open conversation: header, missing-messages banner, the virtualized message list, composer. */
final class ChatView {

    /** What the user does here, forwarded to the controller. */
    interface Actions {
        void send();

        void retry(MessageId id);

        void verify();

        void openLink(String url);

        void scrolled(boolean atBottom);

        void toggleMembers();

        void addMembers();

        void removeMember(AccountId member);

        void setRole(AccountId member, GroupRole role);

        void rename(String name);

        void leave();

        void cancelLeave();
    }

    private final StackPane root = new StackPane();
    private final ChatModel model;
    private final ListView<ChatMessage> list = new ListView<>();
    private final TextSelection textSelection = new TextSelection();
    private final TextArea composer = new TextArea();
    private final Actions actions;
    private final TimeFormat time;

    ChatView(ChatModel model, TimeFormat time, Actions actions) {
        this.model = model;
        this.actions = actions;
        this.time = time;
        BorderPane chat = new BorderPane();
        chat.setTop(new VBox(header(actions), banner()));
        chat.setCenter(messageArea(time, actions));
        chat.setBottom(composer(actions));
        chat.setRight(new MemberPanel(model, actions).root());
        chat.visibleProperty().bind(model.conversation.isNotNull().or(model.group.isNotNull()));

        Label empty = new Label("Choose a conversation, or start a new chat with Ctrl+N.");
        empty.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TITLE_4);
        empty.visibleProperty().bind(chat.visibleProperty().not());
        root.getChildren().addAll(empty, chat);
        root.getStyleClass().add("chat-pane");

        model.scrollToEndRequests.addListener((obs, old, now) -> scrollToEnd());
        // an invalidation listener: a change listener compares lists with equals(), so swapping the
        // empty placeholder for an empty conversation's paged list would go unnoticed
        model.messages.addListener((javafx.beans.Observable changed) -> {
            list.setItems(model.messages.get());
            scrollToEnd();
        });
        list.setItems(model.messages.get());
    }

    private HBox header(Actions actions) {
        StackPane picture = new StackPane();
        picture.setMinSize(36, 36);
        Label name = new Label();
        name.setId("chat-title");
        name.getStyleClass().add(Styles.TITLE_4);
        Label verified = new Label("Verified", Icons.icon(Material2MZ.VERIFIED_USER));
        verified.getStyleClass().addAll(Styles.SUCCESS, Styles.TEXT_SMALL);
        Button verify = new Button("Verify", Icons.icon(Material2MZ.VERIFIED_USER));
        verify.setId("verify-button");
        verify.getStyleClass().add(Styles.FLAT);
        verify.setOnAction(event -> actions.verify());
        HBox memberFaces = new HBox(-6);
        memberFaces.setId("group-member-avatars");
        memberFaces.setAlignment(Pos.CENTER_LEFT);
        Button members = new Button(null, Icons.icon(Material2AL.GROUP));
        members.setId("group-members-button");
        members.getStyleClass().add(Styles.FLAT);
        members.setOnAction(event -> actions.toggleMembers());
        model.conversation.subscribe(conversation -> {
            if (conversation == null) {
                return;
            }
            picture.getChildren().setAll(Identicon.of(conversation.contactIdentityKey(), 36));
            name.setText(conversation.displayName());
            verified.setVisible(conversation.verified());
            verified.setManaged(true);
            verify.setText(conversation.verified() ? "Safety number" : "Verify");
            showIf(verify, true);
            showIf(members, false);
            showIf(memberFaces, false);
        });
        model.group.subscribe(group -> {
            if (group == null) {
                return;
            }
            List<String> others = group.members().stream().filter(m -> !m.me()).map(GroupMember::name).toList();
            picture.getChildren().setAll(Avatars.group(others, 36));
            name.setText(group.name());
            showIf(verified, false);
            showIf(verify, false);
            memberFaces.getChildren().clear();
            for (GroupMember member : group.members().stream().limit(8).toList()) {
                Node face = Avatars.initials(member.name(), 24);
                Tooltip.install(face, new Tooltip(member.name() + (member.admin() ? " (admin)" : "") + (member.me() ? " — you" : "")));
                memberFaces.getChildren().add(face);
            }
            showIf(memberFaces, true);
            members.setText(group.member() ? group.members().size() + " members" : "Left");
            showIf(members, true);
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, picture, name, verified, memberFaces, spacer, verify, members);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(8, 12, 8, 12));
        header.getStyleClass().add("chat-header");
        return header;
    }

    private Message banner() {
        Message banner = new Message(null, "", Icons.icon(Material2AL.HOURGLASS_EMPTY));
        banner.setId("missing-banner");
        banner.descriptionProperty().bind(model.bannerText);
        banner.visibleProperty().bind(model.bannerKind.isNotEqualTo(ChatModel.BannerKind.NONE));
        banner.managedProperty().bind(banner.visibleProperty());
        model.bannerKind.subscribe(kind -> {
            banner.getStyleClass().removeAll(Styles.WARNING, Styles.DANGER);
            banner.getStyleClass().add(kind == ChatModel.BannerKind.LOST ? Styles.DANGER : Styles.WARNING);
            banner.setGraphic(Icons.icon(kind == ChatModel.BannerKind.LOST ? Material2AL.ERROR_OUTLINE : Material2AL.HOURGLASS_EMPTY));
        });
        VBox.setMargin(banner, new Insets(0, 12, 8, 12));
        return banner;
    }

    private StackPane messageArea(TimeFormat time, Actions actions) {
        list.setId("message-list");
        list.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, "message-list");
        list.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        list.setCellFactory(view -> new MessageCell(model, time, actions::openLink, actions::retry, textSelection,
                list.widthProperty().multiply(0.72)));
        // pressing in a bubble selects text, not the row: the list takes the focus so that Ctrl+C reaches it
        list.addEventFilter(MouseEvent.MOUSE_PRESSED, press -> list.requestFocus());
        list.getSelectionModel().selectedItemProperty().subscribe(row -> {
            if (row != null) {
                textSelection.clear(); // the keyboard chose a whole message
            }
        });
        list.setOnKeyPressed(key -> {
            if (!new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(key)) {
                return;
            }
            ChatMessage selected = list.getSelectionModel().getSelectedItem();
            textSelection.selected().or(() -> java.util.Optional.ofNullable(selected).map(ChatMessage::text))
                    .ifPresent(MessageCell::copyToClipboard);
            key.consume();
        });
        list.skinProperty().subscribe(skin -> {
            if (skin != null) {
                Platform.runLater(this::watchScrolling);
            }
        });

        Button newBelow = new Button();
        newBelow.setId("new-messages-badge");
        newBelow.getStyleClass().addAll(Styles.ACCENT, Styles.ROUNDED, Styles.SMALL);
        newBelow.setGraphic(Icons.icon(Material2AL.ARROW_DOWNWARD));
        newBelow.textProperty().bind(Bindings.createStringBinding(() -> model.newBelow.get() == 1
                ? "1 new message" : model.newBelow.get() + " new messages", model.newBelow));
        newBelow.visibleProperty().bind(model.newBelow.greaterThan(0));
        newBelow.setOnAction(event -> scrollToEnd());
        StackPane.setAlignment(newBelow, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(newBelow, new Insets(12, 24, 12, 12));
        return new StackPane(list, newBelow);
    }

    private VBox composer(Actions actions) {
        composer.setId("composer");
        composer.setPromptText("Write a message — Enter sends, Shift+Enter for a new line");
        composer.setWrapText(true);
        composer.setPrefRowCount(2);
        composer.textProperty().bindBidirectional(model.draft);
        // a group I left or was removed from stays readable; nothing can be sent to it
        model.group.subscribe(group -> {
            boolean gone = group != null && !group.member();
            composer.setDisable(gone);
            composer.setPromptText(gone ? "You are no longer a member of this group."
                    : "Write a message — Enter sends, Shift+Enter for a new line");
        });
        composer.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, key -> {
            if (key.getCode() != KeyCode.ENTER) {
                return;
            }
            key.consume();
            if (key.isShiftDown()) {
                composer.insertText(composer.getCaretPosition(), "\n");
            } else {
                actions.send();
            }
        });
        HBox.setHgrow(composer, Priority.ALWAYS);
        Button send = new Button(null, Icons.icon(Material2MZ.SEND));
        send.setId("send-button");
        send.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.ACCENT);
        send.setOnAction(event -> actions.send());
        send.disableProperty().bind(Bindings.createBooleanBinding(() -> model.draft.get().isBlank(), model.draft));
        Label error = new Label();
        error.setId("send-error");
        error.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
        error.setWrapText(true);
        error.textProperty().bind(model.sendError);
        error.visibleProperty().bind(model.sendError.isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        HBox row = new HBox(8, composer, send);
        row.setAlignment(Pos.BOTTOM_CENTER);
        VBox box = new VBox(4, error, row);
        box.setPadding(new Insets(8, 12, 12, 12));
        box.getStyleClass().add("composer");
        return box;
    }

    private static void showIf(Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }

    private void watchScrolling() {
        if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            flow.positionProperty().addListener((obs, old, now) -> reportScroll(flow));
        }
    }

    private void reportScroll(VirtualFlow<?> flow) {
        IndexedCell<?> last = flow.getLastVisibleCell();
        int size = list.getItems().size();
        actions.scrolled(size == 0 || last == null || last.getIndex() >= size - 1);
    }

    void scrollToEnd() {
        int size = list.getItems().size();
        if (size > 0) {
            list.scrollTo(size - 1);
            actions.scrolled(true);
        }
    }

    /** Shortly after the window shows: see {@link CellWarmUp}. */
    void warmUpSoon() {
        var pause = new javafx.animation.PauseTransition(javafx.util.Duration.millis(200));
        pause.setOnFinished(done -> {
            if (root.getScene() != null && model.conversation.get() == null) {
                CellWarmUp.run(root.getScene(), time);
            }
        });
        pause.play();
    }

    StackPane root() {
        return root;
    }

    void focusComposer() {
        composer.requestFocus();
        composer.positionCaret(composer.getLength());
    }
}
