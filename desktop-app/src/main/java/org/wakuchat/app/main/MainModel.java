package org.wakuchat.app.main;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Parent;

final class MainModel {
    /** The dialog on top of the main window, or null. */
    final ObjectProperty<Parent> dialog = new SimpleObjectProperty<>();
    final IntegerProperty unread = new SimpleIntegerProperty();
    final StringProperty title = new SimpleStringProperty("Waku Chat");
    final StringProperty accountName = new SimpleStringProperty("");
    /** The conversation in the chat pane, or null. */
    final ObjectProperty<org.wakuchat.core.ConversationId> open = new SimpleObjectProperty<>();
}
