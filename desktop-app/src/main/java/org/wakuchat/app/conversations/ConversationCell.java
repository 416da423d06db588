package org.wakuchat.app.conversations;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2MZ;
import org.wakuchat.app.common.Avatars;
import org.wakuchat.app.common.Icons;
import org.wakuchat.app.common.Identicon;
import org.wakuchat.app.common.TimeFormat;

/** One row of the conversation list: picture, name, last message, time and unread badge; for a group its members' initials. */
final class ConversationCell extends ListCell<ChatListItem> {

    private final TimeFormat time;
    private final StackPane picture = new StackPane();
    private final Label name = new Label();
    private final Label verified = new Label(null, Icons.icon(Material2MZ.VERIFIED_USER, 14));
    private final Label groupMark = new Label(null, Icons.icon(org.kordamp.ikonli.material2.Material2AL.GROUP, 14));
    private final Label when = new Label();
    private final Label preview = new Label();
    private final Label badge = new Label();
    private final HBox row;

    ConversationCell(TimeFormat time) {
        this.time = time;
        name.getStyleClass().add(Styles.TEXT_BOLD);
        name.setMinWidth(40);
        verified.getStyleClass().add(Styles.ACCENT);
        groupMark.getStyleClass().addAll(Styles.TEXT_MUTED, "group-mark");
        when.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        when.setMinWidth(Region.USE_PREF_SIZE);
        preview.getStyleClass().add(Styles.TEXT_MUTED);
        preview.setMinWidth(40);
        badge.getStyleClass().add("unread-badge");
        badge.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Region spacer2 = new Region();
        HBox.setHgrow(spacer2, Priority.ALWAYS);
        HBox top = new HBox(4, groupMark, name, verified, spacer, when);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox bottom = new HBox(6, preview, spacer2, badge);
        bottom.setAlignment(Pos.CENTER_LEFT);
        VBox text = new VBox(2, top, bottom);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMinWidth(0);
        picture.setMinSize(40, 40);
        row = new HBox(10, picture, text);
        row.setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("conversation-cell");
        setPrefWidth(0); // the list's width decides; long previews end in an ellipsis
    }

    @Override
    protected void updateItem(ChatListItem item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        picture.getChildren().setAll(item.group() ? Avatars.group(item.otherNames(), 40) : Identicon.of(item.identityKey(), 40));
        name.setText(item.name());
        groupMark.setVisible(item.group());
        groupMark.setManaged(item.group());
        verified.setVisible(item.verified());
        verified.setManaged(item.verified());
        when.setText(item.lastActivity().map(time::listTime).orElse(""));
        preview.setText(item.preview().orElse(item.group() ? item.otherNames().size() + 1 + " members" : "No messages yet"));
        int unread = item.unread();
        badge.setText(unread > 99 ? "99+" : Integer.toString(unread));
        badge.setVisible(unread > 0);
        badge.setManaged(unread > 0);
        setGraphic(row);
    }
}
