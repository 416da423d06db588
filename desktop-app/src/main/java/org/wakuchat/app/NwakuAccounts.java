package org.wakuchat.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.app.common.UiSettings;
import org.wakuchat.app.common.UiSettingsStore;
import org.wakuchat.core.Accounts;
import org.wakuchat.core.engine.EngineConfig;
import org.wakuchat.core.engine.LocalAccounts;
import org.wakuchat.core.time.Scheduler;
import org.wakuchat.core.transport.NetworkConfig;

/** The real engine: the account in the data folder, on an in-process nwaku node with the network from the settings. */
final class NwakuAccounts implements AccountsFactory {

    private static final Logger LOG = LoggerFactory.getLogger(NwakuAccounts.class);

    /** Shards of a private cluster; a power of two, so nwaku and the specs agree on autosharding. */
    static final int PRIVATE_CLUSTER_SHARDS = 8;
    static final int DEFAULT_PRIVATE_CLUSTER = 42;
    private static final String LOOPBACK = "127.0.0.1";

    private final Scheduler scheduler;

    NwakuAccounts(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public Accounts open(Path dataFolder) {
        NetworkConfig network = network(new UiSettingsStore(dataFolder).load());
        LOG.info("Waku network: {}", network);
        return new LocalAccounts(EngineConfig.onNwaku(dataFolder, network, scheduler));
    }

    /**
     * The node's configuration for these settings. A setting that cannot be used is left out with a
     * warning in the log rather than keeping the app from opening the account.
     */
    static NetworkConfig network(UiSettings settings) {
        NetworkConfig preset = settings.network() == UiSettings.NetworkPreset.THE_WAKU_NETWORK
                ? NetworkConfig.theWakuNetwork() : privateCluster(settings);
        return preset.withListen(listen(settings.listenOn(), preset.listen()));
    }

    private static NetworkConfig privateCluster(UiSettings settings) {
        List<String> multiaddrs = new ArrayList<>();
        Optional<String> enrTree = Optional.empty();
        for (String entry : settings.bootstrapNodes().split("[,\\s]+")) {
            String node = entry.strip();
            if (node.isEmpty()) {
                continue;
            }
            if (node.startsWith("/")) {
                multiaddrs.add(node);
            } else if (node.startsWith("enrtree://") && enrTree.isEmpty()) {
                enrTree = Optional.of(node); // nwaku takes one DNS discovery URL
            } else {
                LOG.warn("Ignoring bootstrap node {}: not a multiaddress (/ip4/…/tcp/…/p2p/…) or the first enrtree:// URL", node);
            }
        }
        NetworkConfig cluster = NetworkConfig.privateCluster(parseCluster(settings.clusterId()), PRIVATE_CLUSTER_SHARDS,
                multiaddrs, multiaddrs);
        return enrTree.map(url -> cluster.withDiscovery(new NetworkConfig.Discovery(false, List.of(), Optional.of(url), false)))
                .orElse(cluster);
    }

    /** {@code address:port}, {@code address} or {@code :port}; the rest from {@code base}. */
    static NetworkConfig.Listen listen(String listenOn, NetworkConfig.Listen base) {
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

    private static int parseCluster(String text) {
        try {
            return text.isBlank() ? DEFAULT_PRIVATE_CLUSTER : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return DEFAULT_PRIVATE_CLUSTER;
        }
    }
}
