package org.wakuchat.app.settings;

import java.nio.file.Path;
import javafx.beans.property.ObjectProperty;
import javafx.scene.Parent;
import org.wakuchat.app.common.Controller;
import org.wakuchat.app.common.DesktopLinks;
import org.wakuchat.app.common.UiSettings;
import org.wakuchat.core.SealedSettings;

/**
 * Appearance, notifications, network, data folder and the reliability report. Changes apply at once and are saved by the
 * owner of the settings property; network changes apply when the node next starts. The RLN
 * keystore's password goes to the account's sealed settings, never to the settings file.
 */
public final class SettingsController implements Controller {

    private final SettingsView view;

    public SettingsController(ObjectProperty<UiSettings> settings, SealedSettings sealed, Path dataFolder,
                              DesktopLinks desktop, Runnable onAbout, Runnable onReliabilityReport, Runnable onClose) {
        SettingsView.RlnPassword password = new SettingsView.RlnPassword(
                sealed.get(SealedSettings.RLN_KEYSTORE_PASSWORD).isPresent(),
                value -> sealed.put(SealedSettings.RLN_KEYSTORE_PASSWORD, value));
        this.view = new SettingsView(settings, password, dataFolder, desktop, onAbout, onReliabilityReport,
                onClose);
    }

    @Override
    public Parent view() {
        return view.root();
    }
}
