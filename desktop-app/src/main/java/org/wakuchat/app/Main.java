package org.wakuchat.app;

import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Placeholder entry point until the desktop app lands: shows an empty "Waku Chat" window so the
 * packaging smoke test has a window to find. With {@code -Dwakuchat.smokeTest=true} the window
 * closes itself after about a second and the app exits with status 0.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Application.launch(Window.class, args);
    }

    /** The placeholder window. */
    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            stage.setTitle("Waku Chat");
            stage.setScene(new Scene(new Label("Waku Chat"), 480, 320));
            stage.show();
            if (Boolean.getBoolean("wakuchat.smokeTest")) {
                PauseTransition close = new PauseTransition(Duration.seconds(1));
                close.setOnFinished(event -> Platform.exit());
                close.play();
            }
        }
    }
}
