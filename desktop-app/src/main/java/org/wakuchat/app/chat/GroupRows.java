package org.wakuchat.app.chat;

import java.util.ArrayList;
import java.util.List;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.Payload;
import org.wakuchat.core.group.GroupHistoryEntry;

/**
 * A group's messages and history as one list of rows, for {@link PagedMessages}: a history entry
 * (a system line) goes right before the first message not sent before it. Where each entry falls
 * is found from the newest message upwards, reading only as many messages as the rows asked for
 * need; the total is known at once (messages + entries), so the list has its final size from the
 * start and an old page costs what a 1:1 page costs. Thread-safe: pages are read off the FX
 * thread while events append on it.
 */
final class GroupRows {

    /** Reads messages [from, from + limit) of the group, oldest first (the engine's display order). */
    @FunctionalInterface
    interface Source {
        List<ChatMessage> messages(int from, int limit);
    }

    /** Message times are read in pieces of this many when resolving far up (a scrollbar dragged to the top). */
    private static final int CHUNK = 2_000;

    private final ConversationId group;
    private final Source source;
    private final List<GroupHistoryEntry> history;
    /** Per entry: how many messages come before it; meaningful for entries from {@link #unplaced} on. */
    private final List<Integer> anchors = new ArrayList<>();
    private int messageCount;
    /** Messages from here on have known rows. */
    private int resolvedFrom;
    /** Entries [0, unplaced) are not placed yet: they all go before message {@link #resolvedFrom}. */
    private int unplaced;
    /** The first page as guessed from the oldest messages at open, while the rest was not resolved. */
    private List<MessageId> guessedHead;
    private boolean headChanged;

    GroupRows(ConversationId group, int messageCount, List<GroupHistoryEntry> history, Source source) {
        this.group = group;
        this.source = source;
        this.history = new ArrayList<>(history);
        this.messageCount = messageCount;
        this.resolvedFrom = messageCount;
        this.unplaced = history.size();
        for (int i = 0; i < history.size(); i++) {
            anchors.add(0);
        }
    }

    /** The row a history entry is shown as (its text is kept in the model's system lines). */
    static ChatMessage systemRow(ConversationId group, GroupHistoryEntry entry) {
        return new ChatMessage(systemRowId(entry), group, false, Payload.text(""), entry.at(), entry.at(),
                DeliveryState.RECEIVED, -1);
    }

    static MessageId systemRowId(GroupHistoryEntry entry) {
        return new MessageId("system-" + entry.epoch() + "-" + entry.kind() + "-" + entry.at().toEpochMilli());
    }

    synchronized int size() {
        return messageCount + history.size();
    }

    /** Rows [from, from + limit), clamped to the list; reads the messages they need. */
    synchronized List<ChatMessage> rows(int from, int limit) {
        int to = Math.min(size(), from + limit);
        if (from >= to) {
            return List.of();
        }
        resolveDownTo(from);
        // which rows are entries, and how many entries come before the first row
        int entriesBefore = unplaced;
        List<Integer> entryRows = new ArrayList<>();
        List<Integer> entryIndexes = new ArrayList<>();
        for (int j = unplaced; j < history.size(); j++) {
            int row = anchors.get(j) + j;
            if (row < from) {
                entriesBefore++;
            } else if (row < to) {
                entryRows.add(row);
                entryIndexes.add(j);
            }
        }
        int firstMessage = from - entriesBefore;
        int messagesInRange = to - from - entryRows.size();
        List<ChatMessage> messages = messagesInRange == 0 ? List.of() : source.messages(firstMessage, messagesInRange);
        List<ChatMessage> rows = new ArrayList<>(to - from);
        int nextEntry = 0;
        int nextMessage = 0;
        for (int row = from; row < to; row++) {
            if (nextEntry < entryRows.size() && entryRows.get(nextEntry) == row) {
                rows.add(systemRow(group, history.get(entryIndexes.get(nextEntry++))));
            } else if (nextMessage < messages.size()) {
                rows.add(messages.get(nextMessage++));
            } else {
                break; // the engine has fewer messages than counted (one was removed): a short page
            }
        }
        if (guessedHead != null && resolvedFrom == 0) {
            List<MessageId> exact = idsOf(rowsResolved(0, Math.min(PagedMessages.PAGE_SIZE, size())));
            headChanged = !exact.equals(guessedHead);
            guessedHead = null;
        }
        return rows;
    }

    /**
     * The first page merged from the oldest messages only (as if the list were read from the top),
     * without resolving the rows in between; if the newest-first placement later disagrees
     * (message times out of order), {@link #takeHeadChanged()} says so.
     */
    synchronized List<ChatMessage> guessHead(int limit) {
        if (resolvedFrom == 0) {
            return rows(0, limit);
        }
        List<ChatMessage> oldest = source.messages(0, limit);
        List<ChatMessage> rows = new ArrayList<>();
        int next = 0;
        for (ChatMessage message : oldest) {
            while (next < history.size() && !history.get(next).at().isAfter(message.sentAt()) && rows.size() < limit) {
                rows.add(systemRow(group, history.get(next++)));
            }
            if (rows.size() < limit) {
                rows.add(message);
            }
        }
        guessedHead = idsOf(rows);
        return rows;
    }

    /** Whether the first page shown at open turned out different; asks only once. */
    synchronized boolean takeHeadChanged() {
        boolean changed = headChanged;
        headChanged = false;
        return changed;
    }

    /** A new message at the end (the list appended its row). */
    synchronized void messageAppended() {
        messageCount++; // after every entry known so far: its row is known at once
    }

    /** A new history entry at the end; false if it was already read with the rest at open. */
    synchronized boolean entryAppended(GroupHistoryEntry entry) {
        if (history.contains(entry)) {
            return false;
        }
        history.add(entry);
        anchors.add(messageCount); // after every message so far
        return true;
    }

    private List<ChatMessage> rowsResolved(int from, int limit) {
        List<MessageId> saved = guessedHead;
        guessedHead = null;
        try {
            return rows(from, limit);
        } finally {
            guessedHead = saved;
        }
    }

    /** Places entries, reading message times newest first, until every row from {@code row} on is known. */
    private void resolveDownTo(int row) {
        if (resolvedFrom + unplaced <= row) {
            return;
        }
        int target = Math.max(0, row - unplaced);
        if (target < PagedMessages.PAGE_SIZE) {
            target = 0; // the first page is then known too, so that a guessed head can be checked
        }
        while (resolvedFrom > target) {
            int start = Math.max(target, resolvedFrom - CHUNK);
            List<ChatMessage> chunk = source.messages(start, resolvedFrom - start);
            for (int i = chunk.size() - 1; i >= 0; i--) {
                ChatMessage message = chunk.get(i);
                while (unplaced > 0 && history.get(unplaced - 1).at().isAfter(message.sentAt())) {
                    anchors.set(unplaced - 1, start + i + 1);
                    unplaced--;
                }
            }
            resolvedFrom = start;
        }
        if (resolvedFrom == 0) {
            for (int j = 0; j < unplaced; j++) {
                anchors.set(j, 0);
            }
            unplaced = 0;
        }
    }

    private static List<MessageId> idsOf(List<ChatMessage> rows) {
        return rows.stream().map(ChatMessage::id).toList();
    }
}
