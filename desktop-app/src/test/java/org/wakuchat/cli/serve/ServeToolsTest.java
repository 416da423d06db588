package org.wakuchat.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeToolsTest {

    @TempDir
    Path temp;

    @Test
    void sizesAsOperatorsWriteThem() {
        assertThat(ByteSize.parse("5GB")).isEqualTo(5L * 1024 * 1024 * 1024);
        assertThat(ByteSize.parse("500mb")).isEqualTo(500L * 1024 * 1024);
        assertThat(ByteSize.parse("1.5GB")).isEqualTo(3L * 512 * 1024 * 1024);
        assertThat(ByteSize.parse("4096")).isEqualTo(4096);
        assertThat(ByteSize.parse(" 2 TB ")).isEqualTo(2L << 40);
        assertThatThrownBy(() -> ByteSize.parse("5 parsecs")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteSize.parse("-1GB")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ByteSize.format(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GB");
        assertThat(ByteSize.format(800)).isEqualTo("800 B");
    }

    @Test
    void theNodeKeyIsMadeOnceOwnerOnlyAndKept() throws IOException {
        String first = NodeKeyFile.loadOrCreate(temp, new SecureRandom());
        String again = NodeKeyFile.loadOrCreate(temp, new SecureRandom());

        assertThat(first).matches("[0-9a-f]{64}").isEqualTo(again);
        Path file = temp.resolve(NodeKeyFile.NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(temp)) {
            assertThat(files).as("no temporary file left behind").containsExactly(file);
        }
        assertThat(NodeKeyFile.loadOrCreate(Files.createDirectory(temp.resolve("other")), new SecureRandom()))
                .as("another folder, another node").isNotEqualTo(first);
    }

    @Test
    void aDamagedKeyFileIsRefusedRatherThanReplaced() throws IOException {
        Files.writeString(temp.resolve(NodeKeyFile.NAME), "not a key");

        assertThatThrownBy(() -> NodeKeyFile.loadOrCreate(temp, new SecureRandom()))
                .isInstanceOf(IOException.class).hasMessageContaining("does not hold a node key");
        assertThat(Files.readString(temp.resolve(NodeKeyFile.NAME))).isEqualTo("not a key");
    }

    @Test
    void aWildcardNodeIsDialableOnEachInterfaceAndWhereNwakuAnnouncesIt() throws Exception {
        String id = "16Uiu2HAmTest";
        List<InetAddress> interfaces = List.of(InetAddress.ofLiteral("127.0.0.1"), InetAddress.ofLiteral("192.0.2.7"),
                InetAddress.getByAddress("eth0", InetAddress.ofLiteral("fe80::1").getAddress()), InetAddress.ofLiteral("2001:db8::5"));
        List<String> announced = List.of("/ip4/203.0.113.9/tcp/60000/p2p/" + id, "/ip4/192.0.2.7/tcp/60000/p2p/" + id);

        assertThat(DialableAddresses.of(announced, true, 60000, id, interfaces)).containsExactly(
                "/ip4/203.0.113.9/tcp/60000/p2p/" + id, "/ip4/192.0.2.7/tcp/60000/p2p/" + id,
                "/ip4/127.0.0.1/tcp/60000/p2p/" + id, "/ip6/2001:db8:0:0:0:0:0:5/tcp/60000/p2p/" + id);
        assertThat(DialableAddresses.of(List.of("/ip4/127.0.0.1/tcp/61000/p2p/" + id), false, 61000, id, interfaces))
                .as("a node bound to one address is dialable there only").containsExactly("/ip4/127.0.0.1/tcp/61000/p2p/" + id);
        assertThat(DialableAddresses.wildcard("0.0.0.0")).isTrue();
        assertThat(DialableAddresses.wildcard("127.0.0.1")).isFalse();
        assertThat(DialableAddresses.port(announced, 0)).isEqualTo(60000);
    }

    @Test
    void maintenanceCountsAndCutsTheOldestOnceTheStoreOutgrowsItsLimit() throws Exception {
        Path db = temp.resolve("store.sqlite3");
        nwakuLikeStore(db, 2000, 1024);
        long bytes = StoreMaintenance.databaseBytes(db);

        StoreMaintenanceMain.Result within = StoreMaintenanceMain.run(db, bytes * 2);
        assertThat(within.rows()).isEqualTo(2000);
        assertThat(within.deleted()).isZero();

        StoreMaintenanceMain.Result cut = StoreMaintenanceMain.run(db, bytes / 2);
        assertThat(cut.deleted()).isGreaterThanOrEqualTo(1000);
        assertThat(cut.rows()).isEqualTo(2000 - cut.deleted());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT min(timestamp) FROM Message")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).as("the oldest went first").isEqualTo(cut.deleted());
        }
    }

    @Test
    void maintenanceRunsInAChildProcess() throws Exception {
        Path db = temp.resolve("store.sqlite3");
        nwakuLikeStore(db, 10, 100);

        StoreMaintenance.Check check = new StoreMaintenance(db, 1L << 30).run();

        assertThat(check.rows()).isEqualTo(10);
        assertThat(check.deleted()).isZero();
        assertThat(new StoreMaintenance(temp.resolve("none.sqlite3"), 1L << 30).run().rows())
                .as("no database yet (first start)").isZero();
    }

    /** The table nwaku v0.36 makes (seen in a real node's store.sqlite3), WAL mode as nwaku sets it. */
    private static void nwakuLikeStore(Path db, int rows, int payloadBytes) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("CREATE TABLE Message ( messageHash BLOB NOT NULL PRIMARY KEY, pubsubTopic BLOB NOT NULL, "
                    + "contentTopic BLOB NOT NULL, payload BLOB, version INTEGER NOT NULL, timestamp INTEGER NOT NULL, meta BLOB) WITHOUT ROWID");
            st.execute("CREATE INDEX i_ts ON Message (timestamp)");
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO Message VALUES (?, ?, ?, ?, 0, ?, NULL)")) {
                for (int i = 0; i < rows; i++) {
                    insert.setBytes(1, java.nio.ByteBuffer.allocate(32).putInt(i).array());
                    insert.setBytes(2, "/waku/2/rs/42/0".getBytes());
                    insert.setBytes(3, "/wakuchat/1/x/proto".getBytes());
                    insert.setBytes(4, new byte[payloadBytes]);
                    insert.setLong(5, i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }
}
