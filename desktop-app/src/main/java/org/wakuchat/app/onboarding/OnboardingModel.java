package org.wakuchat.app.onboarding;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

final class OnboardingModel {

    enum Mode { CHECKING, CREATE, UNLOCK, NO_ENGINE }

    final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.CHECKING);
    final StringProperty displayName = new SimpleStringProperty("");
    final StringProperty passphrase = new SimpleStringProperty("");
    final StringProperty confirmation = new SimpleStringProperty("");
    /** 0..1 for the strength bar; -1 hides it. */
    final DoubleProperty strength = new SimpleDoubleProperty(-1);
    final IntegerProperty score = new SimpleIntegerProperty(-1);
    final StringProperty strengthLabel = new SimpleStringProperty("");
    final StringProperty strengthAdvice = new SimpleStringProperty("");
    final StringProperty errorTitle = new SimpleStringProperty("");
    final StringProperty error = new SimpleStringProperty("");
    final BooleanProperty busy = new SimpleBooleanProperty(false);

}
