package org.wakuchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
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

/** {@code group …}, and {@code send}/{@code listen} with a group, over the simulator with the real engine. */
class GroupCommandTest {

    @TempDir
    Path temp;
    private final SystemScheduler scheduler = new SystemScheduler();
    private final ExecutorService commands = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory());
    private final List<StopSignal> listeners = new ArrayList<>();
    private CliHarness cli;

    @BeforeEach
    void setUp() {
        SimulatedNetwork network = new SimulatedNetwork(13, scheduler);
        network.addNode("relay").start();
        AtomicInteger nodes = new AtomicInteger();
        cli = new CliHarness(config -> network.addNode("cli-" + nodes.incrementAndGet()), scheduler, temp);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (StopSignal stop : listeners) {
            stop.stopAndWait(30, TimeUnit.SECONDS);
        }
        commands.shutdownNow();
        scheduler.close();
    }

    /** A background {@code listen --json …} of {@code account}; its output so far is in the returned stream. */
    private Listening listen(String account, String... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StopSignal stop = new StopSignal();
        listeners.add(stop);
        List<String> args = new ArrayList<>(List.of("listen", "--json"));
        args.addAll(List.of(more));
        CompletableFuture<CliHarness.Result> done = CompletableFuture.supplyAsync(() -> cli.run(
                Map.of(CliEnvironment.PASSPHRASE_VARIABLE, CliHarness.passphrase(account)),
                new java.io.ByteArrayInputStream(new byte[0]), false, out, new ByteArrayOutputStream(), stop,
                cli.withDataDir(account, args.toArray(String[]::new))), commands);
        Listening listening = new Listening(out, stop, done);
        listening.await(l -> l.get("type").asText().equals("status") && l.get("state").asText().equals("CONNECTED"));
        return listening;
    }

    private record Listening(ByteArrayOutputStream out, StopSignal stop, CompletableFuture<CliHarness.Result> done) {
        List<JsonNode> lines() {
            return out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).map(CliHarness::parse).toList();
        }

        JsonNode await(Predicate<JsonNode> wanted) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                var found = lines().stream().filter(wanted).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            throw new AssertionError("not printed within 60 s:\n" + out);
        }

        void stopNow() throws Exception {
            stop.stopAndWait(30, TimeUnit.SECONDS);
            assertThat(done.get(30, TimeUnit.SECONDS).code()).isZero();
        }
    }

    private static List<String> memberNames(JsonNode group) {
        List<String> names = new ArrayList<>();
        group.get("members").forEach(m -> names.add(m.get("name").asText()));
        return names;
    }

    @Test
    void createSendListenListRemove() throws Exception {
        for (String name : List.of("Alice", "Bob", "Carol")) {
            assertThat(cli.as(name.toLowerCase(), "init", "--name", name).code()).isZero();
        }
        String invite = cli.as("alice", "invite", "--json").jsonLine().get("link").asText();
        cli.as("bob", "accept", invite);
        cli.as("carol", "accept", invite);
        Listening alice = listen("alice");
        assertThat(cli.as("bob", "send", "Alice", "hi", "--wait", "delivered").code()).isZero();
        assertThat(cli.as("carol", "send", "Alice", "hi", "--wait", "delivered").code()).isZero();
        alice.stopNow();

        CliHarness.Result created = cli.as("alice", "group", "create", "Hiking", "Bob", "Carol", "--json");
        assertThat(created.code()).as(created.err()).isZero();
        JsonNode group = created.jsonLine();
        assertThat(group.get("type").asText()).isEqualTo("group");
        assertThat(group.get("name").asText()).isEqualTo("Hiking");
        assertThat(group.get("admin").asBoolean()).isTrue();
        assertThat(memberNames(group)).containsExactly("Alice", "Bob", "Carol");
        String id = group.get("conversation").asText();

        Listening bob = listen("bob");
        Listening carol = listen("carol");
        bob.await(l -> l.get("type").asText().equals("group") && l.get("conversation").asText().equals(id));
        CliHarness.Result sent = cli.as("alice", "send", "Hiking", "Saturday at 9?", "--wait", "delivered", "--json");
        assertThat(sent.code()).as(sent.err()).isZero();
        assertThat(sent.jsonLine().get("state").asText()).isEqualTo("DELIVERED");
        assertThat(sent.jsonLine().has("group")).as(sent.out()).isTrue();
        assertThat(sent.jsonLine().get("contact").asText()).isEqualTo("Hiking");
        JsonNode atBob = bob.await(l -> l.get("type").asText().equals("message") && l.get("text").asText().equals("Saturday at 9?"));
        assertThat(atBob.get("conversation").asText()).isEqualTo(id);
        assertThat(atBob.get("contact").asText()).isEqualTo("Hiking");
        assertThat(atBob.get("senderName").asText()).isEqualTo("Alice");
        assertThat(atBob.get("direction").asText()).isEqualTo("in");
        carol.await(l -> l.get("type").asText().equals("message") && l.get("text").asText().equals("Saturday at 9?"));

        CliHarness.Result list = cli.as("alice", "group", "list", "--json");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(memberNames(list.jsonLine())).containsExactly("Alice", "Bob", "Carol");
        assertThat(list.jsonLine().get("epoch").asLong()).as("creation, then Bob's and Carol's joins (in one change when they arrive together)")
                .isGreaterThanOrEqualTo(1);
        CliHarness.Result human = cli.as("alice", "group", "list");
        assertThat(human.out()).contains("Hiking", "members: Alice (admin, you), Bob, Carol");

        CliHarness.Result notAdmin = cli.as("bob", "group", "remove", "Hiking", "Carol", "--wait", "queued");
        assertThat(notAdmin.code()).isEqualTo(ExitCodes.ERROR);
        assertThat(notAdmin.err()).startsWith("wakuchat-cli: ").doesNotContain("Exception");
        CliHarness.Result noSuchMember = cli.as("alice", "group", "remove", "Hiking", "Dave");
        assertThat(noSuchMember.code()).isEqualTo(ExitCodes.USAGE);

        bob.stopNow();
        Listening bobAgain = listen("bob", "Hiking");
        CliHarness.Result removed = cli.as("alice", "group", "remove", "Hiking", "Carol", "--json");
        assertThat(removed.code()).as(removed.err()).isZero();
        assertThat(memberNames(removed.jsonLine())).containsExactly("Alice", "Bob");
        JsonNode line = bobAgain.await(l -> l.get("type").asText().equals("groupHistory") && l.get("kind").asText().equals("REMOVED"));
        assertThat(line.get("subjectNames").get(0).asText()).isEqualTo("Carol");
        assertThat(line.get("authorName").asText()).isEqualTo("Alice");
        assertThat(bobAgain.lines()).as("listen <group> prints only that group's events")
                .noneMatch(l -> l.has("conversation") && !l.get("conversation").asText().equals(id));
    }

    private static String role(JsonNode group, String name) {
        for (JsonNode m : group.get("members")) {
            if (m.get("name").asText().equals(name)) {
                return m.get("role").asText();
            }
        }
        throw new AssertionError(name + " is not in " + group);
    }

    @Test
    void promoteAndDemote() throws Exception {
        for (String name : List.of("Alice", "Bob")) {
            assertThat(cli.as(name.toLowerCase(), "init", "--name", name).code()).isZero();
        }
        cli.as("bob", "accept", cli.as("alice", "invite", "--json").jsonLine().get("link").asText());
        Listening alice = listen("alice");
        assertThat(cli.as("bob", "send", "Alice", "hi", "--wait", "delivered").code()).isZero();
        alice.stopNow();
        CliHarness.Result created = cli.as("alice", "group", "create", "Hiking", "Bob", "--json");
        assertThat(created.code()).as(created.err()).isZero();
        String id = created.jsonLine().get("conversation").asText();

        CliHarness.Result tooEarly = cli.as("alice", "group", "promote", "Hiking", "Bob", "--wait", "queued", "--json");
        assertThat(tooEarly.code()).isEqualTo(ExitCodes.ERROR);
        assertThat(tooEarly.errorJson().get("message").asText()).isEqualTo("They have not joined the group yet.");

        // Bob's device answers the invitation; Alice's records his join when she next runs a node
        Listening bob = listen("bob");
        bob.await(l -> l.get("type").asText().equals("group") && l.get("conversation").asText().equals(id));
        Listening aliceAgain = listen("alice", "Hiking");
        aliceAgain.await(l -> l.get("type").asText().equals("groupHistory") && l.get("kind").asText().equals("KEY_REFRESHED")
                && l.get("subjectNames").toString().contains("Bob"));
        aliceAgain.stopNow();

        CliHarness.Result promoted = cli.as("alice", "group", "promote", "Hiking", "Bob", "--json");
        assertThat(promoted.code()).as(promoted.err()).isZero();
        assertThat(role(promoted.jsonLine(), "Bob")).isEqualTo("ADMIN");
        assertThat(role(promoted.jsonLine(), "Alice")).isEqualTo("ADMIN");
        JsonNode atBob = bob.await(l -> l.get("type").asText().equals("groupHistory") && l.get("kind").asText().equals("PROMOTED"));
        assertThat(atBob.get("authorName").asText()).isEqualTo("Alice");
        assertThat(atBob.get("subjectNames").get(0).asText()).isEqualTo("Bob");
        bob.stopNow();

        // now an admin, Bob may change the group himself
        CliHarness.Result renamed = cli.as("bob", "group", "rename", "Hiking", "Hiking 2027", "--json");
        assertThat(renamed.code()).as(renamed.err()).isZero();
        Listening aliceThird = listen("alice", id);
        aliceThird.await(l -> l.get("type").asText().equals("groupHistory") && l.get("kind").asText().equals("RENAMED"));
        aliceThird.stopNow();
        CliHarness.Result human = cli.as("alice", "group", "list");
        assertThat(human.out()).contains("Hiking 2027", "members: Alice (admin, you), Bob (admin)");

        CliHarness.Result demoted = cli.as("alice", "group", "demote", "Hiking 2027", "Bob", "--json");
        assertThat(demoted.code()).as(demoted.err()).isZero();
        assertThat(role(demoted.jsonLine(), "Bob")).isEqualTo("MEMBER");
        CliHarness.Result lastAdmin = cli.as("alice", "group", "demote", "Hiking 2027", "Alice", "--wait", "queued");
        assertThat(lastAdmin.code()).isEqualTo(ExitCodes.ERROR);
        assertThat(lastAdmin.err()).isEqualTo("wakuchat-cli: A group needs an admin: make someone else admin first.\n");
        CliHarness.Result humanDemote = cli.as("alice", "group", "promote", "Hiking 2027", "Bob", "--wait", "queued");
        assertThat(humanDemote.code()).as(humanDemote.err()).isZero();
        assertThat(humanDemote.out()).startsWith("Made Bob an admin of Hiking 2027\n");
    }

    @Test
    void groupCommandsNeedAGroupAndSayWhatIsWrong() {
        cli.as("alice", "init", "--name", "Alice");
        CliHarness.Result none = cli.as("alice", "group", "list");
        assertThat(none.code()).isZero();
        assertThat(none.out()).contains("No groups yet");
        assertThat(cli.as("alice", "group", "list", "--json").out()).isBlank();
        CliHarness.Result unknown = cli.as("alice", "group", "leave", "Nope", "--json");
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.errorJson().get("message").asText()).contains("No contact or group 'Nope'");
        CliHarness.Result noContacts = cli.as("alice", "group", "create", "Hiking");
        assertThat(noContacts.code()).isEqualTo(ExitCodes.USAGE);
    }
}
