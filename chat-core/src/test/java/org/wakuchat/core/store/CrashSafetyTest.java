package org.wakuchat.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.MessageId;

/** A process killed with SIGKILL in the middle of writing loses nothing it had committed. */
class CrashSafetyTest {

    private static final int ACKNOWLEDGED_BEFORE_KILL = 40;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedInsertSurvivesAKill() throws Exception {
        Fixtures.create(dir).close();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process writer = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), Writer.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> acknowledged = new ArrayList<>();
        try (var lines = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && (line = lines.readLine()) != null) {
                acknowledged.add(line);
            }
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).hasSize(ACKNOWLEDGED_BEFORE_KILL);

        try (Storage storage = Fixtures.open(dir)) {
            MessageStore messages = storage.messages();
            for (String id : acknowledged) {
                assertThat(messages.message(new MessageId(id))).as("acknowledged message %s", id).isPresent();
            }
            int count = messages.count(new ConversationId("crash"));
            assertThat(count).isGreaterThanOrEqualTo(acknowledged.size());
            assertThat(messages.page(new ConversationId("crash"), 0, Integer.MAX_VALUE)).hasSize(count);
            assertThat(storage.secrets().all("session")).hasSizeGreaterThanOrEqualTo(acknowledged.size());
        }
    }

    /** The child process: writes until killed, printing each id once its insert has returned. */
    public static final class Writer {
        public static void main(String[] args) {
            try (Storage storage = Fixtures.open(Path.of(args[0]))) {
                for (int i = 0; ; i++) {
                    String id = "m" + i;
                    int n = i;
                    storage.messages().inTransaction(() -> {
                        storage.messages().insertMessage(
                                StoredMessage.of(Fixtures.incoming("crash", id, n, "text " + n)));
                        storage.messages().markRead(new ConversationId("crash"));
                    });
                    storage.secrets().put("session", id, new byte[64]);
                    System.out.println(id);
                    System.out.flush();
                }
            }
        }
    }
}
