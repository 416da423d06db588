package org.wakuchat.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A database as reviewable SQL text, for schema fixtures kept in git: tables, then rows, then
 * indexes and triggers (so triggers do not fire while rows are loaded), and the user_version.
 */
final class SqlDump {

    private static final String SEPARATOR = "\n-- next\n";

    private SqlDump() {
    }

    static String dump(Path database) throws SQLException {
        var statements = new ArrayList<String>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
             var statement = c.createStatement()) {
            try (ResultSet version = statement.executeQuery("PRAGMA user_version")) {
                statements.add("PRAGMA user_version = " + version.getInt(1));
            }
            List<String[]> objects = new ArrayList<>();
            try (ResultSet schema = statement.executeQuery("SELECT type, name, sql FROM sqlite_master"
                    + " WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid")) {
                while (schema.next()) {
                    objects.add(new String[] {schema.getString(1), schema.getString(2), schema.getString(3)});
                }
            }
            objects.stream().filter(o -> o[0].equals("table")).forEach(o -> statements.add(o[2]));
            for (String[] table : objects.stream().filter(o -> o[0].equals("table")).toList()) {
                statements.addAll(rows(c, table[1]));
            }
            objects.stream().filter(o -> !o[0].equals("table")).forEach(o -> statements.add(o[2]));
        }
        return String.join(SEPARATOR, statements) + "\n";
    }

    static void load(String sql, Path database) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
             var statement = c.createStatement()) {
            for (String part : sql.split(SEPARATOR)) {
                if (!part.isBlank()) {
                    statement.executeUpdate(part);
                }
            }
        }
    }

    static void load(Path sqlFile, Path database) throws IOException, SQLException {
        load(Files.readString(sqlFile), database);
    }

    private static List<String> rows(Connection c, String table) throws SQLException {
        var inserts = new ArrayList<String>();
        try (var statement = c.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                var values = new ArrayList<String>();
                for (int i = 1; i <= columns; i++) {
                    values.add(literal(rows, i));
                }
                inserts.add("INSERT INTO " + table + " VALUES (" + String.join(", ", values) + ")");
            }
        }
        return inserts;
    }

    private static String literal(ResultSet rows, int column) throws SQLException {
        Object value = rows.getObject(column);
        if (value == null) {
            return "NULL";
        }
        return switch (rows.getMetaData().getColumnType(column)) {
            case Types.INTEGER, Types.BIGINT -> Long.toString(rows.getLong(column));
            case Types.BLOB, Types.BINARY, Types.VARBINARY -> "X'" + HexFormat.of().formatHex(rows.getBytes(column)) + "'";
            default -> value instanceof byte[] bytes ? "X'" + HexFormat.of().formatHex(bytes) + "'"
                    : value instanceof Number number ? number.toString()
                    : "'" + value.toString().replace("'", "''") + "'";
        };
    }
}
