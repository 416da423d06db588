package org.wakuchat.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NwakuConfigJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void loopbackPrivateClusterGivesTheConfigurationKnownToWork() throws Exception {
        NetworkConfig config = NetworkConfig.privateCluster(42, 1, List.of(), List.of())
                .withListen(NetworkConfig.Listen.loopback(60123))
                .withDnsNameServers(List.of("127.0.0.1"))
                .withLogLevel("ERROR");

        JsonNode json = JSON.readTree(NwakuConfigJson.toJson(config));

        assertThat(json).isEqualTo(JSON.readTree("""
                {"relay": true, "clusterId": 42, "numShardsInNetwork": 1, "shards": [0],
                 "listenAddress": "127.0.0.1", "tcpPort": 60123, "nat": "extip:127.0.0.1",
                 "discv5Discovery": false, "dnsDiscovery": false, "peerExchange": false,
                 "rlnRelay": false, "store": false, "dnsAddrsNameServers": ["127.0.0.1"],
                 "rest": false, "metricsServer": false, "rendezvous": false, "logLevel": "ERROR"}"""));
    }

    @Test
    void storeServiceNodeKeyAndNarrowedShards() throws Exception {
        NetworkConfig config = NetworkConfig.privateCluster(42, 4, List.of(), List.of())
                .withShards(List.of(2))
                .withStoreService(Path.of("/tmp/waku/store.db"))
                .withNodeKey("11".repeat(32));

        JsonNode json = JSON.readTree(NwakuConfigJson.toJson(config));

        assertThat(json.get("store").asBoolean()).isTrue();
        assertThat(json.get("storeMessageDbUrl").asText()).isEqualTo("sqlite:///tmp/waku/store.db");
        assertThat(json.get("nodekey").asText()).isEqualTo("11".repeat(32));
        assertThat(json.get("shards").toString()).isEqualTo("[2]");
        assertThat(json.get("numShardsInNetwork").asInt()).isEqualTo(4);
    }

    @Test
    void storeRetentionIsOnePolicyInNwakusFormat() throws Exception {
        NetworkConfig store = NetworkConfig.privateCluster(42, 1, List.of(), List.of()).withStoreService(Path.of("/tmp/s.db"));

        assertThat(JSON.readTree(NwakuConfigJson.toJson(store)).has("storeMessageRetentionPolicy"))
                .as("nwaku's default unless one is given").isFalse();
        assertThat(JSON.readTree(NwakuConfigJson.toJson(store.withStoreRetention(StoreRetention.time(java.time.Duration.ofDays(30)))))
                .get("storeMessageRetentionPolicy").asText()).isEqualTo("time:2592000");
        assertThat(JSON.readTree(NwakuConfigJson.toJson(store.withStoreRetention(StoreRetention.size(5L * 1024 * 1024 * 1024 + 5))))
                .get("storeMessageRetentionPolicy").asText()).isEqualTo("size:5120MB");
        assertThat(JSON.readTree(NwakuConfigJson.toJson(NetworkConfig.privateCluster(42, 1, List.of(), List.of())
                .withStoreRetention(StoreRetention.time(java.time.Duration.ofDays(1))))).has("storeMessageRetentionPolicy"))
                .as("no Store, no policy").isFalse();
    }

    @Test
    void metricsServerIsOffUnlessAskedForAndThenOnLoopbackOnly() throws Exception {
        NetworkConfig config = NetworkConfig.privateCluster(42, 1, List.of(), List.of());

        JsonNode off = JSON.readTree(NwakuConfigJson.toJson(config));
        assertThat(off.get("metricsServer").asBoolean()).isFalse();
        assertThat(off.has("metricsServerPort") || off.has("metricsServerAddress")).isFalse();
        JsonNode on = JSON.readTree(NwakuConfigJson.toJson(config.withMetricsServer(8008).withShards(List.of(0))));
        assertThat(on.get("metricsServer").asBoolean()).isTrue();
        assertThat(on.get("metricsServerAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(on.get("metricsServerPort").asInt()).as("kept by the other with… methods").isEqualTo(8008);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config.withMetricsServer(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void peerLimitsAreSentOnlyWhenSet() throws Exception {
        NetworkConfig config = NetworkConfig.privateCluster(42, 1, List.of(), List.of());
        NetworkConfig.PeerLimits limits = NetworkConfig.PeerLimits.NWAKU_DEFAULTS;

        JsonNode defaults = JSON.readTree(NwakuConfigJson.toJson(config));
        assertThat(defaults.has("colocationLimit") || defaults.has("maxConnections")).as("nwaku's defaults").isFalse();
        JsonNode set = JSON.readTree(NwakuConfigJson.toJson(config.withPeerLimits(limits.withColocationLimit(50).withMaxConnections(200))));
        assertThat(set.get("colocationLimit").asInt()).isEqualTo(50);
        assertThat(set.get("maxConnections").asInt()).isEqualTo(200);
        JsonNode none = JSON.readTree(NwakuConfigJson.toJson(config.withPeerLimits(limits.withColocationLimit(0))));
        assertThat(none.get("colocationLimit").isInt()).as("0, nwaku's 'no limit', is sent as a number").isTrue();
        assertThat(none.has("maxConnections")).isFalse();
        assertThat(config.withPeerLimits(limits.withColocationLimit(7)).withShards(List.of(0)).withNodeKey("33".repeat(32))
                .peerLimits().colocationLimit()).as("kept by the other with… methods").hasValue(7);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> limits.withColocationLimit(-1))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> limits.withMaxConnections(19))
                .as("nwaku refuses fewer than 20").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWakuNetworkCarriesPresetRlnMembershipAndDiscovery() throws Exception {
        NetworkConfig twn = NetworkConfig.theWakuNetwork()
                .withRln(NetworkConfig.Rln.requiredForTheWakuNetwork()
                        .withMembership(Path.of("/keys/rln.json"), "pw", 3, List.of("https://rpc.example")))
                .withDiscovery(new NetworkConfig.Discovery(true, List.of("enr:-abc"),
                        java.util.Optional.of("enrtree://KEY@nodes.example"), true));

        JsonNode json = JSON.readTree(NwakuConfigJson.toJson(twn));

        assertThat(json.get("preset").asText()).isEqualTo("twn");
        assertThat(json.get("clusterId").asInt()).isEqualTo(1);
        assertThat(json.get("rlnRelay").asBoolean()).isTrue();
        assertThat(json.get("rlnRelayUserMessageLimit").asInt()).isEqualTo(100);
        assertThat(json.get("rlnEpochSizeSec").asInt()).isEqualTo(600);
        assertThat(json.get("rlnRelayCredPath").asText()).isEqualTo("/keys/rln.json");
        assertThat(json.get("rlnRelayCredPassword").asText()).isEqualTo("pw");
        assertThat(json.get("rlnRelayCredIndex").asInt()).isEqualTo(3);
        assertThat(json.get("ethClientUrls").toString()).isEqualTo("[\"https://rpc.example\"]");
        assertThat(json.get("discv5Discovery").asBoolean()).isTrue();
        assertThat(json.get("discv5UdpPort").asInt()).isEqualTo(60000);
        assertThat(json.get("discv5BootstrapNodes").toString()).isEqualTo("[\"enr:-abc\"]");
        assertThat(json.get("dnsDiscovery").asBoolean()).isTrue();
        assertThat(json.get("dnsDiscoveryUrl").asText()).isEqualTo("enrtree://KEY@nodes.example");
        assertThat(json.get("peerExchange").asBoolean()).isTrue();
    }

    @Test
    void sameConfigSameJson() {
        NetworkConfig config = NetworkConfig.theWakuNetwork();

        assertThat(NwakuConfigJson.toJson(config)).isEqualTo(NwakuConfigJson.toJson(NetworkConfig.theWakuNetwork()));
    }
}
