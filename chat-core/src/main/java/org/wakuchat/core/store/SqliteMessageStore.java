package org.wakuchat.core.store;

import static org.wakuchat.core.store.ValueCodec.decodePayload;
import static org.wakuchat.core.store.ValueCodec.encodePayload;
import static org.wakuchat.core.store.ValueCodec.instant;
import static org.wakuchat.core.store.ValueCodec.optionalText;
import static org.wakuchat.core.store.ValueCodec.readOptionalText;
import static org.wakuchat.core.store.ValueCodec.failure;
import static org.wakuchat.core.store.ValueCodec.state;
import static org.wakuchat.core.store.ValueCodec.text;
import static org.wakuchat.core.store.ValueCodec.utf8;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryFailure;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.account.AccountId;

/** {@link MessageStore} on messages.db; sealed columns are opened and closed here, nowhere else. */
final class SqliteMessageStore implements MessageStore {

    private static final String MESSAGE_COLUMNS =
            "id, conversation_id, outgoing, ord, state, failure, sent_at, received_at, payload_sealed, engine_state_sealed,"
            + " sender_sealed";
    private static final String STORED_COLUMNS =
            MESSAGE_COLUMNS + ", attempts, next_attempt_at";
    private static final String CONVERSATION_COLUMNS = "id, contact_id_sealed, contact_name_sealed, nickname_sealed,"
            + " identity_key_sealed, verified, created_at, engine_state_sealed";

    private final Database db;
    private final CellCipher cipher;
    private final PageAnchors anchors = new PageAnchors();

    SqliteMessageStore(Database db, CellCipher cipher) {
        this.db = db;
        this.cipher = cipher;
        db.onRollback(anchors::clear);
    }

    // ---- conversations

    @Override
    public void upsertConversation(StoredConversation c) {
        String id = c.id().value();
        db.call("saving a conversation", connection -> {
            PreparedStatement insert = db.prepared("INSERT INTO conversations (" + CONVERSATION_COLUMNS + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                    + " contact_id_sealed = excluded.contact_id_sealed, contact_name_sealed = excluded.contact_name_sealed,"
                    + " nickname_sealed = excluded.nickname_sealed, identity_key_sealed = excluded.identity_key_sealed,"
                    + " verified = excluded.verified, created_at = excluded.created_at,"
                    + " engine_state_sealed = excluded.engine_state_sealed");
            insert.setString(1, id);
            insert.setBytes(2, sealConversation(utf8(c.contactId().value()), "contact_id_sealed", id));
            insert.setBytes(3, sealConversation(utf8(c.contactName()), "contact_name_sealed", id));
            insert.setBytes(4, sealConversation(optionalText(c.nickname()), "nickname_sealed", id));
            insert.setBytes(5, sealConversation(c.contactIdentityKey(), "identity_key_sealed", id));
            insert.setInt(6, c.verified() ? 1 : 0);
            insert.setString(7, c.createdAt().toString());
            insert.setBytes(8, cipher.sealBinding(c.engineState(), conversationBinding(c.verified()), "conversations",
                    "engine_state_sealed", id));
            insert.executeUpdate();
            return null;
        });
    }

    @Override
    public Optional<StoredConversation> conversation(ConversationId id) {
        return db.call("reading a conversation", connection -> {
            PreparedStatement select = db.prepared("SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE id = ?");
            select.setString(1, id.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(readConversation(row)) : Optional.empty();
            }
        });
    }

    @Override
    public List<StoredConversation> conversations() {
        return db.call("listing conversations", connection -> {
            PreparedStatement select = db.prepared("SELECT " + CONVERSATION_COLUMNS + " FROM conversations ORDER BY rowid");
            var all = new ArrayList<StoredConversation>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    all.add(readConversation(row));
                }
            }
            return List.copyOf(all);
        });
    }

    private StoredConversation readConversation(ResultSet row) throws SQLException {
        String id = row.getString("id");
        return new StoredConversation(new ConversationId(id),
                new AccountId(text(openConversation(row, "contact_id_sealed", id))),
                text(openConversation(row, "contact_name_sealed", id)),
                readOptionalText(openConversation(row, "nickname_sealed", id)),
                openConversation(row, "identity_key_sealed", id),
                row.getInt("verified") == 1,
                instant(row.getString("created_at"), "conversations.created_at"),
                cipher.openBinding(row.getBytes("engine_state_sealed"), conversationBinding(row.getInt("verified") == 1),
                        "conversations", "engine_state_sealed", id));
    }

    /** The plaintext column a conversation's sealed engine state is bound to. */
    private static List<String> conversationBinding(boolean verified) {
        return List.of("verified=" + (verified ? 1 : 0));
    }

    /** The plaintext columns a message's sealed engine state is bound to. */
    private static List<String> messageBinding(DeliveryState state, Optional<DeliveryFailure> failure) {
        return List.of("state=" + state.name(), "failure=" + failure.map(Enum::name).orElse(""));
    }

    /**
     * Re-seals the engine state of rows written before it was bound to their plaintext columns
     * (messages.db step 1 data), once, at open: afterwards every row is bound. A version-1 cell can
     * only come back by restoring an older copy of the file (see docs/crypto.md, rollback).
     */
    void bindOlderRows() {
        db.inTransaction(() -> db.call("binding plaintext columns", connection -> {
            var conversations = new ArrayList<Object[]>();
            try (var select = connection.prepareStatement("SELECT id, verified, engine_state_sealed FROM conversations"
                    + " WHERE substr(engine_state_sealed, 1, 1) = x'01'"); ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    conversations.add(new Object[] {row.getString(1), row.getInt(2) == 1, row.getBytes(3)});
                }
            }
            for (Object[] c : conversations) {
                String id = (String) c[0];
                byte[] state = cipher.open((byte[]) c[2], "conversations", "engine_state_sealed", id);
                try (var update = connection.prepareStatement(
                        "UPDATE conversations SET engine_state_sealed = ? WHERE id = ?")) {
                    update.setBytes(1, cipher.sealBinding(state, conversationBinding((Boolean) c[1]), "conversations",
                            "engine_state_sealed", id));
                    update.setString(2, id);
                    update.executeUpdate();
                }
            }
            var messages = new ArrayList<Object[]>();
            try (var select = connection.prepareStatement("SELECT id, conversation_id, state, failure, engine_state_sealed"
                    + " FROM messages WHERE substr(engine_state_sealed, 1, 1) = x'01'"); ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    messages.add(new Object[] {row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getBytes(5)});
                }
            }
            for (Object[] m : messages) {
                String id = (String) m[0];
                String conversation = (String) m[1];
                DeliveryState state = state((String) m[2]);
                byte[] engineState = cipher.open((byte[]) m[4], "messages", "engine_state_sealed", id, conversation);
                try (var update = connection.prepareStatement("UPDATE messages SET engine_state_sealed = ? WHERE id = ?")) {
                    update.setBytes(1, cipher.sealBinding(engineState, messageBinding(state, failure((String) m[3], state)),
                            "messages", "engine_state_sealed", id, conversation));
                    update.setString(2, id);
                    update.executeUpdate();
                }
            }
            return null;
        }));
    }

    private byte[] sealConversation(byte[] plaintext, String column, String id) {
        return cipher.seal(plaintext, "conversations", column, id);
    }

    private byte[] openConversation(ResultSet row, String column, String id) throws SQLException {
        return cipher.open(row.getBytes(column), "conversations", column, id);
    }

    // ---- messages

    @Override
    public boolean insertMessage(StoredMessage stored) {
        ChatMessage m = requireComplete(stored.message());
        String id = m.id().value();
        String conversation = m.conversation().value();
        return db.call("saving a message", connection -> {
            PreparedStatement insert = db.prepared("INSERT INTO messages (id, conversation_id, outgoing, ord, state,"
                    + " sent_at, received_at, attempts, next_attempt_at, payload_sealed, engine_state_sealed, failure,"
                    + " sender_sealed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING");
            insert.setString(1, id);
            insert.setString(2, conversation);
            insert.setInt(3, m.outgoing() ? 1 : 0);
            insert.setLong(4, m.order());
            insert.setString(5, m.state().name());
            insert.setString(6, m.sentAt().toString());
            insert.setString(7, m.receivedAt().toString());
            insert.setInt(8, stored.attempts());
            insert.setString(9, stored.nextAttemptAt().map(Instant::toString).orElse(null));
            insert.setBytes(10, cipher.seal(encodePayload(m.payload()), "messages", "payload_sealed",
                    payloadRow(id, conversation, m.outgoing())));
            insert.setBytes(11, cipher.sealBinding(stored.engineState(), messageBinding(m.state(), m.failure()),
                    "messages", "engine_state_sealed", id, conversation));
            insert.setString(12, m.failure().map(Enum::name).orElse(null));
            insert.setBytes(13, m.sender().isEmpty() ? null : cipher.seal(utf8(m.sender().get().value()), "messages",
                    "sender_sealed", id, conversation));
            boolean inserted = insert.executeUpdate() == 1;
            if (inserted) {
                anchors.inserted(conversation, new Position(m.order(), id));
            }
            return inserted;
        });
    }

    @Override
    public Optional<StoredMessage> message(MessageId id) {
        return db.call("reading a message", connection -> {
            PreparedStatement select = db.prepared("SELECT " + STORED_COLUMNS + " FROM messages WHERE id = ?");
            select.setString(1, id.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(readStored(row)) : Optional.empty();
            }
        });
    }

    @Override
    public void updateMessage(StoredMessage stored) {
        ChatMessage m = requireComplete(stored.message());
        String id = m.id().value();
        String conversation = m.conversation().value();
        db.call("updating a message", connection -> {
            long oldOrder = savedOrder(m);
            PreparedStatement update = db.prepared("UPDATE messages SET state = ?, attempts = ?, next_attempt_at = ?,"
                    + " engine_state_sealed = ?, ord = ?, failure = ? WHERE id = ?");
            update.setString(1, m.state().name());
            update.setInt(2, stored.attempts());
            update.setString(3, stored.nextAttemptAt().map(Instant::toString).orElse(null));
            update.setBytes(4, cipher.sealBinding(stored.engineState(), messageBinding(m.state(), m.failure()),
                    "messages", "engine_state_sealed", id, conversation));
            update.setLong(5, m.order());
            update.setString(6, m.failure().map(Enum::name).orElse(null));
            update.setString(7, id);
            update.executeUpdate();
            if (oldOrder != m.order()) {
                anchors.forget(conversation);
            }
            return null;
        });
    }

    @Override
    public void markDelivered(MessageId id, Instant at) {
        db.call("saving when a message was delivered", connection -> {
            PreparedStatement update = db.prepared("UPDATE messages SET delivered_at = ?"
                    + " WHERE id = ? AND outgoing = 1 AND delivered_at IS NULL");
            update.setString(1, at.toString());
            update.setString(2, id.value());
            update.executeUpdate();
            return null;
        });
    }

    @Override
    public List<MessageFigures> figures(Instant since, Optional<ConversationId> conversation) {
        return db.call("reading delivery figures", connection -> {
            // Times are ISO-8601 text of varying precision, which does not sort as text: the
            // period is applied here, not in SQL.
            PreparedStatement select = db.prepared("SELECT conversation_id, outgoing, state, failure, sent_at,"
                    + " received_at, delivered_at, attempts FROM messages"
                    + (conversation.isPresent() ? " WHERE conversation_id = ?" : "") + " ORDER BY seq");
            if (conversation.isPresent()) {
                select.setString(1, conversation.get().value());
            }
            var figures = new ArrayList<MessageFigures>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    boolean outgoing = row.getInt(2) == 1;
                    DeliveryState state = state(row.getString(3));
                    Instant sentAt = instant(row.getString(5), "messages.sent_at");
                    Instant receivedAt = instant(row.getString(6), "messages.received_at");
                    if ((outgoing ? sentAt : receivedAt).isBefore(since)) {
                        continue;
                    }
                    String deliveredAt = row.getString(7);
                    figures.add(new MessageFigures(new ConversationId(row.getString(1)), outgoing, state,
                            failure(row.getString(4), state), sentAt, receivedAt,
                            Optional.ofNullable(deliveredAt).map(t -> instant(t, "messages.delivered_at")),
                            row.getInt(8)));
                }
            }
            return List.copyOf(figures);
        });
    }

    /** The saved order of {@code m}, after checking that the saved message is the same message. */
    private long savedOrder(ChatMessage m) throws SQLException {
        PreparedStatement select = db.prepared("SELECT conversation_id, outgoing, ord FROM messages WHERE id = ?");
        select.setString(1, m.id().value());
        try (ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new IllegalArgumentException("no saved message has id " + m.id());
            }
            if (!row.getString(1).equals(m.conversation().value()) || (row.getInt(2) == 1) != m.outgoing()) {
                throw new IllegalArgumentException("message " + m.id() + " was saved in another conversation or"
                        + " direction; only state, attempts, next attempt, engine state and order can change");
            }
            return row.getLong(3);
        }
    }

    @Override
    public List<ChatMessage> page(ConversationId conversation, int fromIndex, int limit) {
        if (fromIndex < 0 || limit < 0) {
            throw new IllegalArgumentException("fromIndex and limit must not be negative: " + fromIndex + ", " + limit);
        }
        return db.call("reading messages", connection -> {
            int count = count(conversation);
            if (fromIndex >= count || limit == 0) {
                return List.of();
            }
            int end = (int) Math.min(count, (long) fromIndex + limit);
            List<ChatMessage> page = PagePlan.choose(anchors.atOrBefore(conversation.value(), fromIndex),
                    anchors.atOrAfter(conversation.value(), end), fromIndex, end, count).read(this, conversation);
            anchors.remember(conversation.value(), fromIndex, position(page.getFirst()));
            anchors.remember(conversation.value(), end - 1, position(page.getLast()));
            return page;
        });
    }

    /** Runs one page query; rows come back in the order the plan asks for. */
    List<ChatMessage> query(String sql, ConversationId conversation, Optional<Position> from, int limit, int offset)
            throws SQLException {
        PreparedStatement select = db.prepared(sql);
        int parameter = 1;
        select.setString(parameter++, conversation.value());
        if (from.isPresent()) {
            select.setLong(parameter++, from.get().order());
            select.setString(parameter++, from.get().id());
        }
        select.setInt(parameter++, limit);
        select.setInt(parameter, offset);
        var rows = new ArrayList<ChatMessage>(limit);
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                rows.add(readMessage(row));
            }
        }
        return rows;
    }

    static String pageSql(boolean forward, boolean fromAnchor) {
        String direction = forward ? "" : " DESC";
        String bound = !fromAnchor ? "" : forward ? " AND (ord, id) >= (?, ?)" : " AND (ord, id) < (?, ?)";
        return "SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE conversation_id = ?" + bound
                + " ORDER BY ord" + direction + ", id" + direction + " LIMIT ? OFFSET ?";
    }

    @Override
    public int count(ConversationId conversation) {
        return db.call("counting messages", connection -> {
            PreparedStatement select = db.prepared(
                    "SELECT message_count FROM conversation_stats WHERE conversation_id = ?");
            select.setString(1, conversation.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        });
    }

    @Override
    public List<StoredMessage> pendingOutgoing() {
        return db.call("reading pending messages", connection -> {
            PreparedStatement select = db.prepared("SELECT " + STORED_COLUMNS + " FROM messages"
                    + " WHERE outgoing = 1 AND state IN ('QUEUED', 'SENT') ORDER BY seq");
            var pending = new ArrayList<StoredMessage>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    pending.add(readStored(row));
                }
            }
            return List.copyOf(pending);
        });
    }

    @Override
    public int queuedOutgoingCount() {
        return db.call("counting queued messages", connection -> {
            // The IN clause lets SQLite use the partial index of pending messages.
            PreparedStatement select = db.prepared("SELECT COUNT(*) FROM messages"
                    + " WHERE outgoing = 1 AND state IN ('QUEUED', 'SENT') AND state = 'QUEUED'");
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        });
    }

    @Override
    public Optional<ChatMessage> lastMessage(ConversationId conversation) {
        return db.call("reading the last message", connection -> {
            List<ChatMessage> last = query(pageSql(false, false), conversation, Optional.empty(), 1, 0);
            return last.stream().findFirst();
        });
    }

    @Override
    public int unreadCount(ConversationId conversation) {
        return db.call("counting unread messages", connection -> {
            PreparedStatement select = db.prepared("SELECT incoming_count - read_incoming_count"
                    + " FROM conversation_stats WHERE conversation_id = ?");
            select.setString(1, conversation.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        });
    }

    @Override
    public void markRead(ConversationId conversation) {
        db.call("marking messages read", connection -> {
            PreparedStatement update = db.prepared("UPDATE conversation_stats SET read_seq = coalesce("
                    + "(SELECT max(seq) FROM messages WHERE conversation_id = ?1 AND outgoing = 0), read_seq),"
                    + " read_incoming_count = incoming_count WHERE conversation_id = ?1");
            update.setString(1, conversation.value());
            update.executeUpdate();
            return null;
        });
    }

    @Override
    public void inTransaction(Runnable work) {
        db.inTransaction(work);
    }

    // ---- rows

    private ChatMessage readMessage(ResultSet row) throws SQLException {
        String id = row.getString("id");
        String conversation = row.getString("conversation_id");
        boolean outgoing = row.getInt("outgoing") == 1;
        byte[] payload = cipher.open(row.getBytes("payload_sealed"), "messages", "payload_sealed",
                payloadRow(id, conversation, outgoing));
        DeliveryState state = state(row.getString("state"));
        Optional<DeliveryFailure> failure = failure(row.getString("failure"), state);
        // Opened for every message shown, not only when the engine needs it: that is what checks
        // the plaintext state and failure against their binding.
        openEngineState(row, id, conversation, state, failure);
        return new ChatMessage(new MessageId(id), new ConversationId(conversation), outgoing, decodePayload(payload),
                instant(row.getString("sent_at"), "messages.sent_at"),
                instant(row.getString("received_at"), "messages.received_at"),
                state, row.getLong("ord"), failure, sender(row, id, conversation));
    }

    private Optional<AccountId> sender(ResultSet row, String id, String conversation) throws SQLException {
        byte[] sealed = row.getBytes("sender_sealed");
        return sealed == null ? Optional.empty()
                : Optional.of(new AccountId(text(cipher.open(sealed, "messages", "sender_sealed", id, conversation))));
    }

    private byte[] openEngineState(ResultSet row, String id, String conversation, DeliveryState state,
            Optional<DeliveryFailure> failure) throws SQLException {
        return cipher.openBinding(row.getBytes("engine_state_sealed"), messageBinding(state, failure), "messages",
                "engine_state_sealed", id, conversation);
    }

    private StoredMessage readStored(ResultSet row) throws SQLException {
        ChatMessage m = readMessage(row);
        String nextAttempt = row.getString("next_attempt_at");
        byte[] engineState = openEngineState(row, m.id().value(), m.conversation().value(), m.state(), m.failure());
        return new StoredMessage(m, row.getInt("attempts"),
                Optional.ofNullable(nextAttempt).map(t -> instant(t, "messages.next_attempt_at")), engineState);
    }

    /** The payload is bound to its message, conversation and direction: none of them can be edited unnoticed. */
    private static String[] payloadRow(String id, String conversation, boolean outgoing) {
        return new String[] {id, conversation, outgoing ? "outgoing" : "incoming"};
    }

    private static Position position(ChatMessage m) {
        return new Position(m.order(), m.id().value());
    }

    private static ChatMessage requireComplete(ChatMessage m) {
        Objects.requireNonNull(m.id(), "message id");
        Objects.requireNonNull(m.conversation(), "message conversation");
        Objects.requireNonNull(m.payload(), "message payload");
        Objects.requireNonNull(m.sentAt(), "message sentAt");
        Objects.requireNonNull(m.receivedAt(), "message receivedAt");
        Objects.requireNonNull(m.state(), "message state");
        return m;
    }

    /** Reverses a page read backwards. */
    static List<ChatMessage> reversed(List<ChatMessage> rows) {
        var copy = new ArrayList<>(rows);
        Collections.reverse(copy);
        return copy;
    }
}
