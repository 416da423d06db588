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
import org.wakuchat.app.common.Icons;
import org.wakuchat.app.common.Identicon;
import org.wakuchat.app.common.TimeFormat;
import org.wakuchat.core.Conversation;

/** One row of the conversation list: picture, name, last message, time and unread badge. */
final class ConversationCell extends ListCell<Conversation> {

    private final TimeFormat time;
    private final StackPane picture = new StackPane();
    private final Label name = new Label();
    private final Label verified = new Label(null, Icons.icon(Material2MZ.VERIFIED_USER, 14));
    private final Label when = new Label();
    private final Label preview = new Label();
    private final Label badge = new Label();
    private final HBox row;

    ConversationCell(TimeFormat time) {
        this.time = time;
        name.getStyleClass().add(Styles.TEXT_BOLD);
        name.setMinWidth(40);
        verified.getStyleClass().add(Styles.ACCENT);
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
        HBox top = new HBox(4, name, verified, spacer, when);
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
    protected void updateItem(Conversation conversation, boolean empty) {
        super.updateItem(conversation, empty);
        if (empty || conversation == null) {
            setGraphic(null);
            return;
        }
        picture.getChildren().setAll(Identicon.of(conversation.contactIdentityKey(), 40));
        name.setText(conversation.displayName());
        verified.setVisible(conversation.verified());
        verified.setManaged(conversation.verified());
        when.setText(conversation.lastActivity().map(time::listTime).orElse(""));
        preview.setText(conversation.lastMessagePreview().orElse("No messages yet"));
        int unread = conversation.unreadCount();
        badge.setText(unread > 99 ? "99+" : Integer.toString(unread));
        badge.setVisible(unread > 0);
        badge.setManaged(unread > 0);
        setGraphic(row);
    }
}
