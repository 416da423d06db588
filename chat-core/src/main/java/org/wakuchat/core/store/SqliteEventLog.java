package org.wakuchat.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link EventLog} in messages.db's {@code report_events}; each event is a sealed cell bound to its row. */
final class SqliteEventLog implements EventLog {

    /** Pruning runs every this many appends, not on each: a DELETE per event would double the writes. */
    private static final int PRUNE_EVERY = 100;

    private final Database db;
    private final CellCipher cipher;
    private final int maxEvents;
    private int appendsSincePrune = PRUNE_EVERY;

    SqliteEventLog(Database db, CellCipher cipher) {
        this(db, cipher, MAX_EVENTS);
    }

    SqliteEventLog(Database db, CellCipher cipher, int maxEvents) {
        this.db = db;
        this.cipher = cipher;
        this.maxEvents = maxEvents;
    }

    @Override
    public synchronized void append(Instant at, byte[] event) {
        db.inTransaction(() -> db.call("saving a report event", connection -> {
            long seq;
            try (var next = connection.prepareStatement("SELECT coalesce(max(seq), 0) + 1 FROM report_events");
                 ResultSet row = next.executeQuery()) {
                seq = row.next() ? row.getLong(1) : 1;
            }
            PreparedStatement insert = db.prepared("INSERT INTO report_events (seq, at_ms, event_sealed) VALUES (?, ?, ?)");
            insert.setLong(1, seq);
            insert.setLong(2, at.toEpochMilli());
            insert.setBytes(3, seal(seq, at.toEpochMilli(), event));
            insert.executeUpdate();
            if (++appendsSincePrune >= PRUNE_EVERY) {
                appendsSincePrune = 0;
                PreparedStatement prune = db.prepared("DELETE FROM report_events WHERE seq <= ? OR at_ms < ?");
                prune.setLong(1, seq - maxEvents);
                prune.setLong(2, at.minus(Duration.ofDays(MAX_AGE_DAYS)).toEpochMilli());
                prune.executeUpdate();
            }
            return null;
        }));
    }

    @Override
    public List<LoggedEvent> since(Instant from) {
        return db.call("reading report events", connection -> {
            PreparedStatement select = db.prepared("SELECT seq, at_ms, event_sealed FROM report_events"
                    + " WHERE at_ms >= ? ORDER BY seq");
            select.setLong(1, from.equals(Instant.MIN) ? Long.MIN_VALUE : from.toEpochMilli());
            var events = new ArrayList<LoggedEvent>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    events.add(read(row));
                }
            }
            // The newest MAX_EVENTS only, also between two prunes.
            return List.copyOf(events.size() > maxEvents ? events.subList(events.size() - maxEvents, events.size())
                    : events);
        });
    }

    @Override
    public Optional<LoggedEvent> last() {
        return db.call("reading the last report event", connection -> {
            PreparedStatement select = db.prepared("SELECT seq, at_ms, event_sealed FROM report_events"
                    + " ORDER BY seq DESC LIMIT 1");
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        });
    }

    private LoggedEvent read(ResultSet row) throws java.sql.SQLException {
        long seq = row.getLong(1);
        long atMs = row.getLong(2);
        return new LoggedEvent(seq, Instant.ofEpochMilli(atMs), cipher.openBinding(row.getBytes(3),
                List.of("at_ms=" + atMs), "report_events", "event_sealed", Long.toString(seq)));
    }

    /** Bound to its time too: moving an event in time makes it fail to open. */
    private byte[] seal(long seq, long atMs, byte[] event) {
        return cipher.sealBinding(event, List.of("at_ms=" + atMs), "report_events", "event_sealed", Long.toString(seq));
    }
}
