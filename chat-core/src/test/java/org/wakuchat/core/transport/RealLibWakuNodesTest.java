package org.wakuchat.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.libwaku.LibWaku;

/**
 * Two real nwaku nodes in this JVM, on 127.0.0.1, in a private cluster without RLN or discovery.
 * Runs whenever the loader finds libwaku; skipped otherwise, naming every place it looked.
 */
@Tag("libwaku")
class RealLibWakuNodesTest {

    private static final Logger LOG = LoggerFactory.getLogger(RealLibWakuNodesTest.class);
    private static final ContentTopic TOPIC = ContentTopic.parse("/wakuchat/1/real-test/proto");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path temp;
    private LibWaku lib;
    private LibWakuNode storeNode;
    private LibWakuNode client;

    @BeforeEach
    void requireLibWaku() {
        lib = RealLibWaku.loadOrSkip();
    }

    @AfterEach
    void closeNodes() throws Exception {
        for (LibWakuNode node : new LibWakuNode[] {client, storeNode}) {
            if (node != null) {
                node.close();
            }
        }
        for (LibWakuNode node : new LibWakuNode[] {client, storeNode}) {
            if (node != null) {
                node.destroyed().get(60, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void twoNodesRelayAMessageWithOneHashAndStoreKeepsIt() throws Exception {
        List<ReceivedMessage> atStoreNode = new CopyOnWriteArrayList<>();
        List<ReceivedMessage> atClient = new CopyOnWriteArrayList<>();

        storeNode = new LibWakuNode(loopback(freePort()).withStoreService(temp.resolve("store.db")), () -> lib);
        storeNode.setListener(collecting(atStoreNode));
        storeNode.start().get(60, TimeUnit.SECONDS);
        String storeAddress = "/ip4/127.0.0.1/tcp/" + storeNode.config().listen().tcpPort() + "/p2p/"
                + storeNode.peerId().get(10, TimeUnit.SECONDS);

        client = new LibWakuNode(loopback(freePort()).withBootstrapPeers(List.of(storeAddress))
                .withStoreNodes(List.of(storeAddress)), () -> lib);
        client.setListener(collecting(atClient));
        storeNode.subscribe(List.of(TOPIC));
        client.subscribe(List.of(TOPIC));
        client.start().get(60, TimeUnit.SECONDS);
        await(() -> client.status().peers() > 0 && storeNode.status().peers() > 0);

        long now = Instant.now().toEpochMilli() * 1_000_000;
        WakuMessage message = WakuMessage.of("hello over nwaku".getBytes(StandardCharsets.UTF_8), TOPIC, now);
        MessageHash hash = publishOnceTheMeshForms(client, message);

        await(() -> atStoreNode.stream().anyMatch(m -> m.hash().equals(hash)));
        await(() -> atClient.stream().anyMatch(m -> m.hash().equals(hash)));
        ReceivedMessage relayed = atStoreNode.stream().filter(m -> m.hash().equals(hash)).findFirst().orElseThrow();
        assertThat(relayed.message()).isEqualTo(message);
        assertThat(relayed.pubsubTopic()).isEqualTo(client.config().pubsubTopic(TOPIC));

        StoreQuery query = StoreQuery.byTopics(List.of(TOPIC), now - 60_000_000_000L, now + 60_000_000_000L);
        await(() -> client.storeQuery(query).join().messages().stream().anyMatch(m -> m.hash().equals(hash)));
        StorePage page = client.storeQuery(query).get(30, TimeUnit.SECONDS);
        assertThat(page.messages()).extracting(ReceivedMessage::message).contains(message);
        assertThat(client.pendingNativeCalls()).isZero();
    }

    @Test
    void sqliteJdbcStillWorksNextToLibwakusOwnSqlite() throws Exception {
        storeNode = new LibWakuNode(loopback(freePort()).withStoreService(temp.resolve("store.db")), () -> lib);
        storeNode.start().get(60, TimeUnit.SECONDS);

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + temp.resolve("app.db"));
             ResultSet result = connection.createStatement().executeQuery("select sqlite_version()")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).matches("3\\.\\d+\\.\\d+");
        }
    }

    private static NetworkConfig loopback(int port) {
        return NetworkConfig.privateCluster(42, 1, List.of(), List.of())
                .withListen(NetworkConfig.Listen.loopback(port))
                .withDnsNameServers(List.of("127.0.0.1"))
                .withLogLevel("ERROR");
    }

    /** The relay mesh forms a heartbeat after connecting; until then nwaku answers NoPeersToPublish. */
    private static MessageHash publishOnceTheMeshForms(LibWakuNode node, WakuMessage message) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            CompletableFuture<MessageHash> attempt = node.publish(message);
            try {
                return attempt.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    private static WakuNode.Listener collecting(List<ReceivedMessage> into) {
        return new WakuNode.Listener() {
            @Override
            public void onMessage(ReceivedMessage message) {
                into.add(message);
            }

            @Override
            public void onStatus(NodeStatus status) {
            }
        };
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!safely(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    private static boolean safely(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
