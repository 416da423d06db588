package org.wakuchat.app.common;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2AL;

/** The frame of a modal dialog: title, close button (Esc does the same) and the body. */
public final class DialogFrame {

    private DialogFrame() {
    }

    public static VBox of(String title, Node body, Runnable onClose) {
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_3);
        Button close = new Button(null, Icons.icon(Material2AL.CLOSE));
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        close.setOnAction(event -> onClose.run());
        close.setId("dialog-close");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(heading, spacer, close);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox frame = new VBox(16, top, body);
        frame.setPadding(new Insets(20, 24, 24, 24));
        frame.getStyleClass().add("dialog");
        frame.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        return frame;
    }
}
