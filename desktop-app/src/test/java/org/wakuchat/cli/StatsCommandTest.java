package org.wakuchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.simulator.SimulatedNetwork;
import org.wakuchat.core.time.SystemScheduler;

/** {@code stats} over the simulator: the figures of what was sent, and the JSON fields docs/cli.md documents. */
class StatsCommandTest {

    private static final Path CLI_DOC = Path.of("..", "docs", "cli.md");

    @TempDir
    Path temp;
    private final SystemScheduler scheduler = new SystemScheduler();
    private final ExecutorService commands = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory());
    private CliHarness cli;

    @BeforeEach
    void setUp() {
        SimulatedNetwork network = new SimulatedNetwork(9, scheduler);
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
    void statsPrintsTheReportAndItsJsonHasExactlyTheDocumentedFields() throws Exception {
        cli.as("alice", "init", "--name", "Alice Wonderland");
        cli.as("bob", "init", "--name", "Bob Builder");
        cli.as("bob", "accept", cli.as("alice", "invite", "--json").jsonLine().get("link").asText());
        var aliceOut = new ByteArrayOutputStream();
        var stop = new StopSignal();
        CompletableFuture<CliHarness.Result> listening = CompletableFuture.supplyAsync(() -> cli.run(
                Map.of(CliEnvironment.PASSPHRASE_VARIABLE, CliHarness.passphrase("alice")),
                new java.io.ByteArrayInputStream(new byte[0]), false, aliceOut, new ByteArrayOutputStream(), stop,
                cli.withDataDir("alice", "listen", "--json")), commands);
        awaitConnected(aliceOut);
        // Two runs of Bob's node: the second one catches up from Store.
        assertThat(cli.as("bob", "send", "Alice Wonderland", "first secret words", "--wait", "delivered").code()).isZero();
        assertThat(cli.as("bob", "send", "Alice Wonderland", "second secret words", "--wait", "delivered").code()).isZero();
        stop.stopAndWait(30, TimeUnit.SECONDS);
        assertThat(listening.get(30, TimeUnit.SECONDS).code()).isZero();

        CliHarness.Result json = cli.as("bob", "stats", "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode report = json.jsonLine();
        assertThat(report.get("type").asText()).isEqualTo("reliabilityReport");
        assertThat(report.get("period").asText()).isEqualTo("all");
        assertThat(report.at("/outgoing/sent").asInt()).isEqualTo(2);
        assertThat(report.at("/outgoing/delivered").asInt()).isEqualTo(2);
        assertThat(report.at("/outgoing/pending").asInt()).isZero();
        assertThat(report.at("/latency/samples").asInt()).isEqualTo(2);
        assertThat(report.at("/connectivity/nodeStarts").asInt()).isEqualTo(2);
        assertThat(report.at("/catchUps/count").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(report.at("/contacts/0/contact").asText()).isEqualTo("contact-1");
        assertThat(report.at("/contacts/0/sent").asInt()).isEqualTo(2);
        assertThat(json.out()).doesNotContain("Alice", "Bob", "secret words");

        Set<String> documented = documentedFields();
        Set<String> required = new TreeSet<>(documented.stream().filter(f -> !f.endsWith("?")).toList());
        Set<String> all = new TreeSet<>(documented.stream().map(f -> f.replace("?", "")).toList());
        CliHarness.Result forAlice = cli.as("bob", "stats", "--json", "--contact", "Alice Wonderland", "--since", "24h");
        assertThat(forAlice.code()).as(forAlice.err()).isZero();
        for (JsonNode r : List.of(report, forAlice.jsonLine())) {
            Set<String> actual = new TreeSet<>();
            leaves("", r, actual);
            assertThat(all).as("every field in the JSON is documented in docs/cli.md").containsAll(actual);
            assertThat(actual).as("every documented field that always has a value is there").containsAll(required);
        }
        assertThat(forAlice.jsonLine().get("contact").asText()).isEqualTo("contact-1");
        assertThat(forAlice.jsonLine().get("period").asText()).isEqualTo("24h");

        CliHarness.Result human = cli.as("bob", "stats", "--export", temp.resolve("report.json").toString());
        assertThat(human.code()).as(human.err()).isZero();
        assertThat(human.out()).contains("sent         2: 2 delivered (100.0 %)", "Alice Wonderland", "latency",
                "Wrote 8 files");
        assertThat(Files.readString(temp.resolve("report-contacts.csv"))).startsWith("contact,sent,delivered")
                .contains("contact-1,2,2,0,0,");
        assertThat(CliHarness.parse(Files.readString(temp.resolve("report.json")).replace("\n", ""))
                .at("/outgoing/sent").asInt()).isEqualTo(2);

        CliHarness.Result badPeriod = cli.as("bob", "stats", "--since", "soon");
        assertThat(badPeriod.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badPeriod.err()).contains("--since");
    }

    /** The field list in docs/cli.md under {@code <!-- stats-json-fields -->}: the first word of each line. */
    private static Set<String> documentedFields() throws IOException {
        List<String> lines = Files.readAllLines(CLI_DOC);
        int marker = lines.indexOf("<!-- stats-json-fields -->");
        assertThat(marker).as("the field list in docs/cli.md").isPositive();
        assertThat(lines.get(marker + 1)).isEqualTo("```");
        Set<String> fields = new TreeSet<>();
        for (String line : lines.subList(marker + 2, lines.size())) {
            if (line.equals("```")) {
                return fields;
            }
            fields.add(line.strip().split("\\s+")[0]);
        }
        throw new AssertionError("the field list in docs/cli.md does not end");
    }

    /** Every value's path: {@code a.b}, {@code a.list[].c}. */
    private static void leaves(String prefix, JsonNode node, Set<String> into) {
        if (node.isObject()) {
            node.properties().forEach(e -> leaves(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), into));
        } else if (node.isArray()) {
            node.forEach(element -> leaves(prefix + "[]", element, into));
        } else {
            into.add(prefix);
        }
    }

    private static void awaitConnected(ByteArrayOutputStream out) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            List<String> lines = new ArrayList<>(out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList());
            if (lines.stream().map(CliHarness::parse).anyMatch(l -> l.get("type").asText().equals("status")
                    && l.get("state").asText().equals("CONNECTED"))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Alice's listen did not connect:\n" + out);
    }
}
