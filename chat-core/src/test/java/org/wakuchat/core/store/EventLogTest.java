package org.wakuchat.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reliability report's event log: sealed at rest, bounded in count and age, bound to its times. */
class EventLogTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final byte[] EVENT = "conversation 9f3c-secret-conversation-id went missing".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void eventsAreSealedAtRestAndReadBackInOrder() throws Exception {
        try (Storage storage = Fixtures.create(dir)) {
            for (int i = 0; i < 5; i++) {
                storage.events().append(T0.plusSeconds(i), event(i));
            }
        }
        for (var snapshot : Fixtures.snapshot(dir).values()) {
            assertThat(indexOf(snapshot.content(), "secret-conversation-id".getBytes(StandardCharsets.UTF_8)))
                    .as("no file holds an event in plaintext").isEqualTo(-1);
        }
        try (Storage storage = Fixtures.open(dir)) {
            var all = storage.events().since(Instant.MIN);
            assertThat(all).hasSize(5);
            for (int i = 0; i < 5; i++) {
                assertThat(all.get(i).at()).isEqualTo(T0.plusSeconds(i));
                assertThat(all.get(i).event()).isEqualTo(event(i));
            }
            assertThat(storage.events().since(T0.plusSeconds(3))).hasSize(2);
            assertThat(storage.events().last().orElseThrow().event()).isEqualTo(event(4));
        }
    }

    @Test
    void anEventMovedInTimeNoLongerOpens() throws Exception {
        try (Storage storage = Fixtures.create(dir)) {
            storage.events().append(T0, EVENT);
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("messages.db"));
             var update = c.createStatement()) {
            update.executeUpdate("UPDATE report_events SET at_ms = at_ms - 86400000");
        }
        try (Storage storage = Fixtures.open(dir)) {
            assertThatThrownBy(() -> storage.events().since(Instant.MIN)).isInstanceOf(StorageException.class)
                    .hasMessageContaining("report_events");
        }
    }

    @Test
    void theLogKeepsTheLastEventsAndNothingOlderThanItsAgeLimit() {
        Path file = dir.resolve("messages.db");
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        try (Database db = Database.create(file, MessagesSchema.MIGRATIONS)) {
            var log = new SqliteEventLog(db, new CellCipher("messages.db", key, new SecureRandom()), 50);
            log.append(T0, event(-1));
            Instant later = T0.plus(Duration.ofDays(EventLog.MAX_AGE_DAYS + 1));
            for (int i = 0; i < 230; i++) {
                log.append(later.plusSeconds(i), event(i));
            }
            var kept = log.since(Instant.MIN);
            assertThat(kept).hasSize(50);
            assertThat(kept.getLast().event()).isEqualTo(event(229));
            assertThat(kept.getFirst().event()).isEqualTo(event(180));
            // Pruning also deleted the rows, not only hid them (it runs every 100 appends).
            int rows = db.call("counting", c -> {
                try (var s = c.prepareStatement("SELECT count(*) FROM report_events"); var r = s.executeQuery()) {
                    return r.next() ? r.getInt(1) : -1;
                }
            });
            assertThat(rows).isLessThanOrEqualTo(50 + 100);
            assertThat(log.since(Instant.MIN)).noneMatch(e -> e.at().equals(T0));
        }
    }

    private static byte[] event(int i) {
        return ("event " + i + " " + new String(EVENT, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
