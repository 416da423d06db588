package org.wakuchat.app.conversations;

import java.util.Locale;
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
import org.wakuchat.core.Conversation;
import org.wakuchat.core.ConversationId;

final class ConversationListModel {
    /** Most recent activity first. */
    final ObservableList<Conversation> conversations = FXCollections.observableArrayList();
    final FilteredList<Conversation> filtered = new FilteredList<>(conversations);
    final StringProperty search = new SimpleStringProperty("");
    final ObjectProperty<ConversationId> selected = new SimpleObjectProperty<>();
    final IntegerProperty totalUnread = new SimpleIntegerProperty();
    /** True while the list is rearranged; selection changes then are not the user's. */
    final BooleanProperty reordering = new SimpleBooleanProperty();

    ConversationListModel() {
        search.subscribe(text -> filtered.setPredicate(conversation -> matches(conversation, text)));
    }

    static boolean matches(Conversation conversation, String query) {
        String needle = query.strip().toLowerCase(Locale.ROOT);
        return needle.isEmpty()
                || conversation.displayName().toLowerCase(Locale.ROOT).contains(needle)
                || conversation.contactName().toLowerCase(Locale.ROOT).contains(needle)
                || conversation.lastMessagePreview().orElse("").toLowerCase(Locale.ROOT).contains(needle);
    }
}
