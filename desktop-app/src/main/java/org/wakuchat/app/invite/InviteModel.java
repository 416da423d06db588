package org.wakuchat.app.invite;

import com.google.zxing.common.BitMatrix;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.image.Image;

final class InviteModel {
    final StringProperty link = new SimpleStringProperty("");
    final ObjectProperty<Image> qr = new SimpleObjectProperty<>();
    final ObjectProperty<BitMatrix> matrix = new SimpleObjectProperty<>();
    final StringProperty expiry = new SimpleStringProperty("");
    final StringProperty error = new SimpleStringProperty("");
    final BooleanProperty busy = new SimpleBooleanProperty(true);
}
