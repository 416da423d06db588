package org.wakuchat.app.conversations;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.wakuchat.app.common.Icons;
import org.wakuchat.app.common.TimeFormat;
import org.wakuchat.core.ConversationId;

final class ConversationListView {

    private final VBox root = new VBox();
    private final CustomTextField search = new CustomTextField();
    private final ListView<ChatListItem> list;

    ConversationListView(ConversationListModel model, TimeFormat time, Consumer<ConversationId> onOpen, Runnable onNewGroup) {
        search.setId("conversation-search");
        search.setPromptText("Search  (Ctrl+F)");
        search.setLeft(Icons.icon(Material2MZ.SEARCH));
        search.textProperty().bindBidirectional(model.search);
        HBox.setHgrow(search, Priority.ALWAYS);
        Button newGroup = new Button(null, Icons.icon(Material2AL.GROUP_ADD));
        newGroup.setId("new-group-button");
        newGroup.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        newGroup.setTooltip(new Tooltip("New group (Ctrl+G)"));
        newGroup.setOnAction(event -> onNewGroup.run());
        HBox top = new HBox(6, search, newGroup);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox.setMargin(top, new Insets(10));

        list = new ListView<>(model.filtered);
        list.setId("conversation-list");
        list.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        list.setCellFactory(view -> new ConversationCell(time));
        Label empty = new Label("No chats yet.\nUse “New chat” to invite someone.");
        empty.setId("conversation-list-empty");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.setWrapText(true);
        list.setPlaceholder(empty);
        VBox.setVgrow(list, Priority.ALWAYS);
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, chosen) -> {
            if (!model.reordering.get() && chosen != null && !chosen.id().equals(model.selected.get())) {
                onOpen.accept(chosen.id());
            }
        });
        model.selected.subscribe(this::showSelected);
        model.reordering.addListener((obs, was, now) -> {
            if (!now) {
                showSelected(model.selected.get());
            }
        });

        root.getChildren().addAll(top, list);
        root.getStyleClass().add("conversation-pane");
        root.setMinWidth(240);
    }

    private void showSelected(ConversationId id) {
        if (id == null) {
            list.getSelectionModel().clearSelection();
            return;
        }
        for (int i = 0; i < list.getItems().size(); i++) {
            if (list.getItems().get(i).id().equals(id)) {
                if (list.getSelectionModel().getSelectedIndex() != i) {
                    list.getSelectionModel().select(i);
                }
                return;
            }
        }
    }

    VBox root() {
        return root;
    }

    void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }
}
