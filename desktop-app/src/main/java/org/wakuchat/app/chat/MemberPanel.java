package org.wakuchat.app.chat;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.wakuchat.app.common.Avatars;
import org.wakuchat.app.common.Icons;
import org.wakuchat.core.group.Group;
import org.wakuchat.core.group.GroupMember;
import org.wakuchat.core.group.GroupRole;

/**
 * The open group's side panel (part of the chat view): its members with the admins marked, and
 * what I may do — an admin adds, removes, renames and makes others admin or not; everyone may leave.
 * Per-member actions are icon buttons on the member's row (with a tooltip saying what they do),
 * so they are all found in one place.
 */
final class MemberPanel {

    private final VBox root = new VBox(10);
    private final VBox rows = new VBox(6);
    private final ChatModel model;
    private final ChatView.Actions actions;
    private final Label title = new Label();
    private final Label status = new Label();
    private final Button add = new Button("Add members", Icons.icon(Material2MZ.PERSON_ADD));
    private final TextField renameField = new TextField();
    private final Button rename = new Button("Rename");
    private final HBox renameRow = new HBox(6, renameField, rename);

    MemberPanel(ChatModel model, ChatView.Actions actions) {
        this.model = model;
        this.actions = actions;
        root.setId("member-panel");
        root.getStyleClass().add("member-panel");
        root.setPadding(new Insets(12));
        root.setPrefWidth(280);
        root.setMinWidth(200);
        title.getStyleClass().add(Styles.TITLE_4);
        title.setId("member-panel-title");
        Button close = new Button(null, Icons.icon(Material2AL.CLOSE));
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        close.setId("member-panel-close");
        close.setOnAction(event -> actions.toggleMembers());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(title, spacer, close);
        top.setAlignment(Pos.CENTER_LEFT);

        status.setId("member-panel-status");
        status.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        status.setWrapText(true);

        add.setId("add-members");
        add.setMaxWidth(Double.MAX_VALUE);
        add.setOnAction(event -> actions.addMembers());
        renameField.setId("rename-field");
        renameField.setPromptText("New name");
        HBox.setHgrow(renameField, Priority.ALWAYS);
        rename.setId("rename-button");
        rename.setMinWidth(Region.USE_PREF_SIZE);
        renameField.setPrefColumnCount(8);
        rename.setOnAction(event -> actions.rename(renameField.getText()));
        renameField.setOnAction(event -> actions.rename(renameField.getText()));

        Button leave = new Button("Leave group", Icons.icon(Material2AL.EXIT_TO_APP));
        leave.setId("leave-group");
        leave.getStyleClass().add(Styles.DANGER);
        leave.setMaxWidth(Double.MAX_VALUE);
        leave.setOnAction(event -> actions.leave());
        Label confirmText = new Label("Leave? You keep what was said so far, and get nothing new.");
        confirmText.setWrapText(true);
        confirmText.getStyleClass().add(Styles.TEXT_SMALL);
        Button confirm = new Button("Leave");
        confirm.setId("confirm-leave");
        confirm.getStyleClass().addAll(Styles.DANGER, Styles.SMALL);
        confirm.setOnAction(event -> actions.leave());
        Button cancel = new Button("Cancel");
        cancel.getStyleClass().add(Styles.SMALL);
        cancel.setOnAction(event -> actions.cancelLeave());
        VBox confirmBox = new VBox(6, confirmText, new HBox(6, confirm, cancel));
        confirmBox.visibleProperty().bind(model.confirmingLeave);
        confirmBox.managedProperty().bind(model.confirmingLeave);
        leave.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !model.confirmingLeave.get() && model.group.get() != null && model.group.get().member(),
                model.confirmingLeave, model.group));
        leave.managedProperty().bind(leave.visibleProperty());

        Label error = new Label();
        error.setId("group-error");
        error.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
        error.setWrapText(true);
        error.textProperty().bind(model.groupError);
        error.visibleProperty().bind(model.groupError.isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        ScrollPane scroll = new ScrollPane(rows);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(atlantafx.base.theme.Tweaks.EDGE_TO_EDGE);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox actionsBox = new VBox(8, add, renameRow, leave, confirmBox);
        root.getChildren().addAll(top, status, scroll, error, new Separator(), actionsBox);

        root.visibleProperty().bind(model.membersShown.and(model.group.isNotNull()));
        root.managedProperty().bind(root.visibleProperty());
        model.group.subscribe(this::show);
        model.group.subscribe((old, now) -> {
            if (now != null && (old == null || !old.id().equals(now.id()) || !old.name().equals(now.name()))) {
                renameField.setText(now.name());
            }
        });
        actionsBox.visibleProperty().bind(model.group.isNotNull());
    }

    private void show(Group group) {
        if (group == null) {
            return;
        }
        title.setText("Members (" + group.members().size() + ")");
        rows.getChildren().clear();
        boolean admin = group.iAmAdmin() && group.member();
        for (GroupMember member : group.members()) {
            rows.getChildren().add(row(member, admin));
        }
        boolean anyAdmin = group.members().stream().anyMatch(GroupMember::admin);
        status.setText(!group.member() ? "You are no longer a member of this group: it stays here, read-only."
                : !anyAdmin ? "No admin is left: the group goes on, but nobody can add or remove members any more."
                : admin ? "You are an admin: you add, remove, rename and choose the admins."
                : "Only admins can add or remove members.");
        showIf(add, admin);
        showIf(renameRow, admin);
    }

    private HBox row(GroupMember member, boolean iAmAdmin) {
        Label name = new Label(member.me() ? member.name() + " (you)" : member.name());
        name.getStyleClass().add("member-name");
        name.setMinWidth(0);
        HBox row = new HBox(8, Avatars.initials(member.name(), 28), name);
        row.getStyleClass().add("member-row");
        row.setAlignment(Pos.CENTER_LEFT);
        if (member.admin()) {
            Label badge = new Label("Admin");
            badge.getStyleClass().addAll("admin-badge", Styles.TEXT_SMALL, Styles.ACCENT);
            badge.setMinWidth(Region.USE_PREF_SIZE); // a long name is cut short, not the badge
            row.getChildren().add(badge);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        row.getChildren().add(spacer);
        HBox buttons = new HBox(0);
        buttons.setMinWidth(Region.USE_PREF_SIZE);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        row.getChildren().add(buttons);
        if (iAmAdmin) {
            // On my own row it is stepping down; the engine refuses it while I am the only admin
            // and says why (shown under the list like any refused change).
            String tip = member.admin()
                    ? (member.me() ? "Remove yourself as admin" : "Remove " + member.name() + " as admin")
                    : "Make " + member.name() + " admin";
            Button role = new Button(null, Icons.icon(member.admin() ? Material2AL.ARROW_DOWNWARD : Material2AL.ARROW_UPWARD));
            role.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, member.admin() ? "demote-member" : "promote-member");
            role.setTooltip(new Tooltip(tip));
            role.setAccessibleText(tip);
            role.setUserData(member.name());
            GroupRole next = member.admin() ? GroupRole.MEMBER : GroupRole.ADMIN;
            role.setOnAction(event -> actions.setRole(member.id(), next));
            buttons.getChildren().add(role);
        }
        if (iAmAdmin && !member.me()) {
            Button remove = new Button(null, Icons.icon(Material2MZ.PERSON_REMOVE));
            remove.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, "remove-member");
            remove.setTooltip(new Tooltip("Remove " + member.name() + " from the group"));
            remove.setAccessibleText("Remove " + member.name() + " from the group");
            remove.setUserData(member.name());
            remove.setOnAction(event -> actions.removeMember(member.id()));
            buttons.getChildren().add(remove);
        } else if (iAmAdmin) {
            // keeps my own role button in the same column as everyone else's
            Button gap = new Button(null, Icons.icon(Material2MZ.PERSON_REMOVE));
            gap.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
            gap.setVisible(false);
            buttons.getChildren().add(gap);
        }
        return row;
    }

    private static void showIf(javafx.scene.Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }

    VBox root() {
        return root;
    }
}
