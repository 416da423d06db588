package org.wakuchat.core.store;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;

/**
 * How to read messages {@code [from, end)} with the fewest skipped index entries: forward from
 * the oldest, backward from the newest, or from a remembered anchor on either side.
 */
record PagePlan(boolean forward, Optional<Position> anchor, int skip, int limit) {

    static PagePlan choose(Optional<PageAnchors.Anchor> before, Optional<PageAnchors.Anchor> after, int from,
                           int end, int count) {
        int limit = end - from;
        PagePlan best = from <= count - end
                ? new PagePlan(true, Optional.empty(), from, limit)
                : new PagePlan(false, Optional.empty(), count - end, limit);
        if (before.isPresent() && from - before.get().index() < best.skip) {
            best = new PagePlan(true, Optional.of(before.get().position()), from - before.get().index(), limit);
        }
        if (after.isPresent() && after.get().index() - end < best.skip) {
            best = new PagePlan(false, Optional.of(after.get().position()), after.get().index() - end, limit);
        }
        return best;
    }

    List<ChatMessage> read(SqliteMessageStore store, ConversationId conversation) throws SQLException {
        List<ChatMessage> rows = store.query(SqliteMessageStore.pageSql(forward, anchor.isPresent()), conversation,
                anchor, limit, skip);
        return forward ? rows : SqliteMessageStore.reversed(rows);
    }
}
