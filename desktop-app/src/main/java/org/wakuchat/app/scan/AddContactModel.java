package org.wakuchat.app.scan;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
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
}
