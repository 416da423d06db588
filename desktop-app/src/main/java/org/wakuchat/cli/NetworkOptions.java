package org.wakuchat.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.wakuchat.core.transport.NetworkConfig;
import picocli.CommandLine.Option;

/** The Waku network options of commands that run a node, mapped onto {@link NetworkConfig}. */
final class NetworkOptions {

    static final String COMMUNITY = "community";
    static final String THE_WAKU_NETWORK = "the-waku-network";
    static final String TWN = "twn";
    static final String PRIVATE = "private";
    static final String CUSTOM = "custom";
    static final int DEFAULT_PRIVATE_CLUSTER = 42;
    static final int DEFAULT_PRIVATE_SHARDS = 8;
    /** nwaku's log level unless --node-log-level says otherwise; its log is then discarded (NativeStdio). */
    static final String QUIET_NODE_LOG = "FATAL";

    @Option(names = "--preset", paramLabel = "<preset>",
            description = "community (the Waku Chat community network: its own cluster, 8 shards, no RLN; the "
                    + "build's service nodes and --bootstrap), the-waku-network or twn (cluster 1, 8 shards, RLN, "
                    + "discovery; needs your RLN membership: --rln-keystore, --eth-rpc, and a libwaku built with RLN) "
                    + "or private / custom (your own nodes, no RLN, no discovery; peers from --bootstrap). Default: "
                    + "the network joined with `accept --join` if any, else community.")
    String preset;

    @Option(names = "--cluster-id", paramLabel = "<id>",
            description = "Cluster id (private only; default " + DEFAULT_PRIVATE_CLUSTER + ").")
    Integer clusterId;

    @Option(names = "--num-shards", paramLabel = "<n>",
            description = "Shards in the network, for autosharding (private only; default " + DEFAULT_PRIVATE_SHARDS + ").")
    Integer numShards;

    @Option(names = "--shards", paramLabel = "<shard>", split = ",",
            description = "Shards to relay from the start, comma-separated (default: all).")
    List<Integer> shards = new ArrayList<>();

    @Option(names = "--bootstrap", paramLabel = "<multiaddr>",
            description = "A peer to dial at start and whenever all peers are lost (repeatable).")
    List<String> bootstrap = new ArrayList<>();

    @Option(names = "--store-node", paramLabel = "<multiaddr>", description = "A Store node for history (repeatable).")
    List<String> storeNodes = new ArrayList<>();

    @Option(names = "--tcp-port", paramLabel = "<port>", description = "libp2p TCP port (default 60000; 0 picks a free one).")
    Integer tcpPort;

    @Option(names = "--listen-address", paramLabel = "<ip>",
            description = "Address to listen on (default 0.0.0.0; 127.0.0.1 keeps the node on this machine).")
    String listenAddress;

    @Option(names = "--nat", paramLabel = "<nat>",
            description = "How the node learns its public address: any, upnp, pmp or extip:<ip> "
                    + "(default any; extip:127.0.0.1 with --listen-address 127.0.0.1).")
    String nat;

    @Option(names = "--node-key", paramLabel = "<hex>", description = "64 hex digits that keep the node's peer id across runs.")
    String nodeKey;

    @Option(names = "--node-log-level", paramLabel = "<level>", defaultValue = QUIET_NODE_LOG,
            description = "nwaku's own log level: TRACE, DEBUG, INFO, NOTICE, WARN, ERROR or FATAL. Its log goes to "
                    + "standard error; at the default, ${DEFAULT-VALUE}, it is dropped (nwaku prints some lines whatever "
                    + "the level).")
    String nodeLogLevel;

    @Option(names = "--rln-keystore", paramLabel = "<file>",
            description = "RLN keystore with your membership (the-waku-network); its password comes from $"
                    + CliEnvironment.RLN_PASSWORD_VARIABLE + ".")
    Path rlnKeystore;

    @Option(names = "--rln-membership-index", paramLabel = "<n>", defaultValue = "0",
            description = "Which membership of the keystore to use (default ${DEFAULT-VALUE}).")
    int rlnMembershipIndex;

    @Option(names = "--eth-rpc", paramLabel = "<url>", description = "Ethereum RPC endpoint for RLN (repeatable).")
    List<String> ethRpc = new ArrayList<>();

    /** The node's configuration; bad combinations are usage errors. */
    NetworkConfig toConfig(Map<String, String> env) {
        return toConfig(env, Optional.empty());
    }

    /**
     * The node's configuration for the account in {@code dataDir}: without {@code --preset}, the
     * network it joined from an invite ({@code accept --join}), if any.
     */
    NetworkConfig toConfig(Map<String, String> env, Path dataDir) {
        return toConfig(env, preset == null ? JoinedNetwork.load(dataDir) : Optional.empty());
    }

    private NetworkConfig toConfig(Map<String, String> env, Optional<JoinedNetwork> joined) {
        try {
            NetworkConfig base = joined.isPresent() && clusterId == null && numShards == null
                    ? joinedConfig(joined.get()) : preset();
            NetworkConfig config = base.withLogLevel(nodeLogLevel.toUpperCase(java.util.Locale.ROOT));
            if (!shards.isEmpty()) {
                config = config.withShards(shards);
            }
            // Added to what the preset (the community network's service nodes) or the joined network brings.
            if (!bootstrap.isEmpty()) {
                config = config.withBootstrapPeers(concat(config.bootstrapPeers(), bootstrap));
            }
            if (!storeNodes.isEmpty()) {
                config = config.withStoreNodes(concat(config.storeNodes(), storeNodes));
            }
            config = config.withListen(listen(config.listen()));
            if (nodeKey != null) {
                config = config.withNodeKey(nodeKey);
            }
            return withRln(config, env);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** The joined cluster's preset with the invite's service nodes. */
    private static NetworkConfig joinedConfig(JoinedNetwork joined) {
        return NetworkConfig.wakuChatCommunity(List.of(), List.of()).joining(joined.clusterId(), joined.peers());
    }

    private NetworkConfig preset() {
        String chosen = preset == null ? COMMUNITY : preset;
        return switch (chosen) {
            case COMMUNITY -> {
                int community = org.wakuchat.core.transport.CommunityNetwork.ofThisBuild().clusterId();
                if (clusterId != null && clusterId != community || numShards != null && numShards != 8) {
                    throw new CliException(ExitCodes.USAGE, "The Waku Chat community network is cluster " + community
                            + " with 8 shards: use --preset private for another cluster.");
                }
                yield NetworkConfig.wakuChatCommunity(List.of(), List.of());
            }
            case THE_WAKU_NETWORK, TWN -> {
                if (clusterId != null && clusterId != 1 || numShards != null && numShards != 8) {
                    throw new CliException(ExitCodes.USAGE,
                            "The Waku Network is cluster 1 with 8 shards: use --preset private for another cluster.");
                }
                yield NetworkConfig.theWakuNetwork();
            }
            case PRIVATE, CUSTOM -> NetworkConfig.privateCluster(clusterId != null ? clusterId : DEFAULT_PRIVATE_CLUSTER,
                    numShards != null ? numShards : DEFAULT_PRIVATE_SHARDS, List.of(), List.of());
            default -> throw new CliException(ExitCodes.USAGE,
                    "Unknown --preset '" + preset + "': use " + COMMUNITY + ", " + THE_WAKU_NETWORK + " (" + TWN + ") or "
                            + PRIVATE + " (" + CUSTOM + ").");
        };
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).distinct().toList();
    }

    private NetworkConfig.Listen listen(NetworkConfig.Listen base) {
        String address = listenAddress != null ? listenAddress : base.address();
        int port = tcpPort != null ? tcpPort : base.tcpPort();
        String natMode = nat != null ? nat : address.equals("127.0.0.1") ? "extip:127.0.0.1" : base.nat();
        return new NetworkConfig.Listen(address, port, natMode);
    }

    private NetworkConfig withRln(NetworkConfig config, Map<String, String> env) {
        if (rlnKeystore == null) {
            if (!ethRpc.isEmpty()) {
                throw new CliException(ExitCodes.USAGE, "--eth-rpc needs --rln-keystore.");
            }
            return config;
        }
        if (!config.rln().enabled()) {
            throw new CliException(ExitCodes.USAGE, "RLN options apply to --preset " + THE_WAKU_NETWORK + " only "
                    + "(the default is the community network, which has no RLN).");
        }
        String password = env.getOrDefault(CliEnvironment.RLN_PASSWORD_VARIABLE, "");
        return config.withRln(config.rln().withMembership(rlnKeystore, password, rlnMembershipIndex, ethRpc));
    }
}
