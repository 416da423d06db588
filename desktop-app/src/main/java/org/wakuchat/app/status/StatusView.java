package org.wakuchat.app.status;

import atlantafx.base.theme.Styles;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.scene.Scene;

/**
 * The always-visible bar at the bottom, one line high: a coloured dot, the headline, the detail,
 * and "How to fix" when the engine has a longer explanation (shown, copyable, in its own window).
 */
final class StatusView {

    private final HBox root = new HBox(8);

    StatusView(StatusModel model, Runnable openReport) {
        Circle dot = new Circle(5);
        Label headline = new Label();
        headline.setId("status-headline");
        headline.getStyleClass().add(Styles.TEXT_BOLD);
        headline.setMinWidth(Label.USE_PREF_SIZE);
        Label detail = new Label();
        detail.setId("status-detail");
        detail.getStyleClass().add(Styles.TEXT_MUTED);
        detail.setWrapText(false);
        detail.setTextOverrun(OverrunStyle.ELLIPSIS);
        detail.setMinWidth(0);
        detail.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(detail, Priority.ALWAYS);
        // The tooltip (a popup window of its own, and Tooltip's class set-up) is made when the
        // pointer first comes over the detail, not before the first window.
        StringProperty tooltipText = new SimpleStringProperty("");
        detail.addEventHandler(MouseEvent.MOUSE_ENTERED, entered -> {
            if (detail.getTooltip() == null) {
                Tooltip tooltip = new Tooltip();
                tooltip.setWrapText(true);
                tooltip.setMaxWidth(420);
                tooltip.textProperty().bind(tooltipText);
                detail.setTooltip(tooltip);
            }
        });
        Hyperlink howToFix = new Hyperlink("How to fix");
        howToFix.setId("status-how-to-fix");
        howToFix.setMinWidth(Hyperlink.USE_PREF_SIZE);
        howToFix.managedProperty().bind(howToFix.visibleProperty());
        howToFix.setOnAction(event -> showExplanation(model.text.get()));

        Hyperlink report = new Hyperlink("Reliability report");
        report.setId("status-report-link");
        report.setMinWidth(Hyperlink.USE_PREF_SIZE);
        report.setTooltip(new Tooltip("Whether your messages arrived, and how fast"));
        report.visibleProperty().bind(model.reportOffered);
        report.managedProperty().bind(report.visibleProperty());
        report.setOnAction(event -> openReport.run());

        model.text.subscribe(text -> {
            headline.setText(text.headline());
            detail.setText(text.detail());
            tooltipText.set(text.detail().isBlank() ? text.headline() : text.detail());
            howToFix.setVisible(!text.explanation().isBlank());
            dot.getStyleClass().setAll("status-dot", "status-" + text.severity().name().toLowerCase(java.util.Locale.ROOT));
        });
        root.getChildren().addAll(dot, headline, detail, howToFix, report);
        root.setAlignment(Pos.CENTER_LEFT);
        root.setPadding(new Insets(6, 12, 6, 12));
        root.setMaxHeight(HBox.USE_PREF_SIZE);
        root.getStyleClass().add("status-bar");
        root.setId("status-bar");
    }

    /** The full explanation in a small window of its own, selectable and with a Copy button. */
    private void showExplanation(StatusText text) {
        TextArea explanation = new TextArea(text.explanation());
        explanation.setId("status-explanation");
        explanation.setEditable(false);
        explanation.setWrapText(true);
        explanation.setPrefColumnCount(60);
        explanation.setPrefRowCount(12);
        VBox.setVgrow(explanation, Priority.ALWAYS);
        Stage window = new Stage();
        Button copy = new Button("Copy");
        copy.setId("status-explanation-copy");
        copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text.explanation());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Button close = new Button("Close");
        close.setDefaultButton(true);
        close.setOnAction(event -> window.close());
        HBox buttons = new HBox(8, copy, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        Label title = new Label(text.headline());
        title.getStyleClass().add(Styles.TITLE_4);
        VBox content = new VBox(12, title, explanation, buttons);
        content.setPadding(new Insets(16));
        if (root.getScene() != null) {
            window.initOwner(root.getScene().getWindow());
            content.setStyle(root.getScene().getRoot().getStyle());
        }
        window.initModality(Modality.NONE);
        window.setTitle("How to fix — Waku Chat");
        window.setScene(new Scene(content));
        window.show();
    }

    HBox root() {
        return root;
    }
}
