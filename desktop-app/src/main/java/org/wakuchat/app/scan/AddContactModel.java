package org.wakuchat.app.scan;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;
import org.wakuchat.app.camera.CameraDevice;
import org.wakuchat.core.invite.InvitePreview;

final class AddContactModel {

    enum Feedback { NONE, INFO, ERROR }

    final StringProperty input = new SimpleStringProperty("");
    final ObjectProperty<Feedback> feedback = new SimpleObjectProperty<>(Feedback.NONE);
    final StringProperty feedbackText = new SimpleStringProperty("");
    /** The checked invite, waiting for "Start chat". */
    final ObjectProperty<InvitePreview> preview = new SimpleObjectProperty<>();
    final StringProperty previewLink = new SimpleStringProperty("");
    final BooleanProperty busy = new SimpleBooleanProperty(false);
    /** What the invite says about its network, when it matters ("Bob is on cluster 4242…"); empty otherwise. */
    final StringProperty networkNote = new SimpleStringProperty("");
    /** "Join cluster 4242" when the invite is from another network; empty when there is nothing to join. */
    final StringProperty joinLabel = new SimpleStringProperty("");

    /** The camera panel is shown instead of the other ways in. */
    final BooleanProperty cameraOn = new SimpleBooleanProperty(false);
    final ObservableList<CameraDevice> cameras = FXCollections.observableArrayList();
    /** The camera in use (the picker's choice). */
    final ObjectProperty<CameraDevice> camera = new SimpleObjectProperty<>();
    final ObjectProperty<Image> cameraPreview = new SimpleObjectProperty<>();
    final StringProperty cameraStatus = new SimpleStringProperty("");
}
