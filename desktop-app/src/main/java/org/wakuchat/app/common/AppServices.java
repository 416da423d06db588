package org.wakuchat.app.common;

import java.nio.file.Path;
import javafx.beans.property.ObjectProperty;
import org.wakuchat.app.camera.CameraSource;

/** What every screen may need from its surroundings, passed down from the composition root. */
public record AppServices(UiExecutor executor, TimeFormat time, FileDialogs files, DesktopLinks links, Toaster toaster,
                          ObjectProperty<UiSettings> settings, Path dataFolder,
                          CameraSource cameras) {
}
