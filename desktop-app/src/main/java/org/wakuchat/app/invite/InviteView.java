package org.wakuchat.app.invite;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.wakuchat.app.common.DialogFrame;
import org.wakuchat.app.common.Icons;

/** My invite: a large QR code, the link with Copy, Save as PNG, expiry. */
final class InviteView {

    interface Actions {
        void copy();

        void savePng();

        /** A new invite; with {@code revokeOlder}, the earlier ones stop working at once. */
        void rotate(boolean revokeOlder);

        void close();
    }

    private final VBox root;

    InviteView(InviteModel model, Actions actions) {
        Label intro = new Label("Let your contact scan this code, or send them the link by any means you trust. "
                + "They can add you even when you are offline.");
        intro.setWrapText(true);
        intro.setMaxWidth(420);
        intro.getStyleClass().add(Styles.TEXT_MUTED);

        ImageView qr = new ImageView();
        qr.setId("invite-qr");
        qr.imageProperty().bind(model.qr);
        qr.setFitWidth(280);
        qr.setFitHeight(280);
        qr.setSmooth(false);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.visibleProperty().bind(model.busy);
        StackPane qrBox = new StackPane(spinner, qr);
        qrBox.getStyleClass().add("qr-frame");
        qrBox.setMinSize(296, 296);
        qrBox.setMaxSize(296, 296);

        TextField link = new TextField();
        link.setId("invite-link");
        link.setEditable(false);
        link.textProperty().bind(model.link);
        HBox.setHgrow(link, Priority.ALWAYS);
        Button copy = new Button("Copy", Icons.icon(Material2AL.CONTENT_COPY));
        copy.setId("copy-invite");
        copy.getStyleClass().add(Styles.ACCENT);
        copy.setOnAction(event -> actions.copy());
        copy.disableProperty().bind(model.link.isEmpty());
        HBox linkRow = new HBox(8, link, copy);

        Label expiry = new Label();
        expiry.setId("invite-expiry");
        expiry.textProperty().bind(model.expiry);
        expiry.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);

        Button save = new Button("Save QR as PNG", Icons.icon(Material2MZ.SAVE));
        save.setId("save-qr");
        save.setOnAction(event -> actions.savePng());
        save.disableProperty().bind(model.matrix.isNull());
        Button rotate = new Button("New invite", Icons.icon(Material2MZ.REFRESH));
        rotate.setId("rotate-invite");
        rotate.getStyleClass().add(Styles.FLAT);
        CheckBox revoke = new CheckBox("and revoke my older invites");
        revoke.setId("revoke-older-invites");
        revoke.getStyleClass().add(Styles.TEXT_SMALL);
        revoke.setTooltip(new javafx.scene.control.Tooltip("Invites you gave out before stop working at once: nobody"
                + " can start a chat with them any more, and first messages sent with them that have not reached"
                + " you yet are lost. Without this, older invites work until they expire."));
        rotate.setOnAction(event -> actions.rotate(revoke.isSelected()));
        // The revoke choice gets a line of its own: beside the buttons it squeezed their labels to "New i…".
        save.setMinWidth(Region.USE_PREF_SIZE);
        rotate.setMinWidth(Region.USE_PREF_SIZE);
        HBox buttonRow = new HBox(8, save, rotate);
        buttonRow.setAlignment(Pos.CENTER_LEFT);
        VBox buttons = new VBox(6, buttonRow, revoke);
        buttons.setAlignment(Pos.CENTER_LEFT);

        Message error = new Message(null, "", Icons.icon(Material2AL.ERROR_OUTLINE));
        error.getStyleClass().add(Styles.DANGER);
        error.descriptionProperty().bind(model.error);
        error.visibleProperty().bind(model.error.isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        VBox body = new VBox(12, intro, qrBox, linkRow, expiry, buttons, error);
        body.setAlignment(Pos.TOP_CENTER);
        body.setPrefWidth(440);
        root = DialogFrame.of("New chat — your invite", body, actions::close);
        root.setId("invite-dialog");
    }

    VBox root() {
        return root;
    }
}
