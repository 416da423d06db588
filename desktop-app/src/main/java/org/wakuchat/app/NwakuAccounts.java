package org.wakuchat.app;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.wakuchat.app.common.UiSettings;
import org.wakuchat.app.common.UiSettingsStore;
import org.wakuchat.core.Accounts;
import org.wakuchat.core.engine.EngineConfig;
import org.wakuchat.core.engine.LocalAccounts;
import org.wakuchat.core.time.Scheduler;
import org.wakuchat.core.transport.NetworkConfig;

/** The real engine: the account in the data folder, on an in-process nwaku node with the network from the settings. */
final class NwakuAccounts implements AccountsFactory {

    /** Shards of a private cluster; a power of two, so nwaku and the specs agree on autosharding. */
    static final int PRIVATE_CLUSTER_SHARDS = 8;
    static final int DEFAULT_PRIVATE_CLUSTER = 42;

    private final Scheduler scheduler;

    NwakuAccounts(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public Accounts open(Path dataFolder) {
        NetworkConfig network = network(new UiSettingsStore(dataFolder).load());
        return new LocalAccounts(EngineConfig.onNwaku(dataFolder, network, scheduler));
    }

    static NetworkConfig network(UiSettings settings) {
        if (settings.network() == UiSettings.NetworkPreset.THE_WAKU_NETWORK) {
            return NetworkConfig.theWakuNetwork();
        }
        int cluster = parseCluster(settings.clusterId());
        List<String> bootstrap = Arrays.stream(settings.bootstrapNodes().split("[,\\s]+"))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        return NetworkConfig.privateCluster(cluster, PRIVATE_CLUSTER_SHARDS, bootstrap, bootstrap);
    }

    private static int parseCluster(String text) {
        try {
            return text.isBlank() ? DEFAULT_PRIVATE_CLUSTER : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return DEFAULT_PRIVATE_CLUSTER;
        }
    }
}
