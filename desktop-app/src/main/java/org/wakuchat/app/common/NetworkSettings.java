package org.wakuchat.app.common;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.core.invite.InviteNetwork;
import org.wakuchat.core.transport.CommunityNetwork;
import org.wakuchat.core.transport.NetworkConfig;

/**
 * The app's network settings ({@link UiSettings}) as the node's {@link NetworkConfig}, and the
 * changes an invite from another network asks for. Network changes apply when the node starts.
 */
public final class NetworkSettings {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkSettings.class);

    /** Shards of a custom cluster; a power of two, so nwaku and the specs agree on autosharding. */
    public static final int PRIVATE_CLUSTER_SHARDS = NetworkConfig.DEFAULT_CUSTOM_SHARDS;
    public static final int DEFAULT_PRIVATE_CLUSTER = 42;
    /** At most this many peers of one's own are kept; invites add theirs up to it. */
    public static final int MAX_OWN_PEERS = 8;
    private static final String LOOPBACK = "127.0.0.1";
    private static final int THE_WAKU_NETWORK_CLUSTER = 1;

    private NetworkSettings() {
    }

    /**
     * The node's configuration for these settings. A setting that cannot be used is left out with a
     * warning in the log rather than keeping the app from opening the account. The RLN keystore's
     * password is not among the settings: see {@link #withRlnPassword}.
     */
    public static NetworkConfig network(UiSettings settings) {
        Peers own = peers(settings.bootstrapNodes());
        NetworkConfig preset = switch (settings.network()) {
            case COMMUNITY -> NetworkConfig.wakuChatCommunity(own.multiaddrs(), own.multiaddrs());
            case THE_WAKU_NETWORK -> withRln(NetworkConfig.theWakuNetwork().withExtraPeers(own.multiaddrs()), settings.rln());
            case PRIVATE_CLUSTER -> {
                NetworkConfig cluster = NetworkConfig.privateCluster(parseCluster(settings.clusterId()), PRIVATE_CLUSTER_SHARDS,
                        own.multiaddrs(), own.multiaddrs());
                yield own.enrTree().map(url -> cluster.withDiscovery(
                        new NetworkConfig.Discovery(false, List.of(), Optional.of(url), false))).orElse(cluster);
            }
        };
        return preset.withListen(listen(settings.listenOn(), preset.listen()));
    }

    /** {@code network} with the RLN keystore's password (sealed in the account); unchanged without RLN or keystore. */
    public static NetworkConfig withRlnPassword(NetworkConfig network, String password) {
        NetworkConfig.Rln rln = network.rln();
        if (!rln.enabled() || rln.keystore().isEmpty()) {
            return network;
        }
        return network.withRln(rln.withMembership(rln.keystore().get(), password, rln.membershipIndex().orElse(0),
                rln.ethClientUrls()));
    }

    /** The cluster these settings put the node on. */
    public static int clusterOf(UiSettings settings) {
        return switch (settings.network()) {
            case COMMUNITY -> CommunityNetwork.ofThisBuild().clusterId();
            case THE_WAKU_NETWORK -> THE_WAKU_NETWORK_CLUSTER;
            case PRIVATE_CLUSTER -> parseCluster(settings.clusterId());
        };
    }

    /** "The Waku Network", "the Waku Chat community network" or "cluster 4242". */
    public static String networkName(int clusterId) {
        if (clusterId == THE_WAKU_NETWORK_CLUSTER) {
            return "The Waku Network";
        }
        if (clusterId == CommunityNetwork.ofThisBuild().clusterId()) {
            return "the Waku Chat community network";
        }
        return "cluster " + clusterId;
    }

    /** The invite's service nodes these settings do not have yet. */
    public static List<String> newPeers(UiSettings settings, InviteNetwork invite) {
        List<String> own = peers(settings.bootstrapNodes()).multiaddrs();
        return invite.hints().stream().filter(hint -> !own.contains(hint)).toList();
    }

    /**
     * The settings after "Join": on the invite's network with its service nodes as one's own peers
     * (the peers of the network left behind belong to it and are dropped); on the same network
     * the invite's new service nodes are added, up to {@link #MAX_OWN_PEERS}.
     */
    public static UiSettings joining(UiSettings settings, InviteNetwork invite) {
        if (clusterOf(settings) == invite.clusterId()) {
            LinkedHashSet<String> entries = new LinkedHashSet<>(entries(settings.bootstrapNodes()));
            for (String hint : invite.hints()) {
                if (entries.size() < MAX_OWN_PEERS) {
                    entries.add(hint);
                }
            }
            return settings.withNetwork(settings.network(), settings.clusterId(), String.join(", ", entries));
        }
        String peers = String.join(", ", invite.hints());
        if (invite.clusterId() == THE_WAKU_NETWORK_CLUSTER) {
            return settings.withNetwork(UiSettings.NetworkPreset.THE_WAKU_NETWORK, settings.clusterId(), peers);
        }
        if (invite.clusterId() == CommunityNetwork.ofThisBuild().clusterId()) {
            return settings.withNetwork(UiSettings.NetworkPreset.COMMUNITY, settings.clusterId(), peers);
        }
        return settings.withNetwork(UiSettings.NetworkPreset.PRIVATE_CLUSTER, Integer.toString(invite.clusterId()), peers);
    }

    /** {@code address:port}, {@code address} or {@code :port}; the rest from {@code base}. */
    public static NetworkConfig.Listen listen(String listenOn, NetworkConfig.Listen base) {
        String text = listenOn.strip();
        if (text.isEmpty()) {
            return base;
        }
        int colon = text.lastIndexOf(':');
        String address = colon < 0 ? text : text.substring(0, colon).strip();
        if (address.isEmpty()) {
            address = base.address();
        }
        try {
            int port = colon < 0 ? base.tcpPort() : Integer.parseInt(text.substring(colon + 1).strip());
            // On loopback nwaku must be told its address, or it announces the host's primary one.
            String nat = address.equals(LOOPBACK) ? "extip:" + LOOPBACK : base.nat();
            return new NetworkConfig.Listen(address, port, nat);
        } catch (IllegalArgumentException wrong) {
            LOG.warn("Ignoring listen setting {}: {}", listenOn, wrong.getMessage());
            return base;
        }
    }

    private static NetworkConfig withRln(NetworkConfig network, UiSettings.RlnMembership membership) {
        if (!membership.isSet()) {
            return network;
        }
        int index = 0;
        try {
            index = membership.membershipIndex().isEmpty() ? 0 : Integer.parseInt(membership.membershipIndex());
        } catch (NumberFormatException wrong) {
            LOG.warn("Ignoring RLN membership index {}: not a number", membership.membershipIndex());
        }
        List<String> urls = entries(membership.ethRpcUrls());
        try {
            return network.withRln(network.rln().withMembership(Path.of(membership.keystore()), "", Math.max(0, index), urls));
        } catch (IllegalArgumentException wrong) {
            LOG.warn("Ignoring RLN membership: {}", wrong.getMessage());
            return network;
        }
    }

    private record Peers(List<String> multiaddrs, Optional<String> enrTree) {
    }

    private static Peers peers(String text) {
        List<String> multiaddrs = new ArrayList<>();
        Optional<String> enrTree = Optional.empty();
        for (String node : entries(text)) {
            if (node.startsWith("/")) {
                multiaddrs.add(node);
            } else if (node.startsWith("enrtree://") && enrTree.isEmpty()) {
                enrTree = Optional.of(node); // nwaku takes one DNS discovery URL
            } else {
                LOG.warn("Ignoring bootstrap node {}: not a multiaddress (/ip4/…/tcp/…/p2p/…) or the first enrtree:// URL", node);
            }
        }
        return new Peers(List.copyOf(multiaddrs), enrTree);
    }

    private static List<String> entries(String text) {
        return Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static int parseCluster(String text) {
        try {
            return text.isBlank() ? DEFAULT_PRIVATE_CLUSTER : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return DEFAULT_PRIVATE_CLUSTER;
        }
    }
}
