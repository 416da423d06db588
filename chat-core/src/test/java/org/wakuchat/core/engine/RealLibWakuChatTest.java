package org.wakuchat.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
import org.wakuchat.core.store.KdfParams;
import org.wakuchat.core.time.SystemScheduler;
import org.wakuchat.core.transport.LibWakuNode;
import org.wakuchat.core.transport.NetworkConfig;
import org.wakuchat.core.transport.RealLibWaku;
import org.wakuchat.libwaku.LibWaku;

/**
 * Two chat engines over two real nwaku nodes on 127.0.0.1 (private cluster, no RLN, no
 * discovery): invite, first message, delivery confirmation. Runs whenever libwaku is found.
 */
@Tag("libwaku")
class RealLibWakuChatTest {

    @TempDir
    Path folder;
    private LibWaku lib;

    @BeforeEach
    void requireLibWaku() {
        lib = RealLibWaku.loadOrSkip();
    }

    @Test
    void twoEnginesChatOverTwoRealNwakuNodes() throws Exception {
        int alicePort = freePort();
        int bobPort = freePort();
        NetworkConfig aliceNetwork = loopback(alicePort).withStoreService(folder.resolve("alice-store.db"));
        try (var scheduler = new SystemScheduler()) {
            var aliceNode = new java.util.concurrent.atomic.AtomicReference<LibWakuNode>();
            ChatEngine alice = new LocalAccounts(config("alice", () -> {
                aliceNode.set(new LibWakuNode(aliceNetwork, () -> lib));
                return aliceNode.get();
            }, scheduler))
                    .create("Alice", "alice passphrase".toCharArray());
            alice.start();
            await(() -> alice.status().state() == EngineStatus.State.OFFLINE
                    || alice.status().state() == EngineStatus.State.CONNECTED);
            String aliceAddress = "/ip4/127.0.0.1/tcp/" + alicePort + "/p2p/"
                    + aliceNode.get().peerId().get(10, java.util.concurrent.TimeUnit.SECONDS);
            NetworkConfig bobNetwork = loopback(bobPort).withBootstrapPeers(List.of(aliceAddress))
                    .withStoreNodes(List.of(aliceAddress));
            ChatEngine bob = new LocalAccounts(config("bob", () -> new LibWakuNode(bobNetwork, () -> lib), scheduler))
                    .create("Bob", "bob passphrase".toCharArray());
            bob.start();
            await(() -> bob.status().state() == EngineStatus.State.CONNECTED);

            Conversation withAlice = bob.acceptInvite(alice.currentInvite().link());
            ChatMessage hello = bob.sendText(withAlice.id(), "hello over nwaku");
            await(() -> bob.messages(withAlice.id(), 0, 1).getFirst().state() == DeliveryState.DELIVERED);
            assertThat(alice.messages(withAlice.id(), 0, 10)).extracting(ChatMessage::text)
                    .containsExactly("hello over nwaku");
            assertThat(hello.state()).isEqualTo(DeliveryState.QUEUED);
            bob.close();
            alice.close();
        }
    }

    private EngineConfig config(String name, java.util.function.Supplier<org.wakuchat.core.transport.WakuNode> node,
                                SystemScheduler scheduler) {
        return new EngineConfig(folder.resolve(name), KdfParams.FAST_FOR_TESTS, node, scheduler, new SecureRandom(),
                DeliveryPolicy.DEFAULT, EngineConfig.DEFAULT_INVITE_VALIDITY, Optional.empty());
    }

    private static NetworkConfig loopback(int port) {
        return NetworkConfig.privateCluster(42, 1, List.of(), List.of())
                .withListen(NetworkConfig.Listen.loopback(port))
                .withDnsNameServers(List.of("127.0.0.1"))
                .withLogLevel("ERROR");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
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
