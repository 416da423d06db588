package org.wakuchat.app.common;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/** The system's open/save dialogs; a seam so that tests can answer them. */
public interface FileDialogs {

    Optional<Path> openImage(Window owner);

    Optional<Path> savePng(Window owner, String suggestedName);

    /**
     * A save dialog for one kind of file: {@code typeName} ("JSON file") with names ending in
     * {@code extension} ("json", without the dot).
     */
    Optional<Path> saveFile(Window owner, String title, String suggestedName, String typeName, String extension);
}
