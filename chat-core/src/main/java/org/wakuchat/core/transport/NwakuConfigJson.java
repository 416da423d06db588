package org.wakuchat.core.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Maps a {@link NetworkConfig} to the configuration JSON {@code waku_new} takes (nwaku's field names). */
final class NwakuConfigJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NwakuConfigJson() {
    }

    static String toJson(NetworkConfig config) {
        ObjectNode json = JSON.createObjectNode();
        json.put("relay", true);
        config.preset().ifPresent(preset -> json.put("preset", preset));
        json.put("clusterId", config.clusterId());
        json.put("numShardsInNetwork", config.numShards());
        ArrayNode shards = json.putArray("shards");
        config.shards().forEach(shards::add);
        listen(json, config.listen());
        discovery(json, config.discovery(), config.listen().tcpPort());
        rln(json, config.rln());
        config.storeDatabase().ifPresentOrElse(db -> {
            json.put("store", true).put("storeMessageDbUrl", "sqlite://" + db.toAbsolutePath());
            config.storeRetention().ifPresent(retention -> json.put("storeMessageRetentionPolicy", retention.nwakuPolicy()));
        }, () -> json.put("store", false));
        config.nodeKey().ifPresent(key -> json.put("nodekey", key));
        // Absent unless set: nwaku's own defaults (50 connections, 5 peers per IP address in v0.36) apply.
        config.peerLimits().maxConnections().ifPresent(n -> json.put("maxConnections", n));
        config.peerLimits().colocationLimit().ifPresent(n -> json.put("colocationLimit", n));
        if (!config.dnsNameServers().isEmpty()) {
            strings(json.putArray("dnsAddrsNameServers"), config.dnsNameServers());
        }
        // The app has its own UI: no REST or rendezvous server, and metrics only for a measurement,
        // on loopback.
        json.put("rest", false).put("metricsServer", config.metricsPort().isPresent()).put("rendezvous", false);
        config.metricsPort().ifPresent(port -> json.put("metricsServerAddress", "127.0.0.1").put("metricsServerPort", port));
        json.put("logLevel", config.logLevel());
        return json.toString();
    }

    private static void listen(ObjectNode json, NetworkConfig.Listen listen) {
        json.put("listenAddress", listen.address()).put("tcpPort", listen.tcpPort()).put("nat", listen.nat());
    }

    private static void discovery(ObjectNode json, NetworkConfig.Discovery discovery, int tcpPort) {
        json.put("discv5Discovery", discovery.discv5());
        if (discovery.discv5()) {
            json.put("discv5UdpPort", tcpPort);
            if (!discovery.discv5Bootstrap().isEmpty()) {
                strings(json.putArray("discv5BootstrapNodes"), discovery.discv5Bootstrap());
            }
        }
        json.put("dnsDiscovery", discovery.dnsEnrTreeUrl().isPresent());
        discovery.dnsEnrTreeUrl().ifPresent(url -> json.put("dnsDiscoveryUrl", url));
        json.put("peerExchange", discovery.peerExchange());
    }

    private static void rln(ObjectNode json, NetworkConfig.Rln rln) {
        json.put("rlnRelay", rln.enabled());
        if (!rln.enabled()) {
            return;
        }
        json.put("rlnRelayDynamic", true)
                .put("rlnRelayUserMessageLimit", rln.messagesPerEpoch())
                .put("rlnEpochSizeSec", rln.epochSeconds());
        rln.keystore().ifPresent(path -> json.put("rlnRelayCredPath", path.toAbsolutePath().toString())
                .put("rlnRelayCredPassword", rln.keystorePassword()));
        rln.membershipIndex().ifPresent(index -> json.put("rlnRelayCredIndex", index));
        if (!rln.ethClientUrls().isEmpty()) {
            strings(json.putArray("ethClientUrls"), rln.ethClientUrls());
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
