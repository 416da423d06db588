package org.wakuchat.app.status;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

final class StatusModel {
    final ObjectProperty<StatusText> text = new SimpleObjectProperty<>(StatusText.locked());
}
