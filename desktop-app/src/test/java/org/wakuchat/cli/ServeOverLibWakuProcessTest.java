package org.wakuchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code wakuchat-cli serve} as clients meet it: one service node and two CLI clients, each a
 * real process on real libwaku (127.0.0.1, private cluster), the clients knowing only the service
 * node's address (their one bootstrap peer and Store node), never each other's. They chat both
 * ways up to DELIVERED; one is offline while the other sends and catches up from the service
 * node's Store when it comes back; the service node restarts mid-conversation (same data folder,
 * so the same key and address) and both clients reconnect by themselves. One test, so each
 * process starts as few times as the story needs (stopping a node costs about ten seconds).
 */
@Tag("libwaku")
class ServeOverLibWakuProcessTest {

    private static final Logger LOG = LoggerFactory.getLogger(ServeOverLibWakuProcessTest.class);
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** After a service-node restart: the clients re-dial with backoff, and gossipsub keeps a returning peer out of its mesh for about a minute. */
    private static final Duration RECONNECT_PATIENCE = Duration.ofSeconds(150);

    @TempDir
    Path temp;
    private final List<Running> started = new ArrayList<>();
    private Map<String, String> env;

    @BeforeEach
    void requireLibWaku() {
        RealLibWaku.loadOrSkip();
        CliLauncher.requirePosixShell();
        env = CliLauncher.environment();
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        started.forEach(Running::terminate);
        for (Running running : started) {
            if (!running.process.waitFor(30, TimeUnit.SECONDS)) {
                running.process.destroyForcibly();
            }
        }
    }

    @Test
    void twoClientsWhoKnowOnlyTheServiceNodeChatCatchUpAndSurviveItsRestart() throws Exception {
        int servePort = freePort();
        Path serveDir = temp.resolve("serve");
        Running serve = serve(serveDir, servePort);
        String serveAddress = serve.await("address", line -> true, PATIENCE).get("address").asText();
        assertThat(serveAddress).startsWith("/ip4/127.0.0.1/tcp/" + servePort + "/p2p/16Uiu2HA");
        assertThat(Files.readString(serveDir.resolve("node.key")).strip()).matches("[0-9a-f]{64}");

        init("alice", "Alice");
        init("bob", "Bob");
        String link = CliHarness.parse(oneShot("alice", "invite", "--json").strip()).get("link").asText();
        oneShot("bob", "accept", link);

        Running alice = listen("alice", serveAddress);
        Running bob = listen("bob", serveAddress);
        alice.await("status", connected(), PATIENCE);
        bob.await("status", connected(), PATIENCE);

        // Both ways, to DELIVERED, through the service node only.
        chat(bob, alice, "Alice", "hello-from-bob", PATIENCE);
        chat(alice, bob, "Bob", "hello-from-alice", PATIENCE);

        // Bob is offline while Alice writes; he catches up from the service node's Store.
        bob.stop();
        assertThat(bob.process.waitFor(40, TimeUnit.SECONDS)).as("bob's listen stops on SIGTERM").isTrue();
        assertThat(bob.process.exitValue()).isZero();
        alice.send("Bob", "while-you-were-away");
        String awayId = alice.await("message", text("while-you-were-away"), PATIENCE).get("message").asText();
        bob = listen("bob", serveAddress);
        bob.await("message", text("while-you-were-away"), PATIENCE);
        alice.await("delivery", delivered(awayId), PATIENCE);

        // The service node restarts mid-conversation, same folder: same key, same address.
        serve.stop();
        assertThat(serve.process.waitFor(40, TimeUnit.SECONDS)).as("serve stops on SIGTERM within systemd's 30 s").isTrue();
        assertThat(serve.process.exitValue()).isZero();
        Running again = serve(serveDir, servePort);
        assertThat(again.await("address", line -> true, PATIENCE).get("address").asText())
                .as("the kept node key keeps the address clients were given").isEqualTo(serveAddress);
        JsonNode firstStats = again.await("stats", line -> true, PATIENCE);
        assertThat(firstStats.get("stored").asLong()).as("the Store kept what it stored before the restart")
                .isGreaterThanOrEqualTo(3);

        chat(bob, alice, "Alice", "after-restart-from-bob", RECONNECT_PATIENCE);
        chat(alice, bob, "Bob", "after-restart-from-alice", RECONNECT_PATIENCE);
        assertThat(again.await("stats", line -> line.get("relayed").asLong() >= 2 && line.get("peers").asInt() >= 2, PATIENCE))
                .as("the service node counts what it relays and sees both clients").isNotNull();

        for (Running node : List.of(serve, again)) {
            assertThat(node.output()).as("the service node never shows chat content")
                    .doesNotContain("hello-from", "while-you-were-away", "after-restart");
        }
    }

    /** {@code from} sends {@code text} to {@code toName}; {@code to} receives it and {@code from} sees DELIVERED. */
    private static void chat(Running from, Running to, String toName, String text, Duration patience) throws Exception {
        from.send(toName, text);
        String id = from.await("message", text(text), PATIENCE).get("message").asText();
        to.await("message", text(text), patience);
        from.await("delivery", delivered(id), patience);
    }

    private static Predicate<JsonNode> connected() {
        return line -> line.get("state").asText().equals("CONNECTED");
    }

    private static Predicate<JsonNode> text(String text) {
        return line -> text.equals(line.path("text").asText());
    }

    private static Predicate<JsonNode> delivered(String messageId) {
        return line -> line.get("message").asText().equals(messageId) && line.get("state").asText().equals("DELIVERED");
    }

    private Running serve(Path dir, int port) throws IOException {
        return start("serve", List.of("serve", "--json", "--data-dir", dir.toString(), "--preset", "private",
                "--listen-address", "127.0.0.1", "--tcp-port", Integer.toString(port), "--stats-interval", "1"));
    }

    private Running listen(String who, String serveAddress) throws IOException {
        return start(who, List.of("listen", "--json", "--commands", "--data-dir", temp.resolve(who).toString(),
                "--preset", "private", "--listen-address", "127.0.0.1", "--tcp-port", "0",
                "--bootstrap", serveAddress, "--store-node", serveAddress), passphrase(who));
    }

    private void init(String who, String name) throws Exception {
        oneShot(who, "init", "--name", name);
    }

    private String oneShot(String who, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(CliLauncher.script().toString()));
        command.add(args[0]);
        command.addAll(List.of("--data-dir", temp.resolve(who).toString()));
        command.addAll(List.of(args).subList(1, args.length));
        Path out = Files.createTempFile(temp, who, ".out");
        ProcessBuilder builder = builder(command, passphrase(who)).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.appendTo(temp.resolve(who + ".err").toFile()));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s ended", String.join(" ", args)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", String.join(" ", args), Files.readString(temp.resolve(who + ".err"))).isZero();
        return Files.readString(out);
    }

    private static String passphrase(String who) {
        return who + " serve-test pass";
    }

    private ProcessBuilder builder(List<String> command, String passphrase) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(CliLauncher.repositoryRoot().toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        if (passphrase != null) {
            builder.environment().put(CliEnvironment.PASSPHRASE_VARIABLE, passphrase);
        }
        return builder;
    }

    private Running start(String name, List<String> args) throws IOException {
        return start(name, args, null);
    }

    private Running start(String name, List<String> args, String passphrase) throws IOException {
        List<String> command = new ArrayList<>(List.of(CliLauncher.script().toString()));
        command.addAll(args);
        ProcessBuilder builder = builder(command, passphrase)
                .redirectError(ProcessBuilder.Redirect.appendTo(temp.resolve(name + ".err").toFile()));
        Running running = new Running(name, builder.start());
        started.add(running);
        return running;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A running CLI process: its standard output as JSON lines, its standard input for commands. */
    private static final class Running {
        final String name;
        final Process process;
        private final List<JsonNode> lines = new CopyOnWriteArrayList<>();
        private final StringBuilder raw = new StringBuilder();
        private final Writer stdin;

        Running(String name, Process process) {
            this.name = name;
            this.process = process;
            this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(this::read, "serve-test-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (raw) {
                        raw.append(line).append('\n');
                    }
                    LOG.debug("{}: {}", name, line);
                    lines.add(CliHarness.parse(line));
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }

        String output() {
            synchronized (raw) {
                return raw.toString();
            }
        }

        void send(String contact, String text) throws IOException {
            stdin.write("send " + contact + " " + text + "\n");
            stdin.flush();
        }

        /** The first line of {@code type} that matches, waiting up to {@code patience}. */
        JsonNode await(String type, Predicate<JsonNode> matches, Duration patience) throws InterruptedException {
            long deadline = System.nanoTime() + patience.toNanos();
            while (System.nanoTime() < deadline) {
                for (JsonNode line : lines) {
                    if (line.path("type").asText().equals(type) && matches.test(line)) {
                        return line;
                    }
                }
                if (!process.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(200); // the last lines may still be read
                    for (JsonNode line : lines) {
                        if (line.path("type").asText().equals(type) && matches.test(line)) {
                            return line;
                        }
                    }
                    throw new AssertionError(name + " ended (exit " + process.exitValue() + ") without a matching "
                            + type + " line; it printed:\n" + output());
                }
                Thread.sleep(100);
            }
            throw new AssertionError(name + ": no matching " + type + " line within " + patience.toSeconds() + " s; it printed:\n" + output());
        }

        void stop() {
            terminate();
        }

        void terminate() {
            if (process.isAlive()) {
                process.destroy(); // SIGTERM
            }
        }
    }
}
