package org.wakuchat.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.invite.InviteCodec;
import org.wakuchat.core.invite.InviteNetwork;
import org.wakuchat.core.invite.InvitePreview;
import org.wakuchat.core.store.KdfParams;
import org.wakuchat.core.time.SystemScheduler;
import org.wakuchat.core.transport.LibWakuNode;
import org.wakuchat.core.transport.NetworkConfig;
import org.wakuchat.core.transport.RealLibWaku;
import org.wakuchat.libwaku.LibWaku;

/**
 * Invites bring their network, over real nwaku on 127.0.0.1: Alice uses a plain nwaku service
 * node (relay and Store) on a cluster of her own; her invite carries that cluster and the
 * service node. Bob starts on a fresh data folder with the default (community) network and no
 * peers at all; the invite tells him Alice is elsewhere, he joins her network from the invite's
 * hints alone, and they chat both ways.
 */
@Tag("libwaku")
class RealInviteJoinTest {

    private static final int ALICES_CLUSTER = 4242;

    @TempDir
    Path folder;
    private LibWaku lib;

    @BeforeEach
    void requireLibWaku() {
        lib = RealLibWaku.loadOrSkip();
    }

    @Test
    void aFreshClientJoinsTheInvitersNetworkFromTheInviteAlone() throws Exception {
        NetworkConfig serviceNetwork = NetworkConfig.privateCluster(ALICES_CLUSTER, NetworkConfig.DEFAULT_CUSTOM_SHARDS,
                        List.of(), List.of())
                .withListen(NetworkConfig.Listen.loopback(freePort()))
                .withStoreService(folder.resolve("service-store.db"))
                .withDnsNameServers(List.of("127.0.0.1")).withLogLevel("ERROR");
        LibWakuNode service = new LibWakuNode(serviceNetwork, () -> lib);
        ChatEngine alice = null;
        ChatEngine bob = null;
        try (var scheduler = new SystemScheduler()) {
            service.start().get(60, TimeUnit.SECONDS);
            String serviceAddress = service.listenAddresses().get(10, TimeUnit.SECONDS).getFirst();

            NetworkConfig aliceNetwork = NetworkConfig.privateCluster(ALICES_CLUSTER, NetworkConfig.DEFAULT_CUSTOM_SHARDS,
                            List.of(serviceAddress), List.of(serviceAddress))
                    .withListen(NetworkConfig.Listen.loopback(freePort()))
                    .withDnsNameServers(List.of("127.0.0.1")).withLogLevel("ERROR");
            alice = new LocalAccounts(config("alice", aliceNetwork, scheduler)).create("Alice", "alice pass".toCharArray());
            alice.start();
            ChatEngine aliceEngine = alice;
            await(() -> aliceEngine.status().state() == EngineStatus.State.CONNECTED);
            String link = alice.currentInvite().link();
            assertThat(link.length()).isLessThanOrEqualTo(InviteCodec.MAX_LINK_LENGTH);

            // Bob: a new account on the default network, no bootstrap peers, no Store nodes.
            NetworkConfig bobsDefault = NetworkConfig.wakuChatCommunity(List.of(), List.of())
                    .withListen(NetworkConfig.Listen.loopback(freePort()))
                    .withDnsNameServers(List.of("127.0.0.1")).withLogLevel("ERROR");
            assertThat(bobsDefault.bootstrapPeers()).isEmpty();
            InvitePreview preview;
            try (ChatEngine offline = new LocalAccounts(config("bob", bobsDefault, scheduler)).create("Bob", "bob pass".toCharArray())) {
                preview = offline.previewInvite(link);
            }
            InviteNetwork theirs = preview.network().orElseThrow();
            assertThat(theirs).isEqualTo(new InviteNetwork(ALICES_CLUSTER, List.of(serviceAddress)));
            assertThat(bobsDefault.isCluster(theirs.clusterId())).isFalse();

            NetworkConfig joined = bobsDefault.joining(theirs.clusterId(), theirs.hints());
            assertThat(joined.clusterId()).isEqualTo(ALICES_CLUSTER);
            assertThat(joined.bootstrapPeers()).containsExactly(serviceAddress);
            assertThat(joined.listen()).isEqualTo(bobsDefault.listen());
            bob = new LocalAccounts(config("bob", joined, scheduler)).unlock("bob pass".toCharArray());
            bob.start();
            ChatEngine bobEngine = bob;
            await(() -> bobEngine.status().state() == EngineStatus.State.CONNECTED);

            Conversation withAlice = bob.acceptInvite(link);
            bob.sendText(withAlice.id(), "found you through your invite");
            await(() -> bobEngine.messages(withAlice.id(), 0, 1).getFirst().state() == DeliveryState.DELIVERED);
            assertThat(alice.messages(withAlice.id(), 0, 10)).extracting(ChatMessage::text)
                    .containsExactly("found you through your invite");

            alice.sendText(withAlice.id(), "welcome to my network");
            await(() -> bobEngine.messages(withAlice.id(), 0, 10).stream().anyMatch(m -> m.text().equals("welcome to my network")));
            await(() -> aliceEngine.messages(withAlice.id(), 0, 10).stream()
                    .filter(ChatMessage::outgoing).allMatch(m -> m.state() == DeliveryState.DELIVERED));
        } finally {
            if (bob != null) {
                bob.close();
            }
            if (alice != null) {
                alice.close();
            }
            service.close();
        }
    }

    private EngineConfig config(String name, NetworkConfig network, SystemScheduler scheduler) {
        return new EngineConfig(folder.resolve(name), KdfParams.FAST_FOR_TESTS, () -> new LibWakuNode(network, () -> lib),
                scheduler, new SecureRandom(), DeliveryPolicy.DEFAULT, EngineConfig.DEFAULT_INVITE_VALIDITY, Optional.empty())
                .withNetworkOf(network);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 90 s");
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
