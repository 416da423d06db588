package org.wakuchat.app.chat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.collections.ObservableListBase;
import org.wakuchat.app.common.UiExecutor;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.MessageId;

/**
 * A conversation's messages as a list the ListView can page through lazily: only pages that
 * cells ask for are loaded (off the FX thread), and only the most recently used pages are kept.
 * An item not loaded yet reads as {@code null}; when its page arrives, the list announces a
 * replacement so that the cells redraw. A group pages the same way through its rows (messages
 * and system lines, {@link GroupRows}).
 */
final class PagedMessages extends ObservableListBase<ChatMessage> {

    static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 30;

    /** Loads messages [from, from + limit) of the conversation; runs off the FX thread. */
    @FunctionalInterface
    interface PageLoader {
        List<ChatMessage> load(int from, int limit) throws Exception;
    }

    private final PageLoader loader;
    private final UiExecutor executor;
    private final Map<Integer, List<ChatMessage>> pages = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, List<ChatMessage>> eldest) {
            return size() > MAX_PAGES;
        }
    };
    private final Set<Integer> loading = new HashSet<>();
    private int size;

    /**
     * @param head the first page, already loaded: the list's virtual flow measures the first cell
     *             whenever it lays out, so a missing first page would be loaded (and redrawn) at once
     * @param tail the newest messages, already loaded, ending at {@code size}
     */
    PagedMessages(int size, List<ChatMessage> head, List<ChatMessage> tail, PageLoader loader, UiExecutor executor) {
        this.size = size;
        this.loader = loader;
        this.executor = executor;
        boolean headComplete = head.size() == Math.min(PAGE_SIZE, size);
        int start = size - tail.size();
        for (int i = 0; i < tail.size(); i++) {
            int index = start + i;
            pages.computeIfAbsent(index / PAGE_SIZE, p -> new ArrayList<>()).add(tail.get(i));
        }
        // a tail that starts mid-page is only usable if the page starts at its first index
        pages.keySet().removeIf(page -> page * PAGE_SIZE < start);
        if (headComplete) {
            pages.put(0, new ArrayList<>(head));
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public ChatMessage get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        int page = index / PAGE_SIZE;
        List<ChatMessage> loaded = pages.get(page);
        if (loaded != null && index % PAGE_SIZE < loaded.size()) {
            return loaded.get(index % PAGE_SIZE);
        }
        requestPage(page);
        return null;
    }

    /**
     * A new message (or group system line) at the end, unless it is already there (it may arrive
     * with the first load too); says whether it was added.
     */
    boolean append(ChatMessage message) {
        if (indexOf(message.id()) >= 0) {
            return false;
        }
        int index = size;
        int page = index / PAGE_SIZE;
        List<ChatMessage> loaded = pages.get(page);
        if (loaded != null && loaded.size() == index % PAGE_SIZE) {
            loaded.add(message);
        } else if (index % PAGE_SIZE == 0) {
            pages.put(page, new ArrayList<>(List.of(message)));
        }
        size++;
        beginChange();
        nextAdd(index, index + 1);
        endChange();
        return true;
    }

    /** Reads a page again (its rows changed); what is shown stays until the new rows arrive. */
    void reload(int page) {
        requestPage(page);
    }

    /** Updates a loaded message's delivery state in place; unloaded ones will be read fresh anyway. */
    void updateState(MessageId id, DeliveryState state) {
        int index = indexOf(id);
        if (index < 0) {
            return;
        }
        List<ChatMessage> page = pages.get(index / PAGE_SIZE);
        ChatMessage old = page.get(index % PAGE_SIZE);
        page.set(index % PAGE_SIZE, old.withState(state));
        beginChange();
        nextSet(index, old);
        endChange();
    }

    int indexOf(MessageId id) {
        for (Map.Entry<Integer, List<ChatMessage>> page : pages.entrySet()) {
            List<ChatMessage> list = page.getValue();
            for (int i = list.size() - 1; i >= 0; i--) {
                if (list.get(i).id().equals(id)) {
                    return page.getKey() * PAGE_SIZE + i;
                }
            }
        }
        return -1;
    }

    private void requestPage(int page) {
        if (!loading.add(page)) {
            return;
        }
        int from = page * PAGE_SIZE;
        executor.run(() -> loader.load(from, PAGE_SIZE), loaded -> {
            loading.remove(page);
            List<ChatMessage> kept = new ArrayList<>(loaded.subList(0, Math.min(loaded.size(), size - from)));
            pages.put(page, kept);
            if (!kept.isEmpty()) {
                beginChange();
                nextReplace(from, from + kept.size(), Collections.nCopies(kept.size(), null));
                endChange();
            }
        }, failure -> loading.remove(page));
    }
}
