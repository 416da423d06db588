package org.wakuchat.app.group;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.collections.SetChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2AL;
import org.wakuchat.app.common.Avatars;
import org.wakuchat.app.common.DialogFrame;
import org.wakuchat.app.common.Icons;
import org.wakuchat.core.group.Group;

/** "New group": a name and a checkbox per contact; "Add members" is the same without the name. */
final class NewGroupView {

    interface Actions {
        void submit();

        void close();
    }

    private final VBox root;
    private final TextField name = new TextField();

    NewGroupView(NewGroupModel model, Actions actions) {
        Label intro = new Label();
        intro.setWrapText(true);
        intro.setMaxWidth(440);
        intro.getStyleClass().add(Styles.TEXT_MUTED);
        intro.textProperty().bind(Bindings.createStringBinding(() -> model.creating.get()
                ? "Everyone you pick sees every message from now on. You are the group's first admin: admins add and remove members, and can make others admin."
                : "They read what is sent from now on, never earlier messages.", model.creating));

        name.setId("group-name");
        name.setPromptText("Group name");
        name.textProperty().bindBidirectional(model.name);
        name.visibleProperty().bind(model.creating);
        name.managedProperty().bind(model.creating);
        name.setOnAction(event -> actions.submit());

        Label pick = new Label("Members");
        pick.getStyleClass().add(Styles.TEXT_BOLD);
        VBox boxes = new VBox(6);
        boxes.setId("group-contacts");
        ScrollPane scroll = new ScrollPane(boxes);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(180);
        scroll.setPrefViewportWidth(380);
        Label none = new Label("No contacts yet: a group is made from people you already chat with.");
        none.setId("group-no-contacts");
        none.setWrapText(true);
        none.getStyleClass().add(Styles.TEXT_MUTED);
        none.visibleProperty().bind(model.loaded.and(Bindings.isEmpty(model.choices)));
        none.managedProperty().bind(none.visibleProperty());
        model.choices.subscribe(() -> {
            boxes.getChildren().clear();
            for (NewGroupModel.Choice choice : model.choices) {
                CheckBox box = new CheckBox(choice.name());
                box.getStyleClass().add("group-contact");
                box.setUserData(choice.id());
                box.setGraphic(Avatars.initials(choice.name(), 24));
                box.setSelected(model.chosen.contains(choice.id()));
                box.selectedProperty().addListener((obs, was, now) -> {
                    if (now) {
                        model.chosen.add(choice.id());
                    } else {
                        model.chosen.remove(choice.id());
                    }
                });
                HBox row = new HBox(8, box);
                row.setAlignment(Pos.CENTER_LEFT);
                if (!choice.hint().isEmpty()) {
                    Label hint = new Label(choice.hint());
                    hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
                    row.getChildren().add(hint);
                }
                boxes.getChildren().add(row);
            }
        });

        Label count = new Label();
        count.setId("group-count");
        count.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        model.chosen.addListener((SetChangeListener<Object>) change -> count.setText(countText(model)));
        model.creating.subscribe(creating -> count.setText(countText(model)));

        Message error = new Message(null, "", Icons.icon(Material2AL.ERROR_OUTLINE));
        error.setId("group-dialog-error");
        error.getStyleClass().add(Styles.DANGER);
        error.descriptionProperty().bind(model.error);
        error.visibleProperty().bind(model.error.isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setMaxWidth(Double.MAX_VALUE);

        Button submit = new Button();
        submit.setId("create-group");
        submit.getStyleClass().add(Styles.ACCENT);
        submit.setDefaultButton(true);
        submit.textProperty().bind(Bindings.createStringBinding(() -> model.creating.get() ? "Create group" : "Add",
                model.creating));
        submit.disableProperty().bind(model.busy.or(Bindings.isEmpty(model.chosen)));
        submit.setOnAction(event -> actions.submit());
        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(event -> actions.close());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        cancel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        submit.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        count.setMinWidth(0);
        HBox buttons = new HBox(8, count, spacer, cancel, submit);
        buttons.setAlignment(Pos.CENTER_LEFT);

        VBox body = new VBox(12, intro, name, pick, none, scroll, error, buttons);
        body.setPrefWidth(440);
        String title = model.creating.get() ? "New group" : "Add members to " + model.groupName.get();
        root = DialogFrame.of(title, body, actions::close);
        root.setId("new-group-dialog");
    }

    private static String countText(NewGroupModel model) {
        int members = model.chosen.size() + 1;
        return members + " of at most " + Group.MAX_MEMBERS + " members";
    }

    VBox root() {
        return root;
    }

    void focus() {
        name.requestFocus();
    }
}
