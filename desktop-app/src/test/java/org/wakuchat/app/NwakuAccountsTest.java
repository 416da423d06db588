package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wakuchat.app.common.UiSettings;
import org.wakuchat.core.transport.NetworkConfig;

/** How the settings become the node's network configuration. */
class NwakuAccountsTest {

    private static final String PEER = "/ip4/127.0.0.1/tcp/60001/p2p/16Uiu2HAmDjos5tsGbBkpzoz3LcvWitrfVGrV8kUW14vdD5zJna56";

    @Test
    void aPrivateClusterOnLoopbackTellsNwakuItsAddress() {
        NetworkConfig config = NwakuAccounts.network(UiSettings.defaults()
                .withNetwork(UiSettings.NetworkPreset.PRIVATE_CLUSTER, "66", PEER).withListenOn("127.0.0.1:60002"));
        assertThat(config.clusterId()).isEqualTo(66);
        assertThat(config.bootstrapPeers()).containsExactly(PEER);
        assertThat(config.storeNodes()).containsExactly(PEER);
        assertThat(config.rln().enabled()).isFalse();
        assertThat(config.listen()).isEqualTo(new NetworkConfig.Listen("127.0.0.1", 60002, "extip:127.0.0.1"));
    }

    @Test
    void theDefaultsListenOnAllInterfacesOnPort60000() {
        assertThat(NwakuAccounts.network(UiSettings.defaults()).listen()).isEqualTo(NetworkConfig.Listen.publicDefault());
        assertThat(NwakuAccounts.network(UiSettings.defaults().withListenOn(":60005")).listen())
                .isEqualTo(new NetworkConfig.Listen("0.0.0.0", 60005, "any"));
    }

    @Test
    void anEnrTreeBecomesDnsDiscoveryAndWhatIsNeitherIsLeftOut() {
        NetworkConfig config = NwakuAccounts.network(UiSettings.defaults().withNetwork(UiSettings.NetworkPreset.PRIVATE_CLUSTER,
                "", "enrtree://AOGYWMBYOUIMOENHXCHILPKY3ZRNEULMFXANWKCF3HQ5CMHAVWBQIAWA@test.example.org, peer.example.org " + PEER)
                .withListenOn("127.0.0.1:port"));
        assertThat(config.clusterId()).isEqualTo(NwakuAccounts.DEFAULT_PRIVATE_CLUSTER);
        assertThat(config.bootstrapPeers()).containsExactly(PEER);
        assertThat(config.discovery().dnsEnrTreeUrl())
                .isEqualTo(Optional.of("enrtree://AOGYWMBYOUIMOENHXCHILPKY3ZRNEULMFXANWKCF3HQ5CMHAVWBQIAWA@test.example.org"));
        assertThat(config.discovery().discv5()).isFalse();
        assertThat(config.listen()).as("a listen setting that does not parse").isEqualTo(NetworkConfig.Listen.publicDefault());
        assertThat(config.shards()).isEqualTo(List.of(0, 1, 2, 3, 4, 5, 6, 7));
    }
}
