package org.wakuchat.app.chat;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.ConversationId;

final class ChatModel {

    enum BannerKind { NONE, RECOVERING, LOST }

    final ObjectProperty<Conversation> conversation = new SimpleObjectProperty<>();
    final ObjectProperty<ObservableList<ChatMessage>> messages = new SimpleObjectProperty<>(FXCollections.observableArrayList());
    final StringProperty draft = new SimpleStringProperty("");
    final ObservableMap<ConversationId, String> drafts = FXCollections.observableHashMap();
    /** Index of the first message that was unread when the conversation opened; -1 for none. */
    final IntegerProperty firstUnreadIndex = new SimpleIntegerProperty(-1);
    /** Messages that arrived while the user was scrolled up. */
    final IntegerProperty newBelow = new SimpleIntegerProperty();
    final BooleanProperty atBottom = new SimpleBooleanProperty(true);
    /** Incremented to ask the view to scroll to the newest message. */
    final IntegerProperty scrollToEndRequests = new SimpleIntegerProperty();
    final ObservableMap<ConversationId, ChatEvent.MissingMessages> missing = FXCollections.observableHashMap();
    final ObjectProperty<BannerKind> bannerKind = new SimpleObjectProperty<>(BannerKind.NONE);
    final StringProperty bannerText = new SimpleStringProperty("");
}
