package org.wakuchat.app.main;

import atlantafx.base.controls.ModalPane;
import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.material2.Material2MZ;
import org.wakuchat.app.common.Icons;

/** The main window: toolbar, conversations on the left, the open chat on the right, dialogs on top. */
final class MainView {

    interface Actions {
        void newInvite();

        void addContact();

        void newGroup();

        void settings();

        void switcher();

        void search();

        void closeDialog();
    }

    private final StackPane root = new StackPane();

    MainView(MainModel model, Parent conversations, Parent chat, Actions actions) {
        Label brand = new Label("Waku Chat");
        brand.getStyleClass().add(Styles.TITLE_4);
        Label me = new Label();
        me.textProperty().bind(model.accountName);
        me.getStyleClass().add(Styles.TEXT_MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button newChat = button("New chat", Material2MZ.QR_CODE, "Show your invite (Ctrl+N)", actions::newInvite);
        newChat.setId("new-chat-button");
        newChat.getStyleClass().add(Styles.ACCENT);
        Button add = button("Add contact", Material2MZ.PERSON_ADD, "Add someone from their invite", actions::addContact);
        add.setId("add-contact-button");
        Button settings = button(null, Material2MZ.SETTINGS, "Settings", actions::settings);
        settings.setId("settings-button");
        settings.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        HBox toolbar = new HBox(8, brand, me, spacer, newChat, add, settings);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(8, 12, 8, 16));
        toolbar.getStyleClass().add("main-toolbar");

        SplitPane split = new SplitPane(conversations, chat);
        split.setDividerPositions(0.32);
        SplitPane.setResizableWithParent(conversations, false);
        BorderPane layout = new BorderPane(split);
        layout.setTop(toolbar);

        ModalPane modal = new ModalPane();
        modal.setId("modal-pane");
        modal.setPersistent(false);
        // No transitions: the skin makes each animation once, for the first dialog's node, and a
        // late end of a closing animation would hide the next dialog opened meanwhile.
        modal.setInTransitionFactory(null);
        modal.setOutTransitionFactory(null);
        model.dialog.subscribe(dialog -> {
            if (dialog == null) {
                modal.hide(true);
            } else {
                modal.show(dialog);
                dialog.requestFocus();
            }
        });
        modal.displayProperty().addListener((obs, was, shown) -> {
            // the skin hides the pane while it is created: that is no user closing the dialog
            if (!shown && model.dialog.get() != null && modal.getSkin() != null) {
                actions.closeDialog();
            }
        });
        modal.skinProperty().addListener((obs, was, skin) -> {
            if (skin != null && model.dialog.get() != null) {
                // a dialog opened before the first layout: a new skin neither shows the content it
                // was given earlier nor stays displayed, so hand it over again
                modal.setContent(null);
                modal.show(model.dialog.get());
            }
        });
        root.getChildren().addAll(layout, modal);
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, key -> {
            if (key.getCode() == KeyCode.ESCAPE && model.dialog.get() != null) {
                actions.closeDialog();
                key.consume();
            }
        });
        root.sceneProperty().subscribe(scene -> installShortcuts(scene, actions));
    }

    private static void installShortcuts(Scene scene, Actions actions) {
        if (scene == null) {
            return;
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), actions::switcher);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), actions::newInvite);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), actions::search);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.G, KeyCombination.SHORTCUT_DOWN), actions::newGroup);
    }

    private static Button button(String text, org.kordamp.ikonli.Ikon icon, String tip, Runnable action) {
        Button button = new Button(text, Icons.icon(icon));
        button.setTooltip(new Tooltip(tip));
        button.setOnAction(event -> action.run());
        return button;
    }

    StackPane root() {
        return root;
    }
}
