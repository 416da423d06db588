package org.wakuchat.app;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.wakuchat.app.common.UiSettings.WindowBounds;

/** Remembers where the window was; restores it only if it would still be on a screen. */
final class WindowPlacement {

    private WindowPlacement() {
    }

    static WindowBounds of(Stage stage) {
        return new WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
    }

    static void restore(Stage stage, WindowBounds bounds) {
        if (bounds == null || bounds.width() < 100 || bounds.height() < 100) {
            return;
        }
        Rectangle2D area = new Rectangle2D(bounds.x(), bounds.y(), bounds.width(), bounds.height());
        boolean visible = Screen.getScreens().stream().anyMatch(screen -> screen.getVisualBounds().intersects(area));
        if (!visible) {
            return;
        }
        stage.setX(bounds.x());
        stage.setY(bounds.y());
        stage.setWidth(bounds.width());
        stage.setHeight(bounds.height());
        stage.setMaximized(bounds.maximized());
    }
}
