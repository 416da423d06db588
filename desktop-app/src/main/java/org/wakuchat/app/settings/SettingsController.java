package org.wakuchat.app.settings;

import javafx.beans.property.ObjectProperty;
import javafx.scene.Parent;
import org.wakuchat.app.common.Controller;
import org.wakuchat.app.common.DesktopLinks;
import org.wakuchat.app.common.UiSettings;

/**
 * Appearance, notifications, network and data folder. Changes apply at once and are saved by the
 * owner of the settings property.
 */
public final class SettingsController implements Controller {

    private final SettingsView view;

    public SettingsController(ObjectProperty<UiSettings> settings, java.nio.file.Path dataFolder, DesktopLinks desktop,
                              Runnable onAbout, Runnable onClose) {
        this.view = new SettingsView(settings, dataFolder, desktop, onAbout, onClose);
    }

    @Override
    public Parent view() {
        return view.root();
    }
}
