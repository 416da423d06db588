package org.wakuchat.app.chat;

import java.util.Optional;

/** The one message text selection in a conversation: selecting in one bubble clears the last one. */
final class TextSelection {

    private SelectableText active;

    void activate(SelectableText next) {
        if (active != null && active != next) {
            active.clearSelection();
        }
        active = next;
    }

    /** The selected text, if a bubble has a non-empty selection. */
    Optional<String> selected() {
        return active != null && active.hasSelection() ? Optional.of(active.selectedText()) : Optional.empty();
    }

    void clear() {
        if (active != null) {
            active.clearSelection();
            active = null;
        }
    }
}
