package org.wakuchat.app.status;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

final class StatusModel {
    final ObjectProperty<StatusText> text = new SimpleObjectProperty<>(StatusText.locked());
    /** Whether the bar offers the reliability report (an unlocked account's). */
    final BooleanProperty reportOffered = new SimpleBooleanProperty(false);
}
