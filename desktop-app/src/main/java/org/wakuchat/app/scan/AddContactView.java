package org.wakuchat.app.scan;

import atlantafx.base.controls.Card;
import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.wakuchat.app.camera.CameraDevice;
import org.wakuchat.app.common.DialogFrame;
import org.wakuchat.app.common.Icons;

/** Add a contact from a link, an image file, the clipboard, a dropped image or link. */
final class AddContactView {

    interface Actions {
        void check(String link);

        void openImage();

        void pasteFromClipboard();

        void camera();

        void cancelCamera();

        void dropped(List<Path> files, javafx.scene.image.Image image, String text);

        void accept();

        /** Switches to the invite's network (from the node's next start). */
        void join();

        void close();
    }

    private static final double PREVIEW_WIDTH = 440;
    private static final double PREVIEW_HEIGHT = 248;

    private final VBox root;

    AddContactView(AddContactModel model, Actions actions) {
        TextField link = new TextField();
        link.setId("invite-input");
        link.setPromptText("Paste an invite link (wakuchat://invite/…)");
        link.textProperty().bindBidirectional(model.input);
        link.setOnAction(event -> actions.check(model.input.get()));
        HBox.setHgrow(link, Priority.ALWAYS);
        Button check = new Button("Check");
        check.setId("check-invite");
        check.setOnAction(event -> actions.check(model.input.get()));
        check.disableProperty().bind(model.input.isEmpty().or(model.busy));
        HBox linkRow = new HBox(8, link, check);

        Button open = new Button("Open image…", Icons.icon(Material2AL.IMAGE));
        open.setId("open-image");
        open.setOnAction(event -> actions.openImage());
        Button paste = new Button("Paste", Icons.icon(Material2AL.CONTENT_PASTE));
        paste.setId("paste-image");
        paste.setOnAction(event -> actions.pasteFromClipboard());
        Button camera = new Button("Camera", Icons.icon(Material2MZ.PHOTO_CAMERA));
        camera.setId("camera");
        camera.setOnAction(event -> actions.camera());
        HBox sources = new HBox(8, open, paste, camera);

        Label drop = new Label("…or drop a QR code image or a link here");
        drop.getStyleClass().addAll("drop-zone", Styles.TEXT_MUTED);
        drop.setMaxWidth(Double.MAX_VALUE);
        drop.setAlignment(Pos.CENTER);

        Message feedback = new Message(null, "");
        feedback.setId("add-contact-feedback");
        feedback.descriptionProperty().bind(model.feedbackText);
        feedback.visibleProperty().bind(model.feedback.isNotEqualTo(AddContactModel.Feedback.NONE));
        feedback.managedProperty().bind(feedback.visibleProperty());
        model.feedback.subscribe(kind -> {
            feedback.getStyleClass().removeAll(Styles.DANGER, Styles.ACCENT);
            feedback.getStyleClass().add(kind == AddContactModel.Feedback.ERROR ? Styles.DANGER : Styles.ACCENT);
            feedback.setGraphic(Icons.icon(kind == AddContactModel.Feedback.ERROR ? Material2AL.ERROR_OUTLINE : Material2AL.INFO));
        });

        for (javafx.scene.Node normal : List.of(linkRow, sources, drop)) {
            normal.visibleProperty().bind(model.cameraOn.not());
            normal.managedProperty().bind(normal.visibleProperty());
        }

        VBox body = new VBox(12, linkRow, sources, drop, cameraPanel(model, actions), feedback, previewCard(model, actions));
        body.setPrefWidth(460);
        root = DialogFrame.of("Add contact", body, actions::close);
        root.setId("add-contact-dialog");
        root.setOnDragOver(event -> {
            Dragboard board = event.getDragboard();
            if (board.hasFiles() || board.hasImage() || board.hasString() || board.hasUrl()) {
                event.acceptTransferModes(TransferMode.COPY);
            }
            event.consume();
        });
        root.setOnDragDropped(event -> dropped(event, actions));
    }

    /** Live picture, the camera picker (with more than one camera), what is happening, Cancel. */
    private static VBox cameraPanel(AddContactModel model, Actions actions) {
        ComboBox<CameraDevice> picker = new ComboBox<>(model.cameras);
        picker.setId("camera-picker");
        picker.setMaxWidth(Double.MAX_VALUE);
        picker.valueProperty().bindBidirectional(model.camera);
        picker.setConverter(new StringConverter<>() {
            @Override
            public String toString(CameraDevice device) {
                return device == null ? "" : device.displayName();
            }

            @Override
            public CameraDevice fromString(String name) {
                return null;
            }
        });
        picker.visibleProperty().bind(Bindings.size(model.cameras).greaterThan(1));
        picker.managedProperty().bind(picker.visibleProperty());

        ImageView preview = new ImageView();
        preview.setId("camera-preview");
        preview.imageProperty().bind(model.cameraPreview);
        preview.setPreserveRatio(true);
        preview.setFitWidth(PREVIEW_WIDTH);
        preview.setFitHeight(PREVIEW_HEIGHT);
        StackPane screen = new StackPane(preview);
        screen.getStyleClass().add("camera-preview");
        screen.setPrefSize(PREVIEW_WIDTH, PREVIEW_HEIGHT);
        screen.setMinHeight(PREVIEW_HEIGHT);

        Label status = new Label();
        status.setId("camera-status");
        status.textProperty().bind(model.cameraStatus);
        status.setWrapText(true);
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        Button cancel = new Button("Cancel");
        cancel.setId("camera-cancel");
        cancel.setOnAction(event -> actions.cancelCamera());
        HBox bottom = new HBox(8, status, cancel);
        bottom.setAlignment(Pos.CENTER_LEFT);

        VBox panel = new VBox(8, picker, screen, bottom);
        panel.setId("camera-panel");
        panel.visibleProperty().bind(model.cameraOn);
        panel.managedProperty().bind(panel.visibleProperty());
        return panel;
    }

    private static Card previewCard(AddContactModel model, Actions actions) {
        Label question = new Label();
        question.setId("invite-preview");
        question.getStyleClass().add(Styles.TITLE_4);
        question.textProperty().bind(Bindings.createStringBinding(() -> model.preview.get() == null ? ""
                : "Start a chat with " + model.preview.get().displayName() + "?", model.preview));
        Label hint = new Label("They will see your name and can reply at once. Compare safety numbers later to be sure it is them.");
        hint.setWrapText(true);
        hint.setPrefWidth(420);
        wrappedHeight(hint, 420);
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        Button start = new Button("Start chat", Icons.icon(Material2AL.CHAT));
        start.setId("accept-invite");
        start.setDefaultButton(true);
        start.getStyleClass().add(Styles.ACCENT);
        start.disableProperty().bind(model.busy);
        start.setOnAction(event -> actions.accept());
        Label network = new Label();
        network.setId("invite-network-note");
        network.setWrapText(true);
        network.setPrefWidth(420);
        wrappedHeight(network, 420);
        network.getStyleClass().add(Styles.WARNING);
        network.textProperty().bind(model.networkNote);
        network.visibleProperty().bind(model.networkNote.isNotEmpty());
        network.managedProperty().bind(network.visibleProperty());
        Button join = new Button();
        join.setId("join-network");
        join.textProperty().bind(model.joinLabel);
        join.visibleProperty().bind(model.joinLabel.isNotEmpty());
        join.managedProperty().bind(join.visibleProperty());
        join.disableProperty().bind(model.busy);
        join.setOnAction(event -> actions.join());
        Card card = new Card();
        card.setHeader(question);
        HBox buttons = new HBox(8, start, join);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.setPadding(new javafx.geometry.Insets(4, 0, 0, 0));
        // All in the body: the card's skin leaves the footer's height out of its own (it was cut off).
        VBox body = new VBox(8, hint, network, buttons);
        body.setMinHeight(Region.USE_PREF_SIZE);
        card.setBody(body);
        card.visibleProperty().bind(model.preview.isNotNull());
        card.managedProperty().bind(card.visibleProperty());
        return card;
    }

    /**
     * The label's height wrapped at {@code width}, as its minimum: the dialog sizes itself from
     * its content's preferred height before the width is known, and took the text for one line
     * (the last lines and the buttons under them were cut off).
     */
    private static void wrappedHeight(Label label, double width) {
        label.minHeightProperty().bind(Bindings.createDoubleBinding(() -> {
            javafx.scene.text.Text text = new javafx.scene.text.Text(label.getText());
            text.setFont(label.getFont());
            text.setWrappingWidth(width);
            return Math.ceil(text.getLayoutBounds().getHeight()) + 2;
        }, label.textProperty(), label.fontProperty()));
    }

    private static void dropped(DragEvent event, Actions actions) {
        Dragboard board = event.getDragboard();
        List<Path> files = board.hasFiles() ? board.getFiles().stream().map(java.io.File::toPath).toList() : List.of();
        String text = board.hasUrl() ? board.getUrl() : board.hasString() ? board.getString() : null;
        actions.dropped(files, board.hasImage() ? board.getImage() : null, text);
        event.setDropCompleted(true);
        event.consume();
    }

    VBox root() {
        return root;
    }
}
