package org.wakuchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.core.time.SystemScheduler;
import org.wakuchat.core.transport.LibWakuNode;
import org.wakuchat.libwaku.LibWaku;

/**
 * Two CLIs on two real nwaku nodes (libwaku) in this JVM, on 127.0.0.1 in a private cluster: Bob
 * dials the address Alice's {@code listen} prints. Skipped, naming every place the loader looked,
 * where libwaku is not found.
 */
@Tag("libwaku")
class CliOverLibWakuTest {

    private static final Logger LOG = LoggerFactory.getLogger(CliOverLibWakuTest.class);
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path temp;
    private final SystemScheduler scheduler = new SystemScheduler();
    private final ExecutorService runner = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory());
    private CliHarness cli;

    @BeforeEach
    void requireLibWaku() {
        LibWaku lib = RealLibWaku.loadOrSkip();
        cli = new CliHarness(config -> new LibWakuNode(config, () -> lib), scheduler, temp);
    }

    @AfterEach
    void tearDown() {
        runner.shutdownNow();
        scheduler.close();
    }

    @Test
    void twoAccountsChatOverTwoNwakuNodes() throws Exception {
        cli.as("alice", "init", "--name", "Alice");
        cli.as("bob", "init", "--name", "Bob");
        cli.as("bob", "accept", cli.as("alice", "invite", "--json").jsonLine().get("link").asText());

        var aliceOut = new ByteArrayOutputStream();
        String[] listen = cli.withDataDir("alice", network("listen", "--json", "--ignore-stdin", "--count", "1"));
        CompletableFuture<CliHarness.Result> aliceListens = CompletableFuture.supplyAsync(() -> cli.run(
                Map.of(CliEnvironment.PASSPHRASE_VARIABLE, CliHarness.passphrase("alice")),
                new ByteArrayInputStream(new byte[0]), aliceOut, new ByteArrayOutputStream(),
                listen), runner);
        String aliceAddress = awaitListenAddress(aliceOut, aliceListens);
        assertThat(aliceAddress).startsWith("/ip4/127.0.0.1/tcp/").contains("/p2p/");

        CliHarness.Result sent = cli.as("bob", network("send", "Alice", "Hi Alice, over nwaku!", "--wait", "delivered",
                "--timeout", String.valueOf(PATIENCE.toSeconds()), "--json", "--bootstrap", aliceAddress));

        assertThat(sent.code()).as(sent.err()).isZero();
        assertThat(sent.jsonLine().get("state").asText()).isEqualTo("DELIVERED");
        CliHarness.Result listened = aliceListens.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(listened.code()).as(listened.err()).isZero();
        assertThat(listened.json()).filteredOn(line -> line.get("type").asText().equals("message"))
                .extracting(line -> line.get("text").asText()).containsExactly("Hi Alice, over nwaku!");
    }

    private static String[] network(String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--preset", "private", "--cluster-id", "42", "--num-shards", "1",
                "--listen-address", "127.0.0.1", "--tcp-port", String.valueOf(freePort()), "--node-log-level", "ERROR"));
        return all.toArray(String[]::new);
    }

    private static String awaitListenAddress(ByteArrayOutputStream out, CompletableFuture<CliHarness.Result> command)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline && !command.isDone()) {
            for (String line : out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("{")).toList()) {
                JsonNode json = CliHarness.parse(line);
                if (json.get("type").asText().equals("node") && json.has("listenAddress")) {
                    return json.get("listenAddress").asText();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Alice's listen printed no listen address: " + out.toString(StandardCharsets.UTF_8)
                + (command.isDone() ? command.join() : ""));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
