package org.wakuchat.app.status;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.shape.Circle;

/** The always-visible bar at the bottom: a coloured dot, the headline and the detail. */
final class StatusView {

    private final HBox root = new HBox(8);

    StatusView(StatusModel model) {
        Circle dot = new Circle(5);
        Label headline = new Label();
        headline.setId("status-headline");
        headline.getStyleClass().add(Styles.TEXT_BOLD);
        headline.setMinWidth(Label.USE_PREF_SIZE);
        Label detail = new Label();
        detail.setId("status-detail");
        detail.getStyleClass().add(Styles.TEXT_MUTED);
        detail.setWrapText(true);
        HBox.setHgrow(detail, Priority.ALWAYS);
        Tooltip tooltip = new Tooltip();
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(420);
        detail.setTooltip(tooltip);

        model.text.subscribe(text -> {
            headline.setText(text.headline());
            detail.setText(text.detail());
            tooltip.setText(text.detail().isBlank() ? text.headline() : text.detail());
            dot.getStyleClass().setAll("status-dot", "status-" + text.severity().name().toLowerCase(java.util.Locale.ROOT));
        });
        root.getChildren().addAll(dot, headline, detail);
        root.setAlignment(Pos.CENTER_LEFT);
        root.setPadding(new Insets(6, 12, 6, 12));
        root.getStyleClass().add("status-bar");
        root.setId("status-bar");
    }

    HBox root() {
        return root;
    }
}
