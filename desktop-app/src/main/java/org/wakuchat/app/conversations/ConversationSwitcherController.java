package org.wakuchat.app.conversations;

import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import org.wakuchat.app.common.Controller;
import org.wakuchat.app.common.TimeFormat;
import org.wakuchat.core.ConversationId;

/** Ctrl+K: type a few letters, Enter opens the first match. A tiny view, so model and view live here. */
public final class ConversationSwitcherController implements Controller {

    private final VBox root;
    private final TextField query = new TextField();

    ConversationSwitcherController(List<ChatListItem> conversations, TimeFormat time, Consumer<ConversationId> onChoose) {
        FilteredList<ChatListItem> matches = new FilteredList<>(FXCollections.observableArrayList(conversations));
        ListView<ChatListItem> list = new ListView<>(matches);
        list.setId("switcher-list");
        list.setCellFactory(view -> new ConversationCell(time));
        list.setPrefHeight(320);
        query.setId("switcher-query");
        query.setPromptText("Jump to a conversation…");
        query.textProperty().subscribe(text -> {
            matches.setPredicate(c -> c.matches(text));
            list.getSelectionModel().selectFirst();
        });
        Runnable choose = () -> {
            ChatListItem chosen = list.getSelectionModel().getSelectedItem();
            if (chosen != null) {
                onChoose.accept(chosen.id());
            }
        };
        query.setOnKeyPressed(key -> {
            if (key.getCode() == KeyCode.DOWN) {
                list.getSelectionModel().selectNext();
                key.consume();
            } else if (key.getCode() == KeyCode.UP) {
                list.getSelectionModel().selectPrevious();
                key.consume();
            } else if (key.getCode() == KeyCode.ENTER) {
                choose.run();
                key.consume();
            }
        });
        list.setOnMouseClicked(click -> choose.run());
        Label title = new Label("Go to conversation");
        title.getStyleClass().add(Styles.TITLE_4);
        root = new VBox(10, title, query, list);
        root.setPadding(new Insets(16));
        root.setPrefWidth(420);
    }

    @Override
    public Parent view() {
        return root;
    }

    @Override
    public void onActivate() {
        query.requestFocus();
    }
}
