package org.wakuchat.app.about;

import atlantafx.base.theme.Styles;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import org.wakuchat.app.common.DialogFrame;

final class AboutView {

    private final VBox root;

    AboutView(AboutInfo model, Runnable onClose) {
        Label name = new Label("Waku Chat " + model.appVersion());
        name.getStyleClass().add(Styles.TITLE_4);
        Label built = new Label("Java " + model.javaVersion() + " · JavaFX " + model.javafxVersion()
                + " · for nwaku " + model.nwakuVersion());
        built.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        Label licences = new Label("Open-source licences");
        licences.getStyleClass().addAll(Styles.TEXT_BOLD, Styles.ACCENT);
        TextArea notices = new TextArea(model.notices());
        notices.setId("third-party-notices");
        notices.setEditable(false);
        notices.setWrapText(true);
        notices.setPrefRowCount(18);
        notices.setPrefColumnCount(70);
        notices.getStyleClass().add("monospace");
        VBox body = new VBox(8, name, built, licences, notices);
        body.setPrefWidth(620);
        root = DialogFrame.of("About Waku Chat", body, onClose);
        root.setId("about-dialog");
    }

    VBox root() {
        return root;
    }
}
