package org.wakuchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wakuchat.core.invite.InviteQr;
import org.wakuchat.core.time.SystemScheduler;
import org.wakuchat.core.transport.LibWakuNode;
import org.wakuchat.core.transport.NetworkConfig;
import org.wakuchat.libwaku.LibWakuNotFound;

/** Parsing, output formats and exit codes, with a node that cannot start (as without libwaku). */
class CliCommandsTest {

    @TempDir
    Path temp;
    private final SystemScheduler scheduler = new SystemScheduler();
    private final List<NetworkConfig> configs = new CopyOnWriteArrayList<>();
    private CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(config -> {
            configs.add(config);
            return new LibWakuNode(config, () -> {
                throw new LibWakuNotFound("libwaku is not on this test machine");
            });
        }, scheduler, temp);
    }

    @AfterEach
    void tearDown() {
        scheduler.close();
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        CliHarness.Result help = cli.run(Map.of(), empty(), "--help");

        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("init", "invite", "accept", "send", "listen", "contacts", "history", "status",
                "3  wrong passphrase", "6  timed out");
    }

    @ParameterizedTest
    @ValueSource(strings = {"init", "invite", "accept", "send", "listen", "contacts", "history", "status"})
    void everyCommandHasHelp(String command) {
        CliHarness.Result help = cli.run(Map.of(), empty(), command, "--help");

        assertThat(help.code()).isZero();
        assertThat(help.out()).startsWith("Usage: wakuchat-cli " + command).contains("--data-dir", "--json");
    }

    @Test
    void networkCommandsHaveTheNetworkOptions() {
        assertThat(cli.run(Map.of(), empty(), "send", "--help").out())
                .contains("--preset", "--cluster-id", "--shards", "--bootstrap", "--tcp-port", "--store-node", "--rln-keystore");
    }

    @Test
    void usageErrorsExitWithTwoAndOneLine() {
        CliHarness.Result unknown = cli.run(Map.of(), empty(), "frobnicate");
        CliHarness.Result missing = cli.run(Map.of(), empty(), "send", "bob");
        CliHarness.Result noCommand = cli.run(Map.of(), empty());

        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err().lines()).hasSize(1);
        assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).isEqualToIgnoringNewLines(
                "wakuchat-cli: Missing required parameter: '<text>' (see: wakuchat-cli send --help)");
        assertThat(noCommand.code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void initTakesThePassphraseFromStandardInputAndPrintsTheAccount() {
        CliHarness.Result init = cli.run(Map.of(), stdin("my secret\n"), "init", "--data-dir",
                cli.dataDir("alice").toString(), "--name", "Alice", "--json");

        assertThat(init.code()).isZero();
        JsonNode line = init.jsonLine();
        assertThat(line.get("type").asText()).isEqualTo("account");
        assertThat(line.get("displayName").asText()).isEqualTo("Alice");
        assertThat(line.get("accountId").asText()).isNotBlank();
        assertThat(line.get("dataDir").asText()).isEqualTo(cli.dataDir("alice").toString());

        CliHarness.Result unlocked = cli.run(Map.of(), stdin("my secret\n"), "contacts", "--data-dir",
                cli.dataDir("alice").toString());
        assertThat(unlocked.code()).isZero();
    }

    @Test
    void initRefusesAnExistingAccountAndAMissingPassphrase() {
        init("alice", "Alice");

        assertThat(cli.as("alice", "init", "--name", "Again").code()).isEqualTo(ExitCodes.ERROR);
        CliHarness.Result noPassphrase = cli.run(Map.of(), empty(), "init", "--data-dir", cli.dataDir("bob").toString(),
                "--name", "Bob");
        assertThat(noPassphrase.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(noPassphrase.err()).contains("WAKUCHAT_PASSPHRASE");
    }

    @Test
    void wrongPassphraseExitsWithThreeAndNoOutput() {
        init("alice", "Alice");

        CliHarness.Result wrong = cli.run(Map.of(CliEnvironment.PASSPHRASE_VARIABLE, "not it"), empty(),
                "contacts", "--data-dir", cli.dataDir("alice").toString(), "--json");

        assertThat(wrong.code()).isEqualTo(ExitCodes.WRONG_PASSPHRASE);
        assertThat(wrong.out()).isEmpty();
        JsonNode error = wrong.errorJson();
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.get("exitCode").asInt()).isEqualTo(3);
        assertThat(error.get("error").asText()).isEqualTo("wrong_passphrase");
        assertThat(error.get("message").asText()).contains("Wrong passphrase");
    }

    @Test
    void missingAccountIsAnErrorThatSaysHowToMakeOne() {
        CliHarness.Result result = cli.as("nobody", "contacts");

        assertThat(result.code()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("wakuchat-cli init");
    }

    @Test
    void inviteJsonAndQrDrawing() {
        init("alice", "Alice");

        JsonNode invite = cli.as("alice", "invite", "--json", "--qr").jsonLine();

        assertThat(invite.get("type").asText()).isEqualTo("invite");
        String link = invite.get("link").asText();
        assertThat(link).startsWith("wakuchat://invite/");
        assertThat(invite.get("code").asText()).isNotBlank();
        assertThat(invite.get("expiresAt").asText()).endsWith("Z");
        List<String> qr = new java.util.ArrayList<>();
        invite.get("qr").forEach(row -> qr.add(row.asText()));
        assertThat(decodeHalfBlocks(qr)).isEqualTo(InviteQr.matrix(link));
    }

    @Test
    void humanInviteShowsTheLinkAndTheCode() {
        init("alice", "Alice");

        CliHarness.Result invite = cli.as("alice", "invite", "--qr");

        assertThat(invite.code()).isZero();
        assertThat(invite.out()).startsWith("wakuchat://invite/").contains("█", "Valid until");
    }

    @Test
    void acceptPrintsTheConversationAndSafetyNumberBothSidesAgreeOn() {
        init("alice", "Alice");
        init("bob", "Bob");
        String link = cli.as("alice", "invite", "--json").jsonLine().get("link").asText();

        CliHarness.Result accepted = cli.as("bob", "accept", link, "--json", "--nickname", "Ally");

        assertThat(accepted.code()).isZero();
        JsonNode contact = accepted.jsonLine();
        assertThat(contact.get("type").asText()).isEqualTo("contact");
        assertThat(contact.get("conversation").asText()).isNotBlank();
        assertThat(contact.get("contactName").asText()).isEqualTo("Alice");
        assertThat(contact.get("name").asText()).isEqualTo("Ally");
        assertThat(contact.get("safetyNumber").asText()).matches("\\d{60}");
        assertThat(cli.as("bob", "accept", link).out()).contains("safety number");
    }

    @Test
    void badInvitesExitWithFour() {
        init("bob", "Bob");
        init("alice", "Alice");
        String own = cli.as("bob", "invite", "--json").jsonLine().get("link").asText();

        CliHarness.Result garbage = cli.as("bob", "accept", "wakuchat://invite/garbage");
        CliHarness.Result mine = cli.as("bob", "accept", own, "--json");

        assertThat(garbage.code()).isEqualTo(ExitCodes.BAD_INVITE);
        assertThat(garbage.err()).startsWith("wakuchat-cli: This invite");
        assertThat(mine.code()).isEqualTo(ExitCodes.BAD_INVITE);
        assertThat(mine.errorJson().get("error").asText()).isEqualTo("bad_invite");
    }

    @Test
    void sendWithoutLibwakuQueuesTheMessageSaysSoAndExitsWithFive() {
        String conversation = contacts();

        CliHarness.Result sent = cli.as("bob", "send", "Alice", "hello while offline", "--json");

        assertThat(sent.code()).isEqualTo(ExitCodes.ENGINE_UNAVAILABLE);
        JsonNode message = sent.jsonLine();
        assertThat(message.get("type").asText()).isEqualTo("message");
        assertThat(message.get("state").asText()).isEqualTo("QUEUED");
        assertThat(message.get("conversation").asText()).isEqualTo(conversation);
        assertThat(sent.errorJson().get("message").asText()).contains("libwaku is not on this test machine", "queued");
        assertThat(sent.err().lines()).hasSize(1);

        JsonNode stored = cli.as("bob", "history", conversation.substring(0, 6), "--json").jsonLine();
        assertThat(stored.get("text").asText()).isEqualTo("hello while offline");
        assertThat(stored.get("state").asText()).isEqualTo("QUEUED");
        assertThat(stored.get("direction").asText()).isEqualTo("out");
        assertThat(cli.as("bob", "status", "--offline", "--json").jsonLine().get("queued").asInt()).isEqualTo(1);
    }

    @Test
    void sendWaitQueuedDoesNotStartANode() {
        contacts();

        CliHarness.Result queued = cli.as("bob", "send", "alice", "later", "--wait", "queued");

        assertThat(queued.code()).isZero();
        assertThat(queued.out()).contains("Queued for Alice");
    }

    @Test
    void listenAndStatusWithoutLibwakuExitWithFive() {
        init("alice", "Alice");

        CliHarness.Result listen = cli.as("alice", "listen", "--ignore-stdin");
        CliHarness.Result status = cli.as("alice", "status", "--json");

        assertThat(listen.code()).isEqualTo(ExitCodes.ENGINE_UNAVAILABLE);
        assertThat(listen.err()).contains("libwaku is not on this test machine");
        assertThat(status.code()).isEqualTo(ExitCodes.ENGINE_UNAVAILABLE);
        JsonNode line = status.jsonLine();
        assertThat(line.get("state").asText()).isEqualTo("UNAVAILABLE");
        assertThat(line.get("clusterId").asInt()).isEqualTo(73); // the default preset: the community network
        assertThat(line.get("shards")).hasSize(8);
        assertThat(line.has("listenAddress")).isFalse();
    }

    @Test
    void unknownAndAmbiguousContactsAreUsageErrors() {
        contacts();
        init("alice2", "Alice");
        String second = cli.as("alice2", "invite", "--json").jsonLine().get("link").asText();
        cli.as("bob", "accept", second);

        CliHarness.Result ambiguous = cli.as("bob", "history", "alice");
        CliHarness.Result unknown = cli.as("bob", "send", "carol", "hi", "--wait", "queued");

        assertThat(ambiguous.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ambiguous.err()).contains("matches several contacts");
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("No contact or group 'carol'");
    }

    @Test
    void contactsListsEveryContactWithStableFields() {
        String conversation = contacts();

        JsonNode contact = cli.as("bob", "contacts", "--json").jsonLine();

        assertThat(contact.get("conversation").asText()).isEqualTo(conversation);
        assertThat(contact.get("name").asText()).isEqualTo("Alice");
        assertThat(contact.get("verified").asBoolean()).isFalse();
        assertThat(contact.get("unread").asInt()).isZero();
        assertThat(contact.has("safetyNumber")).isFalse();
    }

    @Test
    void networkOptionsMapToTheNodeConfig() {
        init("alice", "Alice");

        cli.as("alice", "status", "--preset", "private", "--cluster-id", "7", "--num-shards", "4", "--shards", "1,3",
                "--bootstrap", "/ip4/127.0.0.1/tcp/60001/p2p/16Uiu2HAmPeer", "--store-node", "/ip4/127.0.0.1/tcp/60002/p2p/16Uiu2HAmStore",
                "--tcp-port", "60010", "--listen-address", "127.0.0.1", "--timeout", "1");

        NetworkConfig config = configs.getLast();
        assertThat(config.clusterId()).isEqualTo(7);
        assertThat(config.numShards()).isEqualTo(4);
        assertThat(config.shards()).containsExactly(1, 3);
        assertThat(config.bootstrapPeers()).containsExactly("/ip4/127.0.0.1/tcp/60001/p2p/16Uiu2HAmPeer");
        assertThat(config.storeNodes()).containsExactly("/ip4/127.0.0.1/tcp/60002/p2p/16Uiu2HAmStore");
        assertThat(config.listen()).isEqualTo(new NetworkConfig.Listen("127.0.0.1", 60010, "extip:127.0.0.1"));
        assertThat(config.rln().enabled()).isFalse();
        assertThat(config.preset()).isEmpty();
        assertThat(config.logLevel()).isEqualTo("FATAL");
    }

    @Test
    void theWakuNetworkPresetIsClusterOneWithRln() {
        init("alice", "Alice");

        cli.as("alice", "status", "--preset", "twn", "--timeout", "1", "--rln-keystore", "/tmp/keystore.json", "--eth-rpc",
                "https://rpc.example");

        NetworkConfig config = configs.getLast();
        assertThat(config.clusterId()).isEqualTo(1);
        assertThat(config.preset()).contains("twn");
        assertThat(config.rln().enabled()).isTrue();
        assertThat(config.rln().keystore()).contains(Path.of("/tmp/keystore.json"));
        assertThat(config.rln().ethClientUrls()).containsExactly("https://rpc.example");
    }

    @Test
    void theDefaultIsTheCommunityNetworkWithoutRln() {
        init("alice", "Alice");

        cli.as("alice", "status", "--timeout", "1");
        cli.as("alice", "status", "--timeout", "1", "--preset", "community", "--bootstrap", "/ip4/127.0.0.1/tcp/60001/p2p/16Uiu2HAmPeer");
        cli.as("alice", "status", "--timeout", "1", "--preset", "custom", "--cluster-id", "9");

        assertThat(configs).extracting(NetworkConfig::clusterId).containsExactly(73, 73, 9);
        assertThat(configs.getFirst().rln().enabled()).isFalse();
        assertThat(configs.getFirst().bootstrapPeers()).isEmpty();
        assertThat(configs.get(1).bootstrapPeers()).containsExactly("/ip4/127.0.0.1/tcp/60001/p2p/16Uiu2HAmPeer");
        assertThat(cli.as("alice", "status", "--rln-keystore", "k.json").err()).contains("community network");
    }

    @Test
    void anInviteFromAnotherNetworkSaysSoAndJoinUsesItFromThenOn() {
        String service = "/ip4/127.0.0.1/tcp/60001/p2p/16Uiu2HAmPLe7Mzm8TsYUubgCAW1aJoeFScxrLj8ppHFivPo97bUZ";
        init("alice", "Alice");
        init("bob", "Bob");
        init("carol", "Carol");
        String link = cli.as("alice", "invite", "--json", "--preset", "private", "--cluster-id", "4242", "--bootstrap", service)
                .jsonLine().get("link").asText();

        CliHarness.Result bob = cli.as("bob", "accept", link);
        CliHarness.Result carol = cli.as("carol", "accept", "--join", "--json", link);
        int before = configs.size();
        cli.as("carol", "status", "--timeout", "1");
        cli.as("carol", "status", "--timeout", "1", "--preset", "community");
        cli.as("bob", "status", "--timeout", "1");

        assertThat(bob.code()).isZero();
        assertThat(bob.out()).contains("Added Alice", "Alice is on cluster 4242; you are on the Waku Chat community network "
                + "(cluster 73). Their invite names " + service + ". To chat, join their network: accept again with --join, "
                + "or run your commands with --preset private --cluster-id 4242 --bootstrap " + service);
        assertThat(carol.code()).isZero();
        JsonNode network = carol.json().stream().filter(l -> l.get("type").asText().equals("network")).findFirst().orElseThrow();
        assertThat(network.get("clusterId").asInt()).isEqualTo(4242);
        assertThat(network.get("hints").get(0).asText()).isEqualTo(service);
        assertThat(network.get("sameNetwork").asBoolean()).isFalse();
        assertThat(network.get("joined").asBoolean()).isTrue();
        List<NetworkConfig> after = configs.subList(before, configs.size());
        assertThat(after).extracting(NetworkConfig::clusterId).containsExactly(4242, 73, 73);
        assertThat(after.getFirst().bootstrapPeers()).containsExactly(service);
        assertThat(after.getFirst().storeNodes()).containsExactly(service);
    }

    @Test
    void contradictoryNetworkOptionsAreUsageErrorsBeforeThePassphrase() {
        init("alice", "Alice");
        int before = configs.size();

        CliHarness.Result cluster = cli.as("alice", "status", "--cluster-id", "5");
        CliHarness.Result preset = cli.as("alice", "listen", "--preset", "mainnet");
        CliHarness.Result bootstrap = cli.as("alice", "send", "x", "y", "--preset", "private", "--bootstrap", "not-a-multiaddr");
        CliHarness.Result rln = cli.as("alice", "status", "--preset", "private", "--rln-keystore", "k.json");

        assertThat(List.of(cluster.code(), preset.code(), bootstrap.code(), rln.code())).containsOnly(ExitCodes.USAGE);
        assertThat(bootstrap.err()).contains("multiaddress");
        assertThat(configs).hasSize(before);
    }

    private String contacts() {
        init("alice", "Alice");
        init("bob", "Bob");
        String link = cli.as("alice", "invite", "--json").jsonLine().get("link").asText();
        return cli.as("bob", "accept", link, "--json").jsonLine().get("conversation").asText();
    }

    private void init(String account, String name) {
        CliHarness.Result result = cli.as(account, "init", "--name", name);
        assertThat(result.code()).as(result.err()).isZero();
    }

    private static com.google.zxing.common.BitMatrix decodeHalfBlocks(List<String> rows) {
        int width = rows.getFirst().length();
        var matrix = new com.google.zxing.common.BitMatrix(width, rows.size() * 2 - 1);
        for (int row = 0; row < rows.size(); row++) {
            String line = rows.get(row);
            for (int x = 0; x < width; x++) {
                char c = line.charAt(x);
                if (c == '█' || c == '▀') {
                    matrix.set(x, 2 * row);
                }
                if ((c == '█' || c == '▄') && 2 * row + 1 < matrix.getHeight()) {
                    matrix.set(x, 2 * row + 1);
                }
            }
        }
        return matrix;
    }

    private static ByteArrayInputStream empty() {
        return new ByteArrayInputStream(new byte[0]);
    }

    private static ByteArrayInputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
