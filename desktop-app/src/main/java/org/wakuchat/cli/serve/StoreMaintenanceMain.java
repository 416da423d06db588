package org.wakuchat.cli.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs in a child process of {@code serve} (see {@link StoreMaintenance}): counts the messages in
 * nwaku's Store database and, when the database is larger than the size limit, deletes the oldest
 * until it is back at 80 % of it; SQLite reuses the freed pages, so the file stops growing there.
 * It prints one line, {@code rows=<n> deleted=<n> bytes=<n>}.
 *
 * <p>Why a process of its own: nwaku links its own SQLite. Two SQLite copies in one process do not
 * see each other's POSIX locks (they are per process), and closing one's file descriptor drops the
 * other's, so opening nwaku's live database from this JVM could corrupt it. Across processes
 * SQLite's locking (WAL mode, as nwaku opens it) is exactly what it is made for.
 */
public final class StoreMaintenanceMain {

    /** After pruning, the database's rows are cut to this share of the limit. */
    static final double PRUNE_TARGET = 0.8;

    private StoreMaintenanceMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: StoreMaintenanceMain <store.sqlite3> <max-bytes>");
            System.exit(2);
        }
        Result result = run(Path.of(args[0]), Long.parseLong(args[1]));
        System.out.println(result.line());
    }

    record Result(long rows, long deleted, long bytes) {
        String line() {
            return "rows=" + rows + " deleted=" + deleted + " bytes=" + bytes;
        }
    }

    static Result run(Path database, long maxBytes) throws SQLException {
        if (!Files.exists(database)) {
            return new Result(0, 0, 0);
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath());
             Statement st = db.createStatement()) {
            // nwaku writes while we read and delete: wait for its transactions instead of failing.
            st.execute("PRAGMA busy_timeout = 15000");
            if (!hasMessageTable(st)) {
                return new Result(0, 0, StoreMaintenance.databaseBytes(database));
            }
            long rows = count(st);
            long bytes = StoreMaintenance.databaseBytes(database);
            long deleted = 0;
            if (bytes > maxBytes && rows > 0) {
                long keep = (long) Math.floor(rows * PRUNE_TARGET * maxBytes / bytes);
                long delete = Math.max(1, rows - keep);
                try (PreparedStatement oldest = db.prepareStatement(
                        "DELETE FROM Message WHERE messageHash IN (SELECT messageHash FROM Message ORDER BY timestamp LIMIT ?)")) {
                    oldest.setLong(1, delete);
                    deleted = oldest.executeUpdate();
                }
                // Moves the deletions out of the WAL so its file shrinks too; nwaku may be busy: then later.
                try (ResultSet ignored = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                    // the result row says whether it was complete
                }
                rows -= deleted;
            }
            return new Result(rows, deleted, StoreMaintenance.databaseBytes(database));
        }
    }

    private static boolean hasMessageTable(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'Message'")) {
            return rs.next() && rs.getLong(1) > 0;
        }
    }

    private static long count(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM Message")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
