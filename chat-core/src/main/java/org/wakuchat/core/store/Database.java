package org.wakuchat.core.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * One SQLite file behind one connection, used by one thread at a time. Opening checks the file
 * (exists, is a database, is intact, is not from a newer version) before anything is written.
 * Write-ahead log with {@code synchronous=FULL}: a committed transaction survives a crash or power loss.
 */
final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    static final int BUSY_TIMEOUT_MILLIS = 5_000;

    /** Work on the connection; SQL errors become {@link StorageException}s naming the file. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final List<Migration> migrations;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private Runnable onRollback = () -> { };
    private int transactionDepth;

    private Database(Path file, List<Migration> migrations, Connection connection) {
        this.file = file;
        this.migrations = migrations;
        this.connection = connection;
    }

    String name() {
        return file.getFileName().toString();
    }

    Path file() {
        return file;
    }

    int latestVersion() {
        return migrations.size();
    }

    /** Makes a new, empty database file with the current schema. */
    static Database create(Path file, List<Migration> migrations) {
        if (Files.exists(file)) {
            throw new StorageException(file + " already exists; it was left as it is.");
        }
        Database database = connect(file, migrations, true);
        try {
            FilePermissions.ownerOnly(file);
            database.configure();
            database.migrate();
            return database;
        } catch (RuntimeException failed) {
            database.close();
            throw failed;
        }
    }

    /**
     * Opens an existing database and checks it without writing; {@link #migrate} and
     * {@link #configure} are separate so the caller can check ownership first.
     */
    static Database open(Path file, List<Migration> migrations) {
        if (!Files.isRegularFile(file)) {
            throw new StorageException(file + " is missing. The account's other files were left as they are;"
                    + " restore the file from a backup to read this account.");
        }
        Database database = connect(file, migrations, false);
        try {
            database.checkVersion();
            database.checkIntegrity();
            return database;
        } catch (RuntimeException failed) {
            database.close();
            throw failed;
        }
    }

    /** Applies the missing schema steps in one transaction: all of them, or none. */
    void migrate() {
        int current = userVersion();
        if (current == latestVersion()) {
            return;
        }
        inTransaction(() -> call("migrating the schema", c -> {
            try (Statement statement = c.createStatement()) {
                for (Migration step : migrations.subList(current, migrations.size())) {
                    LOG.info("Migrating {} to version {}: {}", name(), step.version(), step.description());
                    for (String sql : step.statements()) {
                        statement.executeUpdate(sql);
                    }
                }
                statement.executeUpdate("PRAGMA user_version = " + latestVersion());
            }
            return null;
        }));
    }

    /** Durability settings; switching to WAL writes the file header, so only after the checks. */
    void configure() {
        call("configuring", c -> {
            try (Statement statement = c.createStatement()) {
                try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
                    if (!mode.next() || !"wal".equalsIgnoreCase(mode.getString(1))) {
                        throw new SQLException("the file system does not support write-ahead logging");
                    }
                }
                statement.executeUpdate("PRAGMA synchronous = FULL");
                statement.executeUpdate("PRAGMA foreign_keys = ON");
            }
            return null;
        });
    }

    int userVersion() {
        return call("reading the schema version", c -> {
            try (Statement statement = c.createStatement();
                 ResultSet result = statement.executeQuery("PRAGMA user_version")) {
                return result.next() ? result.getInt(1) : 0;
            }
        });
    }

    /** Called after a transaction rolls back, so callers can drop caches of what was undone. */
    void onRollback(Runnable listener) {
        this.onRollback = listener;
    }

    /** Runs {@code work} under this database's lock; SQL errors become {@link StorageException}. */
    <T> T call(String what, SqlWork<T> work) {
        lock.lock();
        try {
            return work.run(connection);
        } catch (SQLException failed) {
            throw new StorageException(name() + ": " + what + " failed: " + failed.getMessage(), failed);
        } finally {
            lock.unlock();
        }
    }

    /** A cached prepared statement; only use it inside {@link #call}. */
    PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /**
     * Runs {@code work} in a transaction, committed when it returns and rolled back when it throws.
     * Nested calls are savepoints: an inner failure caught by the outer work undoes only the inner part.
     */
    void inTransaction(Runnable work) {
        lock.lock();
        try {
            begin();
            try {
                work.run();
            } catch (RuntimeException | Error failed) {
                rollback(failed);
                throw failed;
            }
            commit();
        } finally {
            lock.unlock();
        }
    }

    private void begin() {
        int depth = transactionDepth;
        execute("starting a transaction", depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT nested_" + depth);
        transactionDepth++;
    }

    private void commit() {
        int depth = --transactionDepth;
        try {
            execute("committing", depth == 0 ? "COMMIT" : "RELEASE nested_" + depth);
        } catch (StorageException failed) {
            transactionDepth++;
            rollback(failed);
            throw failed;
        }
    }

    private void rollback(Throwable cause) {
        int depth = --transactionDepth;
        try {
            if (depth == 0) {
                execute("rolling back", "ROLLBACK");
            } else {
                execute("rolling back", "ROLLBACK TO nested_" + depth);
                execute("rolling back", "RELEASE nested_" + depth);
            }
        } catch (StorageException alsoFailed) {
            cause.addSuppressed(alsoFailed);
        } finally {
            onRollback.run();
        }
    }

    private void execute(String what, String sql) {
        call(what, c -> {
            try (Statement statement = c.createStatement()) {
                statement.executeUpdate(sql);
            }
            return null;
        });
    }

    private void checkVersion() {
        int version;
        try {
            version = userVersion();
        } catch (StorageException unreadable) {
            throw new StorageException(file + " is not a readable database (" + unreadable.getCause().getMessage()
                    + "). It may be damaged; it was left as it is.", unreadable.getCause());
        }
        if (version == 0) {
            throw new StorageException(file + " is empty or not a Waku Chat database (truncated?). It was left as it is.");
        }
        if (version > latestVersion()) {
            throw new StorageException(file + " was made by a newer version of Waku Chat (schema version " + version
                    + ", this version knows up to " + latestVersion() + "). Update the app; the file was left as it is.");
        }
    }

    private void checkIntegrity() {
        String verdict;
        try {
            verdict = call("checking integrity", c -> {
                try (Statement statement = c.createStatement();
                     ResultSet result = statement.executeQuery("PRAGMA quick_check(5)")) {
                    var problems = new StringBuilder();
                    while (result.next()) {
                        problems.append(problems.isEmpty() ? "" : "; ").append(result.getString(1));
                    }
                    return problems.toString();
                }
            });
        } catch (StorageException unreadable) {
            verdict = unreadable.getCause().getMessage();
        }
        if (!"ok".equals(verdict)) {
            String problems = verdict.replaceAll("\\s+", " ").strip();
            throw new StorageException(file + " is damaged (" + problems + "). It was left as it is; restore it"
                    + " from a backup.");
        }
    }

    private static Database connect(Path file, List<Migration> migrations, boolean create) {
        var config = new SQLiteConfig();
        if (!create) {
            config.resetOpenMode(SQLiteOpenMode.CREATE);
        }
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        try {
            return new Database(file, migrations, config.createConnection("jdbc:sqlite:" + file));
        } catch (SQLException failed) {
            throw new StorageException("Cannot open " + file + ": " + failed.getMessage(), failed);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            for (PreparedStatement statement : statements.values()) {
                statement.close();
            }
            statements.clear();
            connection.close();
        } catch (SQLException failed) {
            throw new StorageException("Closing " + name() + " failed: " + failed.getMessage(), failed);
        } finally {
            lock.unlock();
        }
    }
}
