package org.wakuchat.core.transport;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Every network setting of the Waku node, in one typed place. Start from a preset,
 * {@link #wakuChatCommunity}, {@link #theWakuNetwork()} or {@link #privateCluster} (custom), and adjust with the {@code with…} methods.
 *
 * @param clusterId      the cluster (1 is The Waku Network)
 * @param numShards      shards in the network; content topics map onto them by autosharding
 * @param shards         shards relayed from the start; others are joined when a subscribed
 *                       content topic needs them
 * @param preset         an nwaku network preset ({@code twn}) that brings its contract, bootstrap
 *                       nodes and limits
 * @param listen         where the node listens and how it learns its public address
 * @param bootstrapPeers multiaddresses dialled at start, and again (with backoff) whenever the
 *                       node has lost every peer
 * @param storeNodes     multiaddresses of Store nodes for history, tried in order
 * @param storeDatabase  when present the node itself serves Store from this SQLite file
 * @param nodeKey        64 hex digits that keep the peer id stable across runs
 * @param dnsNameServers resolvers for DNS multiaddresses and ENR trees; empty means nwaku's default
 * @param logLevel       nwaku's log level (it logs to stdout)
 * @param storeRetention what a Store node ({@code storeDatabase}) deletes, and when; empty:
 *                       nwaku's default (two days)
 * @param peerLimits     how many peers nwaku keeps, in all and from one IP address; nwaku's
 *                       defaults unless a service node sets them
 * @param metricsPort    when present nwaku serves its Prometheus metrics on
 *                       {@code http://127.0.0.1:<port>/metrics} (loopback only: measurements, never the app)
 */
public record NetworkConfig(int clusterId, int numShards, List<Integer> shards, Optional<String> preset, Listen listen,
                            List<String> bootstrapPeers, List<String> storeNodes, Discovery discovery, Rln rln,
                            Optional<Path> storeDatabase, Optional<String> nodeKey, List<String> dnsNameServers,
                            String logLevel, Optional<StoreRetention> storeRetention, PeerLimits peerLimits,
                            OptionalInt metricsPort) {

    public static final int MAX_SHARDS = 1024;
    private static final Pattern NODE_KEY = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "ERROR", "FATAL");

    public NetworkConfig {
        if (clusterId < 0 || clusterId > 65535) {
            throw new IllegalArgumentException("cluster id must be 0..65535: " + clusterId);
        }
        if (numShards < 1 || numShards > MAX_SHARDS) {
            throw new IllegalArgumentException("number of shards must be 1.." + MAX_SHARDS + ": " + numShards);
        }
        shards = List.copyOf(shards);
        if (shards.isEmpty() || shards.stream().anyMatch(s -> s < 0 || s >= numShards)) {
            throw new IllegalArgumentException("relayed shards must be a non-empty subset of 0.." + (numShards - 1) + ": " + shards);
        }
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(listen, "listen");
        bootstrapPeers = multiaddrs(bootstrapPeers, "bootstrap peer");
        storeNodes = multiaddrs(storeNodes, "store node");
        Objects.requireNonNull(discovery, "discovery");
        Objects.requireNonNull(rln, "rln");
        Objects.requireNonNull(storeDatabase, "storeDatabase");
        Objects.requireNonNull(nodeKey, "nodeKey");
        nodeKey.ifPresent(key -> {
            if (!NODE_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("a node key is 64 hex digits");
            }
        });
        dnsNameServers = List.copyOf(dnsNameServers);
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new IllegalArgumentException("log level must be one of " + LOG_LEVELS + ": " + logLevel);
        }
        Objects.requireNonNull(storeRetention, "storeRetention");
        Objects.requireNonNull(peerLimits, "peerLimits");
        Objects.requireNonNull(metricsPort, "metricsPort");
        metricsPort.ifPresent(port -> {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("metrics port must be 1..65535: " + port);
            }
        });
    }

    /** Without nwaku's metrics server (every node but a measurement's). */
    public NetworkConfig(int clusterId, int numShards, List<Integer> shards, Optional<String> preset, Listen listen,
                         List<String> bootstrapPeers, List<String> storeNodes, Discovery discovery, Rln rln,
                         Optional<Path> storeDatabase, Optional<String> nodeKey, List<String> dnsNameServers,
                         String logLevel, Optional<StoreRetention> storeRetention, PeerLimits peerLimits) {
        this(clusterId, numShards, shards, preset, listen, bootstrapPeers, storeNodes, discovery, rln, storeDatabase, nodeKey,
                dnsNameServers, logLevel, storeRetention, peerLimits, OptionalInt.empty());
    }

    /** With nwaku's default limit of peers per IP address. */
    public NetworkConfig(int clusterId, int numShards, List<Integer> shards, Optional<String> preset, Listen listen,
                         List<String> bootstrapPeers, List<String> storeNodes, Discovery discovery, Rln rln,
                         Optional<Path> storeDatabase, Optional<String> nodeKey, List<String> dnsNameServers,
                         String logLevel, Optional<StoreRetention> storeRetention) {
        this(clusterId, numShards, shards, preset, listen, bootstrapPeers, storeNodes, discovery, rln, storeDatabase, nodeKey,
                dnsNameServers, logLevel, storeRetention, PeerLimits.NWAKU_DEFAULTS);
    }

    /** Without a retention policy of its own (nwaku's default applies to a Store node). */
    public NetworkConfig(int clusterId, int numShards, List<Integer> shards, Optional<String> preset, Listen listen,
                         List<String> bootstrapPeers, List<String> storeNodes, Discovery discovery, Rln rln,
                         Optional<Path> storeDatabase, Optional<String> nodeKey, List<String> dnsNameServers,
                         String logLevel) {
        this(clusterId, numShards, shards, preset, listen, bootstrapPeers, storeNodes, discovery, rln, storeDatabase, nodeKey,
                dnsNameServers, logLevel, Optional.empty());
    }

    /** The Waku Network: cluster 1, 8 shards, RLN rate limiting required, discovery on. */
    public static NetworkConfig theWakuNetwork() {
        return new NetworkConfig(1, 8, allShards(8), Optional.of("twn"), Listen.publicDefault(), List.of(), List.of(),
                Discovery.publicNetwork(), Rln.requiredForTheWakuNetwork(), Optional.empty(), Optional.empty(),
                List.of(), "WARN");
    }

    /**
     * The "Waku Chat community" network, the default for new accounts: its own cluster and shard
     * count, the service nodes this build ships with ({@link CommunityNetwork#ofThisBuild()}) and
     * the user's own additions after them. No RLN: what protects it instead is each app's outbound
     * rate limit and the relay validation of every peer (docs/networks.md).
     */
    public static NetworkConfig wakuChatCommunity(List<String> extraBootstrap, List<String> extraStore) {
        return wakuChatCommunity(CommunityNetwork.ofThisBuild(), extraBootstrap, extraStore);
    }

    public static NetworkConfig wakuChatCommunity(CommunityNetwork community, List<String> extraBootstrap,
                                                  List<String> extraStore) {
        return privateCluster(community.clusterId(), community.numShards(),
                concatDistinct(community.bootstrapPeers(), extraBootstrap), concatDistinct(community.storeNodes(), extraStore));
    }

    /** Whether this is the network of {@code clusterId}: invites carry the inviter's cluster. */
    public boolean isCluster(int otherClusterId) {
        return clusterId == otherClusterId;
    }

    /** Shards assumed for a cluster known only by its id (an invite carries no shard count): the app's and CLI's default. */
    public static final int DEFAULT_CUSTOM_SHARDS = 8;

    /**
     * The network to be on to reach someone on cluster {@code otherClusterId} through
     * {@code peers} (an invite's network hints): this network with the peers added when it is
     * that cluster; otherwise that cluster's preset (The Waku Network for 1, the community network
     * for its cluster, else a custom cluster of {@link #DEFAULT_CUSTOM_SHARDS} shards) with the
     * peers, keeping where this node listens, its node key, resolvers and log level.
     */
    public NetworkConfig joining(int otherClusterId, List<String> peers) {
        if (isCluster(otherClusterId)) {
            return withExtraPeers(peers);
        }
        NetworkConfig other;
        if (otherClusterId == theWakuNetwork().clusterId()) {
            other = theWakuNetwork().withExtraPeers(peers); // the RLN membership is the user's to add
        } else if (otherClusterId == CommunityNetwork.ofThisBuild().clusterId()) {
            other = wakuChatCommunity(peers, peers);
        } else {
            other = privateCluster(otherClusterId, DEFAULT_CUSTOM_SHARDS, peers, peers);
        }
        return new NetworkConfig(other.clusterId, other.numShards, other.shards, other.preset, listen, other.bootstrapPeers,
                other.storeNodes, other.discovery, other.rln, storeDatabase, nodeKey, dnsNameServers, logLevel);
    }

    /** A copy that also dials {@code peers} (and asks them for Store), after the ones it has, without repeats. */
    public NetworkConfig withExtraPeers(List<String> peers) {
        return withBootstrapPeers(concatDistinct(bootstrapPeers, peers)).withStoreNodes(concatDistinct(storeNodes, peers));
    }

    private static List<String> concatDistinct(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).distinct().toList();
    }

    /** A cluster of your own: no RLN, no discovery; peers come from {@code bootstrapMultiaddrs}. */
    public static NetworkConfig privateCluster(int clusterId, int numShards, List<String> bootstrapMultiaddrs,
                                               List<String> storeNodes) {
        return new NetworkConfig(clusterId, numShards, allShards(numShards), Optional.empty(), Listen.publicDefault(),
                bootstrapMultiaddrs, storeNodes, Discovery.off(), Rln.off(), Optional.empty(), Optional.empty(),
                List.of(), "WARN");
    }

    public PubsubTopic pubsubTopic(ContentTopic topic) {
        return Autosharding.pubsubTopic(clusterId, numShards, topic);
    }

    public NetworkConfig withListen(Listen newListen) {
        return new NetworkConfig(clusterId, numShards, shards, preset, newListen, bootstrapPeers, storeNodes, discovery, rln,
                storeDatabase, nodeKey, dnsNameServers, logLevel, storeRetention, peerLimits, metricsPort);
    }

    public NetworkConfig withTcpPort(int tcpPort) {
        return withListen(new Listen(listen.address(), tcpPort, listen.nat()));
    }

    public NetworkConfig withShards(List<Integer> newShards) {
        return new NetworkConfig(clusterId, numShards, newShards, preset, listen, bootstrapPeers, storeNodes, discovery, rln,
                storeDatabase, nodeKey, dnsNameServers, logLevel, storeRetention, peerLimits, metricsPort);
    }

    public NetworkConfig withBootstrapPeers(List<String> peers) {
        return new NetworkConfig(clusterId, numShards, shards, preset, listen, peers, storeNodes, discovery, rln,
                storeDatabase, nodeKey, dnsNameServers, logLevel, storeRetention, peerLimits, metricsPort);
    }

    public NetworkConfig withStoreNodes(List<String> nodes) {
        return new NetworkConfig(clusterId, numShards, shards, preset, listen, bootstrapPeers, nodes, discovery, rln,
                storeDatabase, nodeKey, dnsNameServers, logLevel, storeRetention, peerLimits, metricsPort);
    }

    public NetworkConfig withDiscovery(Discovery newDiscovery) {
        return new NetworkConfig(clusterId, numShards, shards, preset, listen, bootstrapPeers, storeNodes, newDiscovery, rln,
                storeDatabase, nodeKey, dnsNameServers, logLevel, storeRetention, peerLimits, metricsPort);
    }

    public NetworkConfig withRln(Rln newRln) {
        return new NetworkConfig(clusterId, numShards, shards, preset, listen, bootstrapPeers, storeNodes, discovery, newRln,
                storeDatabase, nodeKey, dnsNameServers, logLevel, storeRetention, peerLimits, metricsPort);
    }

    /** Makes this node a Store node too, keeping messages in the SQLite file at {@code database}. */
    public NetworkConfig withStoreService(Path database) {
        return new NetworkConfig(clusterId, numShards, shards, preset, listen, bootstrapPeers, storeNodes, discovery, rln,
                Optional.of(database), nodeKey, dnsNameServers, logLevel, storeRetention, peerLimits, metricsPort);
    }

    /** What this Store node deletes, and when (see {@link StoreRetention}: nwaku takes one policy). */
    public NetworkConfig withStoreRetention(StoreRetention retention) {
        return new NetworkConfig(clusterId, numShards, shards, preset, listen, bootstrapPeers, storeNodes, discovery, rln,
                storeDatabase, nodeKey, dnsNameServers, logLevel, Optional.of(retention), peerLimits, metricsPort);
    }

    /** How many peers nwaku keeps (a service node's setting); {@link PeerLimits#NWAKU_DEFAULTS} unless set. */
    public NetworkConfig withPeerLimits(PeerLimits limits) {
        return new NetworkConfig(clusterId, numShards, shards, preset, listen, bootstrapPeers, storeNodes, discovery, rln,
                storeDatabase, nodeKey, dnsNameServers, logLevel, storeRetention, limits, metricsPort);
    }

    /**
     * Turns on nwaku's Prometheus metrics server on 127.0.0.1:{@code port} (never another
     * address: the figures are for a measurement on this machine). nim-metrics' registry is per
     * process, so the figures are per node only with one node in the process.
     */
    public NetworkConfig withMetricsServer(int port) {
        return new NetworkConfig(clusterId, numShards, shards, preset, listen, bootstrapPeers, storeNodes, discovery, rln,
                storeDatabase, nodeKey, dnsNameServers, logLevel, storeRetention, peerLimits, OptionalInt.of(port));
    }

    public NetworkConfig withNodeKey(String hex) {
        return new NetworkConfig(clusterId, numShards, shards, preset, listen, bootstrapPeers, storeNodes, discovery, rln,
                storeDatabase, Optional.of(hex), dnsNameServers, logLevel, storeRetention, peerLimits, metricsPort);
    }

    public NetworkConfig withDnsNameServers(List<String> servers) {
        return new NetworkConfig(clusterId, numShards, shards, preset, listen, bootstrapPeers, storeNodes, discovery, rln,
                storeDatabase, nodeKey, servers, logLevel, storeRetention, peerLimits, metricsPort);
    }

    public NetworkConfig withLogLevel(String level) {
        return new NetworkConfig(clusterId, numShards, shards, preset, listen, bootstrapPeers, storeNodes, discovery, rln,
                storeDatabase, nodeKey, dnsNameServers, level, storeRetention, peerLimits, metricsPort);
    }

    @Override
    public String toString() {
        return "NetworkConfig[cluster " + clusterId + ", " + numShards + " shards" + preset.map(p -> ", preset " + p).orElse("")
                + ", " + listen + ", bootstrap " + bootstrapPeers + ", store nodes " + storeNodes + ", " + discovery + ", " + rln + "]";
    }

    private static List<Integer> allShards(int numShards) {
        return IntStream.range(0, numShards).boxed().toList();
    }

    private static List<String> multiaddrs(List<String> addresses, String what) {
        List<String> copy = List.copyOf(addresses);
        for (String address : copy) {
            if (address.isBlank() || !address.startsWith("/")) {
                throw new IllegalArgumentException(what + " must be a multiaddress like /ip4/…/tcp/…/p2p/…: " + address);
            }
        }
        return copy;
    }

    /**
     * How many peers nwaku keeps; each empty one is left to nwaku (not sent).
     *
     * @param maxConnections  connections in all (nwaku's {@code maxConnections}, default 50 in v0.36, of
     *                        which 60 % relay: 20 inbound and 10 outbound relay peers); at least 20, the
     *                        least nwaku accepts (its relay share must reach gossipsub's D_high of 12)
     * @param colocationLimit peers from one IP address (nwaku's {@code colocationLimit}, default 5 in
     *                        v0.36; 0: no limit): more users behind one NAT address need a higher one
     */
    public record PeerLimits(OptionalInt maxConnections, OptionalInt colocationLimit) {

        public static final int MIN_CONNECTIONS = 20;
        public static final PeerLimits NWAKU_DEFAULTS = new PeerLimits(OptionalInt.empty(), OptionalInt.empty());

        public PeerLimits {
            Objects.requireNonNull(maxConnections, "maxConnections");
            Objects.requireNonNull(colocationLimit, "colocationLimit");
            maxConnections.ifPresent(n -> {
                if (n < MIN_CONNECTIONS) {
                    throw new IllegalArgumentException("nwaku needs at least " + MIN_CONNECTIONS + " connections: " + n);
                }
            });
            colocationLimit.ifPresent(n -> {
                if (n < 0) {
                    throw new IllegalArgumentException("the colocation limit must be 0 (none) or more: " + n);
                }
            });
        }

        public PeerLimits withMaxConnections(int n) {
            return new PeerLimits(OptionalInt.of(n), colocationLimit);
        }

        public PeerLimits withColocationLimit(int n) {
            return new PeerLimits(maxConnections, OptionalInt.of(n));
        }
    }

    /**
     * @param address listen address ({@code 0.0.0.0} for all interfaces)
     * @param tcpPort libp2p TCP port
     * @param nat     how nwaku learns its public address: {@code any}, {@code upnp}, {@code pmp}
     *                or {@code extip:<ip>} ({@code none} is rejected by nwaku)
     */
    public record Listen(String address, int tcpPort, String nat) {

        public Listen {
            if (address == null || address.isBlank()) {
                throw new IllegalArgumentException("listen address required");
            }
            if (tcpPort < 0 || tcpPort > 65535) {
                throw new IllegalArgumentException("TCP port must be 0..65535: " + tcpPort);
            }
            if (nat == null || !(nat.equals("any") || nat.equals("upnp") || nat.equals("pmp") || nat.startsWith("extip:"))) {
                throw new IllegalArgumentException("nat must be any, upnp, pmp or extip:<ip>: " + nat);
            }
        }

        public static Listen publicDefault() {
            return new Listen("0.0.0.0", 60000, "any");
        }

        /** Loopback only, for nodes talking to each other on one machine. */
        public static Listen loopback(int tcpPort) {
            return new Listen("127.0.0.1", tcpPort, "extip:127.0.0.1");
        }
    }

    /**
     * @param discv5             find peers with discv5
     * @param discv5Bootstrap    ENRs to start discv5 from (a preset brings its own)
     * @param dnsEnrTreeUrl      an {@code enrtree://} URL listing bootstrap nodes
     * @param peerExchange       ask peers for more peers
     */
    public record Discovery(boolean discv5, List<String> discv5Bootstrap, Optional<String> dnsEnrTreeUrl,
                            boolean peerExchange) {

        public Discovery {
            discv5Bootstrap = List.copyOf(discv5Bootstrap);
            Objects.requireNonNull(dnsEnrTreeUrl, "dnsEnrTreeUrl");
            dnsEnrTreeUrl.ifPresent(url -> {
                if (!url.startsWith("enrtree://")) {
                    throw new IllegalArgumentException("a DNS discovery URL starts with enrtree://: " + url);
                }
            });
        }

        public static Discovery off() {
            return new Discovery(false, List.of(), Optional.empty(), false);
        }

        public static Discovery publicNetwork() {
            return new Discovery(true, List.of(), Optional.empty(), true);
        }

        public boolean any() {
            return discv5 || dnsEnrTreeUrl.isPresent() || peerExchange;
        }
    }

    /**
     * RLN rate limiting: an on-chain membership lets us send {@code messagesPerEpoch} messages
     * per {@code epochSeconds}.
     *
     * @param keystore        the RLN keystore file holding the membership credentials
     * @param membershipIndex which membership of the keystore to use
     * @param ethClientUrls   Ethereum RPC endpoints to follow the membership contract
     */
    public record Rln(boolean enabled, int messagesPerEpoch, int epochSeconds, Optional<Path> keystore,
                      String keystorePassword, OptionalInt membershipIndex, List<String> ethClientUrls) {

        public Rln {
            Objects.requireNonNull(keystore, "keystore");
            Objects.requireNonNull(keystorePassword, "keystorePassword");
            Objects.requireNonNull(membershipIndex, "membershipIndex");
            ethClientUrls = List.copyOf(ethClientUrls);
            if (enabled && (messagesPerEpoch < 1 || epochSeconds < 1)) {
                throw new IllegalArgumentException("RLN needs at least one message per epoch of at least one second");
            }
            membershipIndex.ifPresent(index -> {
                if (index < 0) {
                    throw new IllegalArgumentException("membership index must not be negative");
                }
            });
        }

        public static Rln off() {
            return new Rln(false, 0, 0, Optional.empty(), "", OptionalInt.empty(), List.of());
        }

        /** The Waku Network's limits; the keystore and Ethereum endpoint are the user's to add. */
        public static Rln requiredForTheWakuNetwork() {
            return new Rln(true, 100, 600, Optional.empty(), "", OptionalInt.empty(), List.of());
        }

        public Rln withMembership(Path keystoreFile, String password, int index, List<String> ethRpcUrls) {
            return new Rln(enabled, messagesPerEpoch, epochSeconds, Optional.of(keystoreFile), password, OptionalInt.of(index),
                    ethRpcUrls);
        }

        @Override
        public String toString() {
            return enabled ? "RLN " + messagesPerEpoch + "/" + epochSeconds + " s" + keystore.map(k -> ", keystore " + k).orElse("")
                    : "no RLN";
        }
    }
}
