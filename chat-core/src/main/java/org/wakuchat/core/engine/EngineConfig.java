package org.wakuchat.core.engine;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.wakuchat.core.SealedSettings;
import org.wakuchat.core.invite.InviteNetwork;
import org.wakuchat.core.store.KdfParams;
import org.wakuchat.core.time.Scheduler;
import org.wakuchat.core.transport.CommunityNetwork;
import org.wakuchat.core.transport.LibWakuNode;
import org.wakuchat.core.transport.NetworkConfig;
import org.wakuchat.core.transport.WakuNode;

/**
 * Everything an engine needs from outside, in one place.
 *
 * @param dataDir       the account's data folder
 * @param kdf           passphrase key derivation cost (lower only in tests)
 * @param node          makes the Waku node the engine runs on (libwaku in the app, the simulator in tests)
 * @param scheduler     clock and timers
 * @param random        randomness for keys and nonces
 * @param delivery      how hard the engine tries to deliver
 * @param inviteValidity how long a new invite works
 * @param rateLimit     the outbound limit (RLN), if the network enforces one
 * @param network       my network as my invites carry it (cluster id, service nodes); without
 *                      it invites are of version 1 and say nothing of the network
 * @param sealedNode    when present, makes the node instead of {@code node}, from the unlocked
 *                      account's sealed settings (e.g. an RLN keystore password)
 * @param folderMarkers where this computer keeps its data folder markers, outside the data folder
 *                      ({@link org.wakuchat.core.store.DataDirectory#markers}); when present, each
 *                      unlock checks whether the folder was restored from an older copy or copied
 *                      here ({@link org.wakuchat.core.DataFolderWarning}); the app sets it, tests
 *                      and the CLI do not
 * @param groupKeyRefresh when a group admin's device refreshes the group's keys on its own
 */
public record EngineConfig(Path dataDir, KdfParams kdf, Supplier<WakuNode> node, Scheduler scheduler,
                           SecureRandom random, DeliveryPolicy delivery, Duration inviteValidity,
                           Optional<RateLimit> rateLimit, Optional<InviteNetwork> network,
                           Optional<Function<SealedSettings, WakuNode>> sealedNode, Optional<Path> folderMarkers,
                           GroupKeyRefresh groupKeyRefresh) {

    public static final Duration DEFAULT_INVITE_VALIDITY = Duration.ofDays(7);

    public EngineConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(kdf, "kdf");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(inviteValidity, "inviteValidity");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(sealedNode, "sealedNode");
        Objects.requireNonNull(folderMarkers, "folderMarkers");
        Objects.requireNonNull(groupKeyRefresh, "groupKeyRefresh");
    }

    /** With the default group key refresh. */
    public EngineConfig(Path dataDir, KdfParams kdf, Supplier<WakuNode> node, Scheduler scheduler, SecureRandom random,
                        DeliveryPolicy delivery, Duration inviteValidity, Optional<RateLimit> rateLimit,
                        Optional<InviteNetwork> network, Optional<Function<SealedSettings, WakuNode>> sealedNode,
                        Optional<Path> folderMarkers) {
        this(dataDir, kdf, node, scheduler, random, delivery, inviteValidity, rateLimit, network, sealedNode,
                folderMarkers, GroupKeyRefresh.DEFAULT);
    }

    public EngineConfig(Path dataDir, KdfParams kdf, Supplier<WakuNode> node, Scheduler scheduler, SecureRandom random,
                        DeliveryPolicy delivery, Duration inviteValidity, Optional<RateLimit> rateLimit,
                        Optional<InviteNetwork> network, Optional<Function<SealedSettings, WakuNode>> sealedNode) {
        this(dataDir, kdf, node, scheduler, random, delivery, inviteValidity, rateLimit, network, sealedNode,
                Optional.empty());
    }

    public EngineConfig(Path dataDir, KdfParams kdf, Supplier<WakuNode> node, Scheduler scheduler, SecureRandom random,
                        DeliveryPolicy delivery, Duration inviteValidity, Optional<RateLimit> rateLimit,
                        Optional<InviteNetwork> network) {
        this(dataDir, kdf, node, scheduler, random, delivery, inviteValidity, rateLimit, network, Optional.empty());
    }

    /** The node for an unlocked account. */
    WakuNode nodeFor(SealedSettings sealed) {
        return sealedNode.map(factory -> factory.apply(sealed)).orElseGet(node);
    }

    /** Makes the node from the unlocked account's sealed settings. */
    public EngineConfig withSealedNode(Function<SealedSettings, WakuNode> factory) {
        return new EngineConfig(dataDir, kdf, node, scheduler, random, delivery, inviteValidity, rateLimit, network,
                Optional.of(factory), folderMarkers, groupKeyRefresh);
    }

    /** Without a network for invites. */
    public EngineConfig(Path dataDir, KdfParams kdf, Supplier<WakuNode> node, Scheduler scheduler, SecureRandom random,
                        DeliveryPolicy delivery, Duration inviteValidity, Optional<RateLimit> rateLimit) {
        this(dataDir, kdf, node, scheduler, random, delivery, inviteValidity, rateLimit, Optional.empty());
    }

    /** The app's settings: full-strength key derivation, default delivery policy. */
    public static EngineConfig of(Path dataDir, Supplier<WakuNode> node, Scheduler scheduler) {
        return new EngineConfig(dataDir, KdfParams.DEFAULT, node, scheduler, new SecureRandom(),
                DeliveryPolicy.DEFAULT, DEFAULT_INVITE_VALIDITY, Optional.empty());
    }

    /**
     * The app's engine on an in-process nwaku node (libwaku) with these network settings; the
     * outbound rate limit follows the network's RLN membership (the community network's own limit
     * there), and invites carry the network.
     */
    public static EngineConfig onNwaku(Path dataDir, NetworkConfig network, Scheduler scheduler) {
        EngineConfig config = of(dataDir, () -> new LibWakuNode(network), scheduler).withNetworkOf(network);
        return rateLimitFor(network).map(config::withRateLimit).orElse(config);
    }

    /**
     * The outbound limit on {@code network}: its RLN membership's, or on the community network
     * (no RLN) the app's own; none on a custom cluster.
     */
    public static Optional<RateLimit> rateLimitFor(NetworkConfig network) {
        NetworkConfig.Rln rln = network.rln();
        if (rln.enabled()) {
            return Optional.of(new RateLimit(rln.messagesPerEpoch(), Duration.ofSeconds(rln.epochSeconds())));
        }
        CommunityNetwork community = CommunityNetwork.ofThisBuild();
        return network.isCluster(community.clusterId())
                ? Optional.of(new RateLimit(community.messagesPerWindow(), Duration.ofSeconds(community.windowSeconds())))
                : Optional.empty();
    }

    /**
     * Invites carry {@code network}'s cluster and up to two of its service nodes: its Store nodes
     * first (they also relay, and they keep what was sent while I was away), then its bootstrap peers.
     */
    public EngineConfig withNetworkOf(NetworkConfig network) {
        java.util.List<String> serviceNodes = java.util.stream.Stream.concat(network.storeNodes().stream(),
                network.bootstrapPeers().stream()).toList();
        return withInviteNetwork(InviteNetwork.of(network.clusterId(), serviceNodes));
    }

    public EngineConfig withInviteNetwork(InviteNetwork newNetwork) {
        return new EngineConfig(dataDir, kdf, node, scheduler, random, delivery, inviteValidity, rateLimit,
                Optional.of(newNetwork), sealedNode, folderMarkers, groupKeyRefresh);
    }

    public EngineConfig withKdf(KdfParams newKdf) {
        return new EngineConfig(dataDir, newKdf, node, scheduler, random, delivery, inviteValidity, rateLimit, network, sealedNode, folderMarkers, groupKeyRefresh);
    }

    public EngineConfig withRandom(SecureRandom newRandom) {
        return new EngineConfig(dataDir, kdf, node, scheduler, newRandom, delivery, inviteValidity, rateLimit, network, sealedNode, folderMarkers, groupKeyRefresh);
    }

    public EngineConfig withDelivery(DeliveryPolicy newDelivery) {
        return new EngineConfig(dataDir, kdf, node, scheduler, random, newDelivery, inviteValidity, rateLimit, network, sealedNode, folderMarkers, groupKeyRefresh);
    }

    /** Checks the data folder against this computer's markers kept in {@code dir} on every unlock. */
    public EngineConfig withFolderMarkers(Path dir) {
        return new EngineConfig(dataDir, kdf, node, scheduler, random, delivery, inviteValidity, rateLimit, network,
                sealedNode, Optional.of(dir), groupKeyRefresh);
    }

    public EngineConfig withGroupKeyRefresh(GroupKeyRefresh refresh) {
        return new EngineConfig(dataDir, kdf, node, scheduler, random, delivery, inviteValidity, rateLimit, network,
                sealedNode, folderMarkers, refresh);
    }

    public EngineConfig withRateLimit(RateLimit limit) {
        return new EngineConfig(dataDir, kdf, node, scheduler, random, delivery, inviteValidity, Optional.of(limit), network, sealedNode, folderMarkers, groupKeyRefresh);
    }
}
