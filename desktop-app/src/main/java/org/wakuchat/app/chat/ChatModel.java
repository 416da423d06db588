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
import org.wakuchat.core.MessageId;
import org.wakuchat.core.account.AccountId;
import org.wakuchat.core.group.Group;
import org.wakuchat.core.group.GroupDelivery;

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

    // ---- groups (null / empty while a 1:1 chat is open)

    /** The open group, or null for a 1:1 chat. */
    final ObjectProperty<Group> group = new SimpleObjectProperty<>();
    /** This account's id, to say "You" in system lines. */
    final ObjectProperty<AccountId> me = new SimpleObjectProperty<>();
    /** Rows of the open group that are system lines ("Alice added Carol"), not messages: row id → text. */
    final ObservableMap<MessageId, String> systemLines = FXCollections.observableHashMap();
    /** Who confirmed my messages in the open group. */
    final ObservableMap<MessageId, GroupDelivery> groupDeliveries = FXCollections.observableHashMap();
    /** Names of everyone who was ever in the open group (members now and those gone), for senders and ticks. */
    final ObservableMap<AccountId, String> memberNames = FXCollections.observableHashMap();
    /** Missing messages per group and sender ("group/sender" → the latest announcement). */
    final ObservableMap<String, ChatEvent.GroupMissingMessages> groupMissing = FXCollections.observableHashMap();
    final BooleanProperty membersShown = new SimpleBooleanProperty();
    /** Why the last group change was refused (GroupException), shown in the member panel. */
    final StringProperty groupError = new SimpleStringProperty("");
    final BooleanProperty confirmingLeave = new SimpleBooleanProperty();
    /** Why the last message could not be sent (e.g. no longer a member of the group). */
    final StringProperty sendError = new SimpleStringProperty("");
}
