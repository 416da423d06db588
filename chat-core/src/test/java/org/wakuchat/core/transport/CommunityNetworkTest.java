package org.wakuchat.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CommunityNetworkTest {

    @Test
    void thisRepositoryShipsTheCommunityClusterWithoutNodes() {
        CommunityNetwork community = CommunityNetwork.ofThisBuild();

        assertThat(community.clusterId()).isEqualTo(73).isNotIn(1, 16);
        assertThat(Integer.bitCount(community.numShards())).isEqualTo(1);
        assertThat(community.numShards()).isEqualTo(8);
        assertThat(community.bootstrapPeers()).isEmpty();
        assertThat(community.storeNodes()).isEmpty();
        assertThat(community.messagesPerWindow()).isEqualTo(100);
        assertThat(community.windowSeconds()).isEqualTo(600);
    }

    @Test
    void theAppsOwnLimiterGuardsTheCommunityNetworkAndRlnsLimitTheWakuNetwork() {
        var community = org.wakuchat.core.engine.EngineConfig.onNwaku(java.nio.file.Path.of("unused"),
                NetworkConfig.wakuChatCommunity(List.of(), List.of()), new org.wakuchat.core.time.VirtualScheduler(java.time.Instant.EPOCH));
        var twn = org.wakuchat.core.engine.EngineConfig.onNwaku(java.nio.file.Path.of("unused"),
                NetworkConfig.theWakuNetwork(), new org.wakuchat.core.time.VirtualScheduler(java.time.Instant.EPOCH));
        var custom = org.wakuchat.core.engine.EngineConfig.onNwaku(java.nio.file.Path.of("unused"),
                NetworkConfig.privateCluster(42, 8, List.of(), List.of()), new org.wakuchat.core.time.VirtualScheduler(java.time.Instant.EPOCH));

        assertThat(community.rateLimit()).hasValueSatisfying(limit -> assertThat(limit.messagesPerEpoch()).isEqualTo(100));
        assertThat(twn.rateLimit()).hasValueSatisfying(limit -> assertThat(limit.messagesPerEpoch()).isEqualTo(100));
        assertThat(custom.rateLimit()).isEmpty();
        assertThat(community.network()).hasValueSatisfying(n -> assertThat(n.clusterId()).isEqualTo(73));
    }

    @Test
    void aBuildsNodesComeFirstThenTheUsersWithoutRepeats() {
        Properties values = new Properties();
        values.setProperty("clusterId", "73");
        values.setProperty("numShards", "8");
        values.setProperty("bootstrap", "/dns4/a.example.org/tcp/60000/p2p/16Uiu2HAmA, /ip4/192.0.2.1/tcp/60000/p2p/16Uiu2HAmB");
        values.setProperty("store", "/dns4/store.example.org/tcp/60000/p2p/16Uiu2HAmS");
        CommunityNetwork community = CommunityNetwork.from(values);

        NetworkConfig config = NetworkConfig.wakuChatCommunity(community,
                List.of("/ip4/192.0.2.1/tcp/60000/p2p/16Uiu2HAmB", "/ip4/127.0.0.1/tcp/60001/p2p/16Uiu2HAmMine"), List.of());

        assertThat(config.clusterId()).isEqualTo(73);
        assertThat(config.numShards()).isEqualTo(8);
        assertThat(config.shards()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(config.rln().enabled()).isFalse();
        assertThat(config.preset()).isEmpty();
        assertThat(config.bootstrapPeers()).containsExactly("/dns4/a.example.org/tcp/60000/p2p/16Uiu2HAmA",
                "/ip4/192.0.2.1/tcp/60000/p2p/16Uiu2HAmB", "/ip4/127.0.0.1/tcp/60001/p2p/16Uiu2HAmMine");
        assertThat(config.storeNodes()).containsExactly("/dns4/store.example.org/tcp/60000/p2p/16Uiu2HAmS");
    }

    @Test
    void anUnfilteredPlaceholderIsAnEmptyList() {
        Properties values = new Properties();
        values.setProperty("clusterId", "73");
        values.setProperty("numShards", "8");
        values.setProperty("bootstrap", "${wakuchat.community.bootstrap}");

        assertThat(CommunityNetwork.from(values).bootstrapPeers()).isEmpty();
    }

    @Test
    void theShardCountMustBeAPowerOfTwo() {
        Properties values = new Properties();
        values.setProperty("clusterId", "73");
        values.setProperty("numShards", "6");

        assertThatThrownBy(() -> CommunityNetwork.from(values)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void extraPeersAreAddedOnceAsBootstrapAndStore() {
        NetworkConfig config = NetworkConfig.privateCluster(73, 8, List.of("/ip4/127.0.0.1/tcp/1/p2p/16Uiu2HAmA"), List.of())
                .withExtraPeers(List.of("/ip4/127.0.0.1/tcp/1/p2p/16Uiu2HAmA", "/ip4/127.0.0.1/tcp/2/p2p/16Uiu2HAmB"));

        assertThat(config.bootstrapPeers()).containsExactly("/ip4/127.0.0.1/tcp/1/p2p/16Uiu2HAmA", "/ip4/127.0.0.1/tcp/2/p2p/16Uiu2HAmB");
        assertThat(config.storeNodes()).containsExactly("/ip4/127.0.0.1/tcp/1/p2p/16Uiu2HAmA", "/ip4/127.0.0.1/tcp/2/p2p/16Uiu2HAmB");
    }
}
