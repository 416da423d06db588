package org.wakuchat.app.conversations;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.wakuchat.core.ConversationId;

final class ConversationListModel {
    /** 1:1 chats and groups, most recent activity first. */
    final ObservableList<ChatListItem> conversations = FXCollections.observableArrayList();
    final FilteredList<ChatListItem> filtered = new FilteredList<>(conversations);
    final StringProperty search = new SimpleStringProperty("");
    final ObjectProperty<ConversationId> selected = new SimpleObjectProperty<>();
    final IntegerProperty totalUnread = new SimpleIntegerProperty();
    /** True while the list is rearranged; selection changes then are not the user's. */
    final BooleanProperty reordering = new SimpleBooleanProperty();

    ConversationListModel() {
        search.subscribe(text -> filtered.setPredicate(item -> item.matches(text)));
    }
}
