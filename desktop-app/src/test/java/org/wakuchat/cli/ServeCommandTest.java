package org.wakuchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.cli.serve.NodeKeyFile;
import org.wakuchat.core.store.KdfParams;
import org.wakuchat.core.time.SystemScheduler;
import org.wakuchat.core.transport.NetworkConfig;
import picocli.CommandLine;

/** {@code serve}'s options and the node configuration they make, without starting nwaku. */
class ServeCommandTest {

    @TempDir
    Path temp;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private CliEnvironment environment() {
        return CliEnvironment.of(config -> new DetachedNode(), new SystemScheduler(), KdfParams.FAST_FOR_TESTS, Map.of(),
                new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private ServeCommand parse(String... args) {
        CommandLine line = new CommandLine(new WakuChatCli(environment()));
        line.parseArgs(args);
        return line.getSubcommands().get("serve").getCommand();
    }

    @Test
    void theSystemdUnitsFlagsMakeAStoreNodeOnEveryInterfaceAndShard() throws Exception {
        Path dir = temp.resolve("var/lib/wakuchat-serve");
        ServeCommand serve = parse("serve", "--data-dir", dir.toString(), "--preset", "private");

        ServeCommand.ServeSettings settings = serve.settings(Map.of());
        NetworkConfig config = serve.configure(settings, dir);

        assertThat(config.listen()).isEqualTo(new NetworkConfig.Listen("0.0.0.0", 60000, "any"));
        assertThat(config.shards()).as("relay on all the cluster's shards").hasSize(config.numShards());
        assertThat(config.storeDatabase()).contains(dir.resolve(ServeCommand.STORE_FILE));
        assertThat(config.storeRetention().orElseThrow().nwakuPolicy()).isEqualTo("time:" + 30 * 86400);
        assertThat(settings.maxBytes()).isEqualTo(5L << 30);
        assertThat(config.discovery().peerExchange()).as("peer exchange served").isTrue();
        assertThat(config.nodeKey()).contains(Files.readString(dir.resolve(NodeKeyFile.NAME)).strip());
        assertThat(serve.configure(settings, dir).nodeKey()).as("the same key on the next start").isEqualTo(config.nodeKey());
    }

    @Test
    void optionsOverrideTheDefaults() throws Exception {
        ServeCommand serve = parse("serve", "--data-dir", temp.toString(), "--preset", "private", "--store-retention-days", "7",
                "--store-max-size", "500MB", "--external-address", "203.0.113.9", "--tcp-port", "61000", "--stats-interval", "5",
                "--node-key", "22".repeat(32), "--discv5");

        ServeCommand.ServeSettings settings = serve.settings(Map.of());
        NetworkConfig config = serve.configure(settings, temp);

        assertThat(config.storeRetention().orElseThrow().nwakuPolicy()).isEqualTo("time:604800");
        assertThat(settings.maxBytes()).isEqualTo(500L << 20);
        assertThat(settings.statsInterval()).hasSeconds(5);
        assertThat(config.listen()).isEqualTo(new NetworkConfig.Listen("0.0.0.0", 61000, "extip:203.0.113.9"));
        assertThat(config.nodeKey()).contains("22".repeat(32));
        assertThat(config.discovery().discv5()).isTrue();
        assertThat(config.peerLimits()).as("nwaku's defaults unless given").isEqualTo(NetworkConfig.PeerLimits.NWAKU_DEFAULTS);
        assertThat(Files.exists(temp.resolve(NodeKeyFile.NAME))).as("a given key is not written").isFalse();
        NetworkConfig.PeerLimits limits = parse("serve", "--data-dir", temp.toString(), "--preset", "private", "--colocation-limit", "50",
                "--max-connections", "300").configure(settings, temp).peerLimits();
        assertThat(limits.colocationLimit()).hasValue(50);
        assertThat(limits.maxConnections()).hasValue(300);
    }

    @Test
    void badOptionsAreUsageErrorsBeforeAnythingStarts() {
        for (List<String> bad : List.of(List.of("--store-retention-days", "0"), List.of("--store-max-size", "lots"),
                List.of("--store-max-size", "10KB"), List.of("--stats-interval", "0"),
                List.of("--external-address", "203.0.113.9", "--nat", "any"), List.of("--colocation-limit", "-1"),
                List.of("--max-connections", "19"))) {
            List<String> args = new java.util.ArrayList<>(List.of("serve", "--data-dir", temp.resolve("x").toString(), "--preset", "private"));
            args.addAll(bad);
            assertThat(WakuChatCli.run(environment(), args.toArray(String[]::new))).as("%s", bad).isEqualTo(ExitCodes.USAGE);
        }
        assertThat(Files.exists(temp.resolve("x"))).as("nothing written for a usage error").isFalse();
    }

    @Test
    void withoutLibwakuServeSaysSoWithTheEngineUnavailableCode() {
        int code = WakuChatCli.run(environment(), "serve", "--data-dir", temp.toString(), "--preset", "private");

        assertThat(code).isEqualTo(ExitCodes.ENGINE_UNAVAILABLE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs libwaku");
    }
}
