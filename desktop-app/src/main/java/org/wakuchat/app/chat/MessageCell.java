package org.wakuchat.app.chat;

import atlantafx.base.theme.Styles;
import java.time.LocalDate;
import java.util.function.Consumer;
import javafx.beans.binding.DoubleBinding;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.wakuchat.app.common.TimeFormat;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.MessageId;

/**
 * One message: an optional day separator and "unread" divider above a bubble (mine on the right)
 * holding the text, the time and, for mine, the delivery icon; failed ones offer Retry.
 */
final class MessageCell extends ListCell<ChatMessage> {

    private final ChatModel model;
    private final TimeFormat time;
    private final Consumer<String> openLink;
    private final Consumer<MessageId> retry;
    private final Label daySeparator = new Label();
    private final Label unreadDivider = new Label("New messages");
    private final SelectableText text;
    private final Label when = new Label();
    private final HBox meta = new HBox(4);
    private final VBox bubble = new VBox(2);
    private final HBox bubbleRow = new HBox(bubble);
    private final VBox content = new VBox(6);
    private final Label loading = new Label("…");
    private final FontIcon deliveryIcon = new FontIcon();
    private final Tooltip deliveryTooltip = new Tooltip();
    private final Hyperlink retryLink = new Hyperlink("Retry");
    private final Label failureReason = new Label();
    /** Who wrote an incoming group message. */
    private final Label sender = new Label();
    /** "Delivered to 2 of 3" under my group messages; who, on hover or click. */
    private final Label groupDelivery = new Label();
    private final Tooltip groupDeliveryTooltip = new Tooltip();
    /** A group's history line ("Alice added Carol") in place of a bubble. */
    private final Label systemLine = new Label();
    private ChatMessage shown;
    private int shownIndex = -1;

    MessageCell(ChatModel model, TimeFormat time, Consumer<String> openLink, Consumer<MessageId> retry,
                TextSelection selection, DoubleBinding bubbleMaxWidth) {
        this.model = model;
        this.text = new SelectableText(selection);
        bubble.getChildren().addAll(sender, text, meta, failureReason);
        this.time = time;
        this.openLink = openLink;
        this.retry = retry;
        daySeparator.getStyleClass().addAll("day-separator", Styles.TEXT_SMALL);
        daySeparator.setMaxWidth(Double.MAX_VALUE);
        daySeparator.setAlignment(Pos.CENTER);
        unreadDivider.getStyleClass().addAll("unread-divider", Styles.TEXT_SMALL);
        unreadDivider.setMaxWidth(Double.MAX_VALUE);
        unreadDivider.setAlignment(Pos.CENTER);
        when.getStyleClass().addAll("message-time", Styles.TEXT_SMALL);
        meta.setAlignment(Pos.CENTER_RIGHT);
        meta.getChildren().addAll(groupDelivery, when, deliveryIcon, retryLink);
        sender.getStyleClass().addAll("message-sender", Styles.TEXT_SMALL, Styles.TEXT_BOLD);
        showIf(sender, false);
        showIf(groupDelivery, false);
        showIf(systemLine, false);
        groupDelivery.getStyleClass().addAll("group-delivery", Styles.TEXT_SMALL);
        groupDeliveryTooltip.setShowDelay(Duration.millis(200));
        groupDelivery.setTooltip(groupDeliveryTooltip);
        groupDelivery.setOnMouseClicked(click -> {
            javafx.geometry.Bounds at = groupDelivery.localToScreen(groupDelivery.getBoundsInLocal());
            if (at != null) {
                groupDeliveryTooltip.show(groupDelivery, at.getMinX(), at.getMaxY() + 2);
            }
        });
        systemLine.getStyleClass().addAll("system-line", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        systemLine.setMaxWidth(Double.MAX_VALUE);
        systemLine.setAlignment(Pos.CENTER);
        systemLine.setWrapText(true);
        systemLine.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrap a long line instead of cutting it
        systemLine.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        // a confirmation arrived for the message this cell shows: the list item itself did not change
        model.groupDeliveries.addListener((javafx.collections.MapChangeListener<MessageId, org.wakuchat.core.group.GroupDelivery>) change -> {
            if (shown != null && change.getKey().equals(shown.id())) {
                showGroupDelivery(shown);
            }
        });
        bubble.getStyleClass().add("bubble");
        bubble.maxWidthProperty().bind(bubbleMaxWidth);
        bubble.setFillWidth(true);
        HBox.setHgrow(bubble, Priority.NEVER);
        content.getChildren().addAll(daySeparator, unreadDivider, systemLine, bubbleRow);
        loading.getStyleClass().add(Styles.TEXT_MUTED);
        deliveryIcon.setIconSize(14);
        deliveryTooltip.setShowDelay(Duration.millis(300));
        Tooltip.install(deliveryIcon, deliveryTooltip);
        retryLink.getStyleClass().add("retry-link");
        failureReason.getStyleClass().addAll("failure-reason", Styles.TEXT_SMALL, Styles.DANGER);
        failureReason.setWrapText(true);
        retryLink.setOnAction(event -> {
            if (shown != null) {
                retry.accept(shown.id());
            }
        });
        // built when asked for, not for every message that scrolls by
        setOnContextMenuRequested(event -> {
            if (shown != null) {
                menu(shown).show(this, event.getScreenX(), event.getScreenY());
                event.consume();
            }
        });
        getStyleClass().add("message-cell");
        setPrefWidth(0); // let the ListView's width decide, so that long text wraps
    }

    @Override
    protected void updateItem(ChatMessage message, boolean empty) {
        super.updateItem(message, empty);
        if (empty || message == null) {
            shown = null;
            shownIndex = -1;
            setGraphic(empty ? null : loading);
            return;
        }
        showSeparators(message);
        if (message.equals(shown) && getIndex() == shownIndex) {
            return; // same message redrawn, e.g. after a page loaded nearby
        }
        String system = model.systemLines.get(message.id());
        showIf(systemLine, system != null);
        showIf(bubbleRow, system == null);
        if (system != null) {
            showIf(sender, false);
            shown = message;
            shownIndex = getIndex();
            systemLine.setText(system);
            if (getGraphic() != content) {
                setGraphic(content);
            }
            return;
        }
        String from = message.sender().map(id -> model.memberNames.getOrDefault(id, "A former member")).orElse(null);
        showIf(sender, from != null && !message.outgoing());
        if (from != null) {
            sender.setText(from);
        }
        showGroupDelivery(message);
        boolean sameText = shown != null && shown.id().equals(message.id());
        shown = message;
        shownIndex = getIndex();
        if (!sameText) {
            text.show(message.text(), openLink);
            when.setText(time.time(message.sentAt()));
        }
        // Restyling is what costs when cells are reused (opening a conversation, scrolling): change
        // style classes only when they differ, and show/hide fixed nodes instead of re-adding them.
        if (message.outgoing()) {
            DeliveryIcons.show(deliveryIcon, deliveryTooltip, message.state(), message.failure());
            if (model.group.get() != null && message.state() != DeliveryState.FAILED) {
                deliveryTooltip.setText(DeliveryIcons.groupExplanation(message.state()));
            }
        }
        showIf(deliveryIcon, message.outgoing());
        boolean failed = message.outgoing() && message.state() == DeliveryState.FAILED;
        showIf(retryLink, failed);
        if (failed) {
            failureReason.setText("Not delivered: " + DeliveryIcons.failureReason(message.failure()));
        }
        showIf(failureReason, failed);
        String direction = message.outgoing() ? "bubble-outgoing" : "bubble-incoming";
        if (!bubble.getStyleClass().contains(direction)) {
            bubble.getStyleClass().setAll("bubble", direction);
            bubbleRow.setAlignment(message.outgoing() ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
        }
        if (getGraphic() != content) {
            setGraphic(content);
        }
    }

    private void showGroupDelivery(ChatMessage message) {
        org.wakuchat.core.group.GroupDelivery delivery = message.outgoing() ? model.groupDeliveries.get(message.id()) : null;
        showIf(groupDelivery, delivery != null);
        if (delivery != null) {
            groupDelivery.setText(GroupText.deliveryLabel(delivery));
            groupDeliveryTooltip.setText(GroupText.deliveryWho(delivery,
                    id -> model.memberNames.getOrDefault(id, "a former member")));
        }
    }

    private void showSeparators(ChatMessage message) {
        int index = getIndex();
        LocalDate day = time.day(message.sentAt());
        ChatMessage previous = index > 0 ? getListView().getItems().get(index - 1) : null;
        boolean newDay = index == 0 || (previous != null && !time.day(previous.sentAt()).equals(day));
        daySeparator.setText(time.dayLabel(day));
        daySeparator.setVisible(newDay);
        daySeparator.setManaged(newDay);
        boolean firstUnread = index == model.firstUnreadIndex.get();
        unreadDivider.setVisible(firstUnread);
        unreadDivider.setManaged(firstUnread);
    }

    private static void showIf(javafx.scene.Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }

    private ContextMenu menu(ChatMessage message) {
        ContextMenu menu = new ContextMenu();
        if (text.hasSelection()) {
            String selected = text.selectedText();
            MenuItem copySelection = new MenuItem("Copy selection");
            copySelection.setOnAction(event -> copyToClipboard(selected));
            menu.getItems().add(copySelection);
        }
        MenuItem copy = new MenuItem("Copy text");
        copy.setOnAction(event -> copyToClipboard(message.text()));
        menu.getItems().add(copy);
        for (String link : MessageText.links(message.text())) {
            MenuItem open = new MenuItem("Open link " + shortened(link));
            open.setOnAction(event -> openLink.accept(link));
            menu.getItems().add(open);
            MenuItem copyLink = new MenuItem("Copy link " + shortened(link));
            copyLink.setOnAction(event -> copyToClipboard(link));
            menu.getItems().add(copyLink);
        }
        return menu;
    }

    private static String shortened(String link) {
        return link.length() > 40 ? link.substring(0, 40) + "…" : link;
    }

    static void copyToClipboard(String value) {
        ClipboardContent content = new ClipboardContent();
        content.putString(value);
        Clipboard.getSystemClipboard().setContent(content);
    }

}
