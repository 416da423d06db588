package org.wakuchat.app.common;

import atlantafx.base.controls.Notification;
import atlantafx.base.theme.Styles;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.kordamp.ikonli.material2.Material2AL;

/** Short confirmations ("Copied") shown at the top of the window and gone after a moment. */
public final class Toaster {

    private final StackPane layer;

    public Toaster(StackPane layer) {
        this.layer = layer;
    }

    public void show(String text) {
        Notification toast = new Notification(text, Icons.icon(Material2AL.CHECK_CIRCLE));
        toast.getStyleClass().addAll(Styles.SUCCESS, Styles.ELEVATED_1);
        toast.setMaxSize(360, 50);
        toast.setMouseTransparent(true);
        toast.getStyleClass().add("toast");
        StackPane.setAlignment(toast, Pos.TOP_CENTER);
        StackPane.setMargin(toast, new Insets(16));
        layer.getChildren().add(toast);
        PauseTransition linger = new PauseTransition(Duration.seconds(2.5));
        linger.setOnFinished(done -> layer.getChildren().remove(toast));
        linger.play();
    }
}
