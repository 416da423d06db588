package org.wakuchat.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkConfigTest {

    @Test
    void theWakuNetworkIsCluster1With8ShardsRlnAndDiscovery() {
        NetworkConfig twn = NetworkConfig.theWakuNetwork();

        assertThat(twn.clusterId()).isEqualTo(1);
        assertThat(twn.numShards()).isEqualTo(8);
        assertThat(twn.shards()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(twn.rln().enabled()).isTrue();
        assertThat(twn.discovery().discv5()).isTrue();
        assertThat(twn.discovery().peerExchange()).isTrue();
        assertThat(twn.preset()).contains("twn");
    }

    @Test
    void privateClusterHasNoRlnNoDiscoveryAndItsOwnPeers() {
        NetworkConfig cluster = NetworkConfig.privateCluster(42, 2, List.of("/ip4/10.0.0.1/tcp/60000/p2p/16Uiu2HAm"),
                List.of("/ip4/10.0.0.2/tcp/60000/p2p/16Uiu2HAn"));

        assertThat(cluster.rln().enabled()).isFalse();
        assertThat(cluster.discovery().any()).isFalse();
        assertThat(cluster.bootstrapPeers()).containsExactly("/ip4/10.0.0.1/tcp/60000/p2p/16Uiu2HAm");
        assertThat(cluster.storeNodes()).containsExactly("/ip4/10.0.0.2/tcp/60000/p2p/16Uiu2HAn");
        assertThat(cluster.shards()).containsExactly(0, 1);
    }

    @Test
    void contentTopicsMapToTheirShard() {
        NetworkConfig cluster = NetworkConfig.privateCluster(42, 8, List.of(), List.of());
        ContentTopic topic = ContentTopic.parse("/wakuchat/1/inbox-abc/proto");

        assertThat(cluster.pubsubTopic(topic)).isEqualTo(PubsubTopic.shard(42, Autosharding.shardOf(topic, 8)));
    }

    @Test
    void badSettingsAreRejectedWithAReason() {
        NetworkConfig cluster = NetworkConfig.privateCluster(42, 1, List.of(), List.of());

        assertThatThrownBy(() -> NetworkConfig.privateCluster(42, 0, List.of(), List.of())).hasMessageContaining("shards");
        assertThatThrownBy(() -> cluster.withShards(List.of(1))).hasMessageContaining("subset of 0..0");
        assertThatThrownBy(() -> cluster.withTcpPort(70000)).hasMessageContaining("TCP port");
        assertThatThrownBy(() -> cluster.withNodeKey("abc")).hasMessageContaining("64 hex");
        assertThatThrownBy(() -> cluster.withBootstrapPeers(List.of("10.0.0.1:60000"))).hasMessageContaining("multiaddress");
        assertThatThrownBy(() -> cluster.withLogLevel("LOUD")).hasMessageContaining("log level");
        assertThatThrownBy(() -> cluster.withListen(new NetworkConfig.Listen("127.0.0.1", 1, "none"))).hasMessageContaining("nat");
        assertThatThrownBy(() -> new NetworkConfig.Rln(true, 0, 600, java.util.Optional.empty(), "",
                java.util.OptionalInt.empty(), List.of())).hasMessageContaining("RLN");
    }

    @Test
    void theKeystorePasswordNeverShowsInLogs() {
        NetworkConfig twn = NetworkConfig.theWakuNetwork().withRln(NetworkConfig.Rln.requiredForTheWakuNetwork()
                .withMembership(Path.of("/keys/rln.json"), "s3cret-pass", 0, List.of("https://rpc.example")));

        assertThat(twn.toString()).contains("RLN 100/600 s").doesNotContain("s3cret-pass");
        assertThat(twn.rln().toString()).doesNotContain("s3cret-pass");
    }
}
