package org.wakuchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.time.SystemScheduler;
import org.wakuchat.core.transport.LibWakuNode;
import org.wakuchat.core.transport.NetworkConfig;
import org.wakuchat.core.transport.RlnProblems;
import org.wakuchat.libwaku.LibWaku;

/**
 * The Waku Network preset on the real libwaku of this machine (built without
 * RLN): without a membership, and with one this library cannot use. Each says what is missing and
 * how to fix it on standard error, exits with 5 and keeps the message queued. Nothing leaves this
 * machine: the nodes listen on 127.0.0.1, discovery is off, DNS is 127.0.0.1, the Ethereum RPC
 * endpoint is a closed local port, and both failures come before nwaku starts.
 */
@Tag("libwaku")
class CliTheWakuNetworkOverLibWakuTest {

    @TempDir
    Path temp;
    private final SystemScheduler scheduler = new SystemScheduler();
    private final List<NetworkConfig> configs = new CopyOnWriteArrayList<>();
    private CliHarness cli;

    @BeforeEach
    void requireLibWaku() {
        LibWaku lib = RealLibWaku.loadOrSkip();
        cli = new CliHarness(config -> {
            assertThat(config.listen().address()).as("tests listen on loopback only").isEqualTo("127.0.0.1");
            configs.add(config);
            return new LibWakuNode(config.withDiscovery(NetworkConfig.Discovery.off())
                    .withDnsNameServers(List.of("127.0.0.1")), () -> lib);
        }, scheduler, temp);
        cli.as("alice", "init", "--name", "Alice");
        cli.as("bob", "init", "--name", "Bob");
        cli.as("bob", "accept", cli.as("alice", "invite", "--json").jsonLine().get("link").asText());
    }

    @AfterEach
    void tearDown() {
        scheduler.close();
    }

    @Test
    void withoutAnRlnMembershipSendSaysWhatToPassAndKeepsTheMessage() {
        CliHarness.Result sent = cli.as("bob", "send", "Alice", "Hi on The Waku Network", "--preset", "the-waku-network",
                "--listen-address", "127.0.0.1");
        CliHarness.Result listen = cli.as("bob", "listen", "--json", "--preset", "twn", "--listen-address", "127.0.0.1");

        assertThat(configs).extracting(NetworkConfig::clusterId).containsOnly(1);
        assertThat(sent.code()).isEqualTo(ExitCodes.ENGINE_UNAVAILABLE);
        assertThat(sent.out()).startsWith("Queued for Alice");
        assertThat(sent.err().lines()).hasSize(1);
        assertThat(sent.err()).startsWith("wakuchat-cli: Waku node unavailable: " + RlnProblems.NEEDS_MEMBERSHIP)
                .contains("no RLN keystore and no Ethereum RPC endpoint", "--rln-keystore <file>", "--eth-rpc <url>",
                        "--preset private", "docs/cli.md", "stays queued");
        assertThat(listen.code()).isEqualTo(ExitCodes.ENGINE_UNAVAILABLE);
        assertThat(listen.errorJson().get("message").asText()).contains(RlnProblems.NEEDS_MEMBERSHIP);
        assertQueued("Hi on The Waku Network");
    }

    @Test
    void aMembershipThisLibwakuCannotUseIsNamedAsMissingRlnSupport() throws Exception {
        // A real keystore (js-waku wrote it; chat-core's RlnKeystoreTest reads it), so the node gets as
        // far as asking nwaku for an RLN prover. Its password is the one given below.
        Path keystore = Path.of(System.getProperty("basedir", "."), "..", "chat-core", "src", "test", "resources", "rln",
                "js-waku-keystore.json");
        String[] rln = {"--preset", "the-waku-network", "--rln-keystore", keystore.toString(), "--eth-rpc", "http://127.0.0.1:" + closedPort(),
            "--listen-address", "127.0.0.1"};

        var env = java.util.Map.of(CliEnvironment.PASSPHRASE_VARIABLE, CliHarness.passphrase("bob"),
                CliEnvironment.RLN_PASSWORD_VARIABLE, "keystore password");
        var noInput = new java.io.ByteArrayInputStream(new byte[0]);
        CliHarness.Result sent = cli.run(env, noInput, cli.withDataDir("bob",
                concat(new String[] {"send", "Alice", "Hi with a membership"}, rln)));
        CliHarness.Result status = cli.run(env, noInput, cli.withDataDir("bob", concat(new String[] {"status", "--json"}, rln)));

        assertThat(sent.code()).isEqualTo(ExitCodes.ENGINE_UNAVAILABLE);
        assertThat(sent.err()).startsWith("wakuchat-cli: Waku node unavailable: This libwaku build has no RLN support")
                .contains("could not create RLN instance", "libwaku built with RLN", "--preset private");
        assertThat(status.code()).isEqualTo(ExitCodes.ENGINE_UNAVAILABLE);
        JsonNode line = status.jsonLine();
        assertThat(line.get("state").asText()).isEqualTo("UNAVAILABLE");
        assertThat(line.get("detail").asText()).contains(RlnProblems.NO_RLN_SUPPORT);
        assertThat(line.get("queued").asInt()).isEqualTo(1);
        assertQueued("Hi with a membership");
    }

    private void assertQueued(String text) {
        JsonNode stored = cli.as("bob", "history", "Alice", "--json").jsonLine();
        assertThat(stored.get("text").asText()).isEqualTo(text);
        assertThat(stored.get("state").asText()).isEqualTo("QUEUED");
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
