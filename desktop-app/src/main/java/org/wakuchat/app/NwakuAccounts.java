package org.wakuchat.app;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.app.common.NetworkSettings;
import org.wakuchat.app.common.UiSettings;
import org.wakuchat.app.common.UiSettingsStore;
import org.wakuchat.core.Accounts;
import org.wakuchat.core.SealedSettings;
import org.wakuchat.core.engine.EngineConfig;
import org.wakuchat.core.engine.LocalAccounts;
import org.wakuchat.core.store.DataDirectory;
import org.wakuchat.core.time.Scheduler;
import org.wakuchat.core.transport.LibWakuNode;
import org.wakuchat.core.transport.NetworkConfig;

/** The real engine: the account in the data folder, on an in-process nwaku node with the network from the settings. */
final class NwakuAccounts implements AccountsFactory {

    private static final Logger LOG = LoggerFactory.getLogger(NwakuAccounts.class);

    static final int DEFAULT_PRIVATE_CLUSTER = NetworkSettings.DEFAULT_PRIVATE_CLUSTER;

    private final Scheduler scheduler;

    NwakuAccounts(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public Accounts open(Path dataFolder) {
        NetworkConfig network = network(new UiSettingsStore(dataFolder).load());
        LOG.info("Waku network: {}", network);
        // The RLN keystore's password is sealed in the account: the node is made once it is unlocked.
        // This computer's marker of each data folder lives outside it, in the per-user state folder, to
        // notice a folder restored from an older copy or copied here (docs/crypto.md §6).
        return new LocalAccounts(EngineConfig.onNwaku(dataFolder, network, scheduler)
                .withFolderMarkers(DataDirectory.markers(DataDirectory.resolveStateDefault()))
                .withSealedNode(sealed -> new LibWakuNode(NetworkSettings.withRlnPassword(network,
                        sealed.get(SealedSettings.RLN_KEYSTORE_PASSWORD).orElse("")))));
    }

    /** The node's configuration for these settings (without the RLN password). */
    static NetworkConfig network(UiSettings settings) {
        return NetworkSettings.network(settings);
    }
}
