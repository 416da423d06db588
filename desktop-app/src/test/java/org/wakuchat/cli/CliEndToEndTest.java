package org.wakuchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.simulator.SimulatedNetwork;
import org.wakuchat.core.time.SystemScheduler;

/** Two CLIs with their own data folders chatting over the network simulator, in real time, in this JVM. */
class CliEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path temp;
    private final SystemScheduler scheduler = new SystemScheduler();
    /** Each command that runs in the background gets its own thread, as it would its own process. */
    private final ExecutorService commands = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory());
    private CliHarness cli;

    @BeforeEach
    void setUp() {
        SimulatedNetwork network = new SimulatedNetwork(7, scheduler);
        network.addNode("relay").start();
        AtomicInteger nodes = new AtomicInteger();
        cli = new CliHarness(config -> network.addNode("cli-" + nodes.incrementAndGet()), scheduler, temp);
    }

    @AfterEach
    void tearDown() {
        commands.shutdownNow();
        scheduler.close();
    }

    @Test
    void initInviteAcceptSendDeliveredAndListenShowsTheMessage() throws Exception {
        assertThat(cli.as("alice", "init", "--name", "Alice").code()).isZero();
        assertThat(cli.as("bob", "init", "--name", "Bob").code()).isZero();
        String link = cli.as("alice", "invite", "--json").jsonLine().get("link").asText();
        JsonNode contact = cli.as("bob", "accept", link, "--json").jsonLine();

        var aliceOut = new ByteArrayOutputStream();
        var aliceIn = new PipedOutputStream();
        var aliceStdin = new PipedInputStream(aliceIn);
        // A terminal's input, which Ctrl-D ends (closing the pipe, below).
        CompletableFuture<CliHarness.Result> listening = CompletableFuture.supplyAsync(() -> cli.run(
                Map.of(CliEnvironment.PASSPHRASE_VARIABLE, CliHarness.passphrase("alice")), aliceStdin, true, aliceOut,
                new ByteArrayOutputStream(), new StopSignal(), cli.withDataDir("alice", "listen", "--json")), commands);
        awaitLine(aliceOut, line -> line.get("type").asText().equals("status") && line.get("state").asText().equals("CONNECTED"));

        CliHarness.Result sent = cli.as("bob", "send", "Alice", "Hi Alice, over the CLI!", "--wait", "delivered", "--json");

        assertThat(sent.code()).as(sent.err()).isZero();
        JsonNode message = sent.jsonLine();
        assertThat(message.get("state").asText()).isEqualTo("DELIVERED");
        assertThat(message.get("conversation").asText()).isEqualTo(contact.get("conversation").asText());
        JsonNode received = awaitLine(aliceOut, line -> line.get("type").asText().equals("message"));
        assertThat(received.get("text").asText()).isEqualTo("Hi Alice, over the CLI!");
        assertThat(received.get("direction").asText()).isEqualTo("in");
        assertThat(received.get("contact").asText()).isEqualTo("Bob");
        assertThat(received.get("message").asText()).isEqualTo(message.get("message").asText());
        assertThat(received.get("conversation").asText()).isEqualTo(contact.get("conversation").asText());
        awaitLine(aliceOut, line -> line.get("type").asText().equals("contact") && line.get("name").asText().equals("Bob"));

        aliceIn.close();
        CliHarness.Result listen = listening.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(listen.code()).as(listen.err()).isZero();
        assertThat(cli.as("alice", "history", "Bob").out()).contains("← Bob: Hi Alice, over the CLI!");
        assertThat(cli.as("bob", "history", "Alice").out()).contains("→ Alice: Hi Alice, over the CLI!  [delivered]");
    }

    @Test
    void listenStopsAfterCountAndRepliesFlowBack() throws Exception {
        cli.as("alice", "init", "--name", "Alice");
        cli.as("bob", "init", "--name", "Bob");
        cli.as("bob", "accept", cli.as("alice", "invite", "--json").jsonLine().get("link").asText());
        assertThat(cli.as("bob", "send", "alice", "first", "--wait", "queued").code()).isZero();

        Listening alice = listen("alice", "--count", "2");
        CliHarness.Result bobSends = cli.as("bob", "send", "alice", "second", "--wait", "delivered");

        assertThat(bobSends.code()).as(bobSends.err()).isZero();
        CliHarness.Result listened = alice.result.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(listened.code()).as(listened.err()).isZero();
        assertThat(listened.json()).filteredOn(line -> line.get("type").asText().equals("message"))
                .extracting(line -> line.get("text").asText()).containsExactlyInAnyOrder("first", "second");

        Listening bob = listen("bob", "--count", "1");
        CliHarness.Result reply = cli.as("alice", "send", "Bob", "got it", "--wait", "delivered", "--json");

        assertThat(reply.code()).as(reply.err()).isZero();
        List<JsonNode> bobSaw = bob.result.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).json();
        assertThat(bobSaw).filteredOn(line -> line.get("type").asText().equals("message"))
                .extracting(line -> line.get("text").asText()).containsExactly("got it");
    }

    @Test
    void listenWithCommandsSendsFromStandardInputWhileListening() throws Exception {
        cli.as("alice", "init", "--name", "Alice");
        cli.as("bob", "init", "--name", "Bob");
        cli.as("alice", "accept", cli.as("bob", "invite", "--json").jsonLine().get("link").asText());
        Listening bob = listen("bob", "--count", "1");

        var aliceOut = new ByteArrayOutputStream();
        var aliceErr = new ByteArrayOutputStream();
        var aliceIn = new PipedOutputStream();
        var aliceStdin = new PipedInputStream(aliceIn);
        CompletableFuture<CliHarness.Result> alice = CompletableFuture.supplyAsync(() -> cli.run(
                Map.of(CliEnvironment.PASSPHRASE_VARIABLE, CliHarness.passphrase("alice")), aliceStdin, aliceOut, aliceErr,
                cli.withDataDir("alice", "listen", "--json", "--commands", "--exit-on-eof")), commands);
        awaitLine(aliceOut, line -> line.get("type").asText().equals("status") && line.get("state").asText().equals("CONNECTED"));
        aliceIn.write("dance\nsend Bob hello from a bot\n".getBytes(StandardCharsets.UTF_8));
        aliceIn.flush();

        List<JsonNode> bobSaw = bob.result.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).json();
        assertThat(bobSaw).filteredOn(line -> line.get("type").asText().equals("message"))
                .extracting(line -> line.get("text").asText()).containsExactly("hello from a bot");
        JsonNode sent = awaitLine(aliceOut, line -> line.get("type").asText().equals("message"));
        assertThat(sent.get("direction").asText()).isEqualTo("out");
        awaitLine(aliceOut, line -> line.get("type").asText().equals("delivery")
                && line.get("message").asText().equals(sent.get("message").asText())
                && line.get("state").asText().equals("DELIVERED"));
        aliceIn.close();
        CliHarness.Result done = alice.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(done.code()).isZero();
        assertThat(CliHarness.parse(done.err().strip()).get("message").asText()).contains("Unknown input command 'dance'");
    }

    @Test
    void anInterruptStopsListenWhichClosesTheAccountFirst() throws Exception {
        cli.as("alice", "init", "--name", "Alice");
        var out = new ByteArrayOutputStream();
        var keptOpen = new PipedInputStream(new PipedOutputStream());
        StopSignal interrupt = new StopSignal();
        CompletableFuture<CliHarness.Result> listening = CompletableFuture.supplyAsync(() -> cli.run(
                Map.of(CliEnvironment.PASSPHRASE_VARIABLE, CliHarness.passphrase("alice")), keptOpen, out,
                new ByteArrayOutputStream(), interrupt, cli.withDataDir("alice", "listen", "--json")), commands);
        awaitLine(out, line -> line.get("type").asText().equals("status") && line.get("state").asText().equals("CONNECTED"));

        interrupt.stopAndWait(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(cli.as("alice", "contacts").code()).as("the data folder is free again").isZero();
        assertThat(listening.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).code()).isZero();
    }

    @Test
    void listenWithInputThatIsNotATerminalRunsPastItsEndUntilInterrupted() throws Exception {
        cli.as("alice", "init", "--name", "Alice");
        cli.as("bob", "init", "--name", "Bob");
        cli.as("bob", "accept", cli.as("alice", "invite", "--json").jsonLine().get("link").asText());
        var out = new ByteArrayOutputStream();
        StopSignal interrupt = new StopSignal();
        // As `listen &` in a script, nohup or a service: standard input is empty (/dev/null) and no terminal.
        CompletableFuture<CliHarness.Result> listening = CompletableFuture.supplyAsync(() -> cli.run(
                Map.of(CliEnvironment.PASSPHRASE_VARIABLE, CliHarness.passphrase("alice")),
                new java.io.ByteArrayInputStream(new byte[0]), false, out, new ByteArrayOutputStream(), interrupt,
                cli.withDataDir("alice", "listen", "--json")), commands);
        awaitLine(out, line -> line.get("type").asText().equals("status") && line.get("state").asText().equals("CONNECTED"));

        CliHarness.Result sent = cli.as("bob", "send", "Alice", "still there?", "--wait", "delivered");

        assertThat(sent.code()).as("Alice's listen confirmed it: " + sent.err()).isZero();
        assertThat(listening).as("still listening after the end of its input").isNotDone();
        interrupt.stopAndWait(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        CliHarness.Result listened = listening.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(listened.code()).isZero();
        assertThat(listened.json()).filteredOn(line -> line.get("type").asText().equals("message"))
                .extracting(line -> line.get("text").asText()).containsExactly("still there?");
        assertThat(cli.as("alice", "contacts").code()).as("the account was closed").isZero();
    }

    @Test
    void theEndOfInputStopsListenOnATerminalOrWithExitOnEof() throws Exception {
        cli.as("alice", "init", "--name", "Alice");

        CliHarness.Result onTerminal = listenWithEmptyInput(true);
        CliHarness.Result asked = listenWithEmptyInput(false, "--exit-on-eof");
        CliHarness.Result both = listenWithEmptyInput(false, "--exit-on-eof", "--ignore-stdin");

        assertThat(onTerminal.code()).as(onTerminal.err()).isZero();
        assertThat(asked.code()).as(asked.err()).isZero();
        assertThat(both.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("--exit-on-eof and --ignore-stdin");
    }

    /** Alice's listen with an input that has ended; bounded, so a listen that does not stop fails the test. */
    private CliHarness.Result listenWithEmptyInput(boolean terminal, String... options) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("listen", "--json"));
        args.addAll(List.of(options));
        return CompletableFuture.supplyAsync(() -> cli.run(
                Map.of(CliEnvironment.PASSPHRASE_VARIABLE, CliHarness.passphrase("alice")),
                new java.io.ByteArrayInputStream(new byte[0]), terminal, new ByteArrayOutputStream(),
                new ByteArrayOutputStream(), new StopSignal(), cli.withDataDir("alice", args.toArray(String[]::new))), commands)
                .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    private record Listening(ByteArrayOutputStream out, CompletableFuture<CliHarness.Result> result) {
    }

    /** Starts {@code listen --json --ignore-stdin} for {@code account} and waits until it is connected. */
    private Listening listen(String account, String... options) throws InterruptedException {
        var out = new ByteArrayOutputStream();
        List<String> args = new java.util.ArrayList<>(List.of("listen", "--json", "--ignore-stdin"));
        args.addAll(List.of(options));
        CompletableFuture<CliHarness.Result> result = CompletableFuture.supplyAsync(() -> cli.run(
                Map.of(CliEnvironment.PASSPHRASE_VARIABLE, CliHarness.passphrase(account)),
                new java.io.ByteArrayInputStream(new byte[0]), out, new ByteArrayOutputStream(),
                cli.withDataDir(account, args.toArray(String[]::new))), commands);
        awaitLine(out, line -> line.get("type").asText().equals("status") && line.get("state").asText().equals("CONNECTED"));
        return new Listening(out, result);
    }

    /** Waits (bounded) for a JSON line matching {@code wanted} in a running command's output. */
    private static JsonNode awaitLine(ByteArrayOutputStream out, Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
                JsonNode json = CliHarness.parse(line);
                if (wanted.test(json)) {
                    return json;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such line within " + PATIENCE.toSeconds() + " s in:\n" + out.toString(StandardCharsets.UTF_8));
    }
}
