package org.wakuchat.app.group;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import org.wakuchat.core.ConversationId;

final class NewGroupModel {

    /** A contact that can be picked: its conversation, name, and a hint (no messages yet). */
    record Choice(ConversationId id, String name, String hint) {
    }

    /** True: a new group (name + members); false: adding members to {@link #groupName}. */
    final BooleanProperty creating = new SimpleBooleanProperty(true);
    final StringProperty groupName = new SimpleStringProperty("");
    final StringProperty name = new SimpleStringProperty("");
    final ObservableList<Choice> choices = FXCollections.observableArrayList();
    final ObservableSet<ConversationId> chosen = FXCollections.observableSet();
    final StringProperty error = new SimpleStringProperty("");
    final BooleanProperty busy = new SimpleBooleanProperty();
    final BooleanProperty loaded = new SimpleBooleanProperty();
}
