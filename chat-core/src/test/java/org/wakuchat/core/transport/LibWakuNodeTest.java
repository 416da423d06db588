package org.wakuchat.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.libwaku.LibWakuCallException;
import org.wakuchat.libwaku.LibWakuNotFound;

class LibWakuNodeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOOTSTRAP = "/ip4/127.0.0.1/tcp/60001/p2p/16Uiu2HAmBootstrap";
    private static final String STORE = "/ip4/127.0.0.1/tcp/60002/p2p/16Uiu2HAmStore";
    private static final String BACKUP_STORE = "/ip4/127.0.0.1/tcp/60003/p2p/16Uiu2HAmBackup";
    private static final ContentTopic INBOX = ContentTopic.parse("/wakuchat/1/inbox-alice/proto");
    private static final ContentTopic OTHER = ContentTopic.parse("/wakuchat/1/inbox-bob/proto");

    private final FakeNwaku nwaku = new FakeNwaku();
    private final ScheduledExecutorService nodeThread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "node-thread"));
    private final RedialTestScheduler scheduler = new RedialTestScheduler();
    private final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
    private final List<NodeStatus> statuses = new CopyOnWriteArrayList<>();
    private final List<String> listenerThreads = new CopyOnWriteArrayList<>();
    private NetworkConfig config = NetworkConfig.privateCluster(42, 1, List.of(BOOTSTRAP), List.of(STORE))
            .withListen(NetworkConfig.Listen.loopback(60000));

    @AfterEach
    void shutDown() {
        nwaku.shutdown();
        nodeThread.shutdownNow();
    }

    @Test
    void withoutLibwakuStartFailsWithTheLoadersExplanation() {
        String explanation = "libwaku (nwaku's C library, v0.36.x) was not found. Looked in: …";
        LibWakuNode node = new LibWakuNode(config, () -> {
            throw new LibWakuNotFound(explanation);
        }, nodeThread, scheduler);
        node.setListener(listener(node));

        assertThatThrownBy(() -> node.start().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(EngineUnavailableException.class).hasMessage(explanation);
        assertThat(node.status()).isEqualTo(new NodeStatus(NodeStatus.State.UNAVAILABLE, 0, explanation));
        awaitTrue(() -> statuses.size() == 2);
        assertThat(statuses).extracting(NodeStatus::state).containsExactly(NodeStatus.State.STARTING, NodeStatus.State.UNAVAILABLE);
    }

    @Test
    void creationFailureReportedByNwakuNeverStartsTheNode() {
        nwaku.on("waku_new", FakeNwaku.Answer.error("failed to create switch: address already in use"));
        LibWakuNode node = node();

        assertThatThrownBy(() -> node.start().get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("nwaku could not create the node").hasMessageContaining("address already in use");
        assertThat(node.status().state()).isEqualTo(NodeStatus.State.UNAVAILABLE);
        assertThat(node.status().detail()).contains("address already in use");
        awaitTrue(() -> nwaku.called("waku_destroy"));
        assertThat(nwaku.called("waku_start")).isFalse();
    }

    @Test
    void theWakuNetworkWithoutAMembershipFailsBeforeNwakuIsAskedForANode() {
        config = NetworkConfig.theWakuNetwork();
        LibWakuNode node = node();

        assertThatThrownBy(() -> node.start().get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(EngineUnavailableException.class)
                .hasMessageStartingWith("The Waku Network needs an RLN membership, and this node has no RLN keystore "
                        + "and no Ethereum RPC endpoint.")
                .hasMessageContaining("--rln-keystore <file>").hasMessageContaining("--eth-rpc <url>")
                .hasMessageContaining("Settings → Network").hasMessageContaining("docs/cli.md");
        assertThat(node.status().state()).isEqualTo(NodeStatus.State.UNAVAILABLE);
        assertThat(nwaku.calls).as("nothing reaches nwaku, so nothing is dialled").isEmpty();
    }

    @Test
    void aWrongKeystorePasswordIsSaidBeforeNwakuIsAskedForANode() {
        config = NetworkConfig.theWakuNetwork().withListen(NetworkConfig.Listen.loopback(60000));
        config = config.withRln(config.rln().withMembership(RlnKeystoreTest.fixture(), "not the password", 0,
                List.of("http://127.0.0.1:8545")));
        LibWakuNode node = node();

        assertThatThrownBy(() -> node.start().get(30, TimeUnit.SECONDS))
                .cause().isInstanceOf(EngineUnavailableException.class)
                .hasMessageStartingWith("The password does not open the RLN keystore")
                .hasMessageContaining("Settings → Network → The Waku Network");
        assertThat(node.status().state()).isEqualTo(NodeStatus.State.UNAVAILABLE);
        assertThat(nwaku.calls).as("nothing reaches nwaku, so nothing is dialled").isEmpty();
        assertThat(node.rlnMessageLimit()).isEmpty();
    }

    @Test
    void theMembershipsOwnMessageLimitIsKnownOnceTheNodeStarted() throws Exception {
        config = NetworkConfig.theWakuNetwork().withListen(NetworkConfig.Listen.loopback(60000));
        config = config.withRln(config.rln().withMembership(RlnKeystoreTest.fixture(), RlnKeystoreTest.FIXTURE_PASSWORD, 0,
                List.of("http://127.0.0.1:8545")));
        LibWakuNode node = node();

        node.start().get(30, TimeUnit.SECONDS);

        assertThat(node.rlnMessageLimit()).hasValue(20);
    }

    @Test
    void aLibwakuWithoutRlnIsNamedAsSuch() {
        config = NetworkConfig.theWakuNetwork().withListen(NetworkConfig.Listen.loopback(60000));
        config = config.withRln(config.rln().withMembership(RlnKeystoreTest.fixture(), RlnKeystoreTest.FIXTURE_PASSWORD, 0,
                List.of("http://127.0.0.1:8545")));
        nwaku.on("waku_new", FakeNwaku.Answer.error("Failed setting up Waku: Mounting protocols failed: failed to mount "
                + "WakuRlnRelay: could not create RLN instance: error in parameters generation"));
        LibWakuNode node = node();

        assertThatThrownBy(() -> node.start().get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(EngineUnavailableException.class)
                .hasMessageStartingWith("This libwaku build has no RLN support, which The Waku Network needs")
                .hasMessageContaining("could not create RLN instance: error in parameters generation")
                .hasMessageContaining("--preset private");
        assertThat(nwaku.called("waku_start")).isFalse();
    }

    @Test
    void anotherNwakuSeriesIsRefusedBeforeItCanBeCalledWrongly() {
        nwaku.version = "version / git commit hash: v0.37.1-2-gdeadbee";
        LibWakuNode node = node();

        assertThatThrownBy(() -> node.start().get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(EngineUnavailableException.class).hasMessageContaining("v0.36");
        assertThat(nwaku.called("waku_start")).isFalse();
        awaitTrue(() -> nwaku.called("waku_destroy"));
    }

    @Test
    void startFailureCanBeRetried() throws Exception {
        nwaku.on("waku_start", FakeNwaku.Answer.error("could not start rln"));
        LibWakuNode node = node();
        assertThatThrownBy(() -> node.start().get(5, TimeUnit.SECONDS)).cause().hasMessageContaining("could not start rln");

        nwaku.on("waku_start", FakeNwaku.Answer.ok(""));
        node.start().get(5, TimeUnit.SECONDS);

        assertThat(node.status().state()).isEqualTo(NodeStatus.State.RUNNING);
        assertThat(nwaku.arguments("waku_new")).hasSize(2);
    }

    @Test
    void startCreatesWithTheMappedConfigThenStartsAndDialsBootstrapPeers() throws Exception {
        LibWakuNode node = node();

        node.start().get(5, TimeUnit.SECONDS);

        assertThat(nwaku.arguments("waku_new")).containsExactly(NwakuConfigJson.toJson(config));
        assertThat(nwaku.calls).extracting(FakeNwaku.Call::function)
                .containsSubsequence("waku_new", "waku_set_event_callback", "waku_version", "waku_start", "waku_connect");
        assertThat(nwaku.arguments("waku_connect")).containsExactly(BOOTSTRAP);
        assertThat(node.status()).isEqualTo(new NodeStatus(NodeStatus.State.RUNNING, 0, "no peers yet"));
    }

    @Test
    void publishGoesToTheAutoshardedTopicAndReturnsNwakusHash() throws Exception {
        config = NetworkConfig.privateCluster(42, 8, List.of(), List.of()).withListen(NetworkConfig.Listen.loopback(60000));
        String hash = "0x" + "5a".repeat(32);
        nwaku.on("waku_relay_publish", FakeNwaku.Answer.ok(hash + "\n"));
        LibWakuNode node = started();
        WakuMessage message = WakuMessage.of("hi".getBytes(StandardCharsets.UTF_8), INBOX, 1_764_000_000_000_000_000L);

        MessageHash result = node.publish(message).get(5, TimeUnit.SECONDS);

        assertThat(result).isEqualTo(MessageHash.fromHex(hash));
        String argument = nwaku.arguments("waku_relay_publish").getFirst();
        assertThat(argument).startsWith(config.pubsubTopic(INBOX).value() + " ");
        JsonNode json = JSON.readTree(argument.substring(argument.indexOf(' ') + 1));
        assertThat(json.get("payload").asText()).isEqualTo(Base64.getEncoder().encodeToString("hi".getBytes(StandardCharsets.UTF_8)));
        assertThat(json.get("contentTopic").asText()).isEqualTo(INBOX.toString());
        assertThat(json.get("timestamp").asLong()).isEqualTo(1_764_000_000_000_000_000L);
    }

    @Test
    void publishWithoutPeersFailsWithNwakusReason() {
        nwaku.on("waku_relay_publish", FakeNwaku.Answer.error("NoPeersToPublish"));
        LibWakuNode node = started();

        assertThatThrownBy(() -> node.publish(WakuMessage.of(new byte[1], INBOX, 1)).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(LibWakuCallException.class).hasMessageContaining("NoPeersToPublish");
    }

    @Test
    void publishBeforeStartFailsClearly() {
        assertThatThrownBy(() -> node().publish(WakuMessage.of(new byte[1], INBOX, 1)).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot publish").hasMessageContaining("STOPPED");
    }

    @Test
    void onlySubscribedContentTopicsReachTheListener() {
        LibWakuNode node = started();
        node.subscribe(List.of(INBOX));

        nwaku.emit(messageEvent(OTHER, "not for us", 1));
        nwaku.emit(messageEvent(INBOX, "for us", 2));
        awaitTrue(() -> received.size() == 1); // events arrive in order: the first was dropped
        node.unsubscribe(List.of(INBOX));
        node.subscribe(List.of(OTHER));
        nwaku.emit(messageEvent(INBOX, "after unsubscribe", 3));
        nwaku.emit(messageEvent(OTHER, "marker", 4));
        awaitTrue(() -> received.size() == 2);

        assertThat(received).extracting(m -> new String(m.message().payload(), StandardCharsets.UTF_8))
                .containsExactly("for us", "marker");
        assertThat(listenerThreads).containsOnly("node-thread");
    }

    @Test
    void shardsNotRelayedFromTheStartAreJoinedAndLeftWithTheirTopics() throws Exception {
        ContentTopic elsewhere = topicOnAnotherShardThan(INBOX, 8);
        config = NetworkConfig.privateCluster(42, 8, List.of(), List.of())
                .withShards(List.of(Autosharding.shardOf(INBOX, 8)));
        LibWakuNode node = node();
        node.subscribe(List.of(elsewhere));
        node.start().get(5, TimeUnit.SECONDS);

        awaitTrue(() -> nwaku.called("waku_relay_subscribe"));
        assertThat(nwaku.arguments("waku_relay_subscribe")).containsExactly(config.pubsubTopic(elsewhere).value());

        node.subscribe(List.of(INBOX));
        node.unsubscribe(List.of(INBOX, elsewhere));
        awaitTrue(() -> nwaku.called("waku_relay_unsubscribe"));
        assertThat(nwaku.arguments("waku_relay_unsubscribe")).containsExactly(config.pubsubTopic(elsewhere).value());
        assertThat(nwaku.arguments("waku_relay_subscribe")).hasSize(1);
    }

    @Test
    void aShardNwakuRefusedToLeaveIsNotJoinedTwice() throws Exception {
        // nwaku v0.36.0-114 answers every waku_relay_unsubscribe with this error and keeps relaying.
        nwaku.on("waku_relay_unsubscribe", FakeNwaku.Answer.error(
                "handleRes fireSyncRes error: Unsupported subscription type in relay unsubscribe"));
        ContentTopic elsewhere = topicOnAnotherShardThan(INBOX, 8);
        config = NetworkConfig.privateCluster(42, 8, List.of(), List.of())
                .withShards(List.of(Autosharding.shardOf(INBOX, 8)));
        LibWakuNode node = node();
        node.subscribe(List.of(elsewhere));
        node.start().get(5, TimeUnit.SECONDS);
        awaitTrue(() -> nwaku.called("waku_relay_subscribe"));

        node.unsubscribe(List.of(elsewhere));
        awaitTrue(() -> nwaku.called("waku_relay_unsubscribe") && node.pendingNativeCalls() == 0);
        nodeThread.submit(() -> { }).get(5, TimeUnit.SECONDS); // the refusal has been handled
        node.subscribe(List.of(elsewhere));
        nwaku.emit(messageEvent(elsewhere, "still relayed", 1));
        awaitTrue(() -> received.size() == 1);

        assertThat(nwaku.arguments("waku_relay_subscribe")).containsExactly(config.pubsubTopic(elsewhere).value());
    }

    @Test
    void connectionEventsCountPeersAndLosingThemAllRedialsTheBootstrapPeers() {
        LibWakuNode node = started();

        nwaku.emit(connection("16UA", "Joined"));
        nwaku.emit(connection("16UB", "Joined"));
        nwaku.emit(connection("16UB", "Joined"));
        awaitTrue(() -> node.status().peers() == 2);
        assertThat(node.status().online()).isTrue();

        nwaku.emit(connection("16UA", "Left"));
        nwaku.emit(connection("16UB", "Left"));
        awaitTrue(() -> node.status().peers() == 0);
        assertThat(node.status().detail()).contains("re-dialling");
        int dialsBefore = nwaku.arguments("waku_connect").size();

        scheduler.advance(Duration.ofSeconds(1));

        awaitTrue(() -> nwaku.arguments("waku_connect").size() == dialsBefore + 1);
        assertThat(nwaku.arguments("waku_connect").getLast()).isEqualTo(BOOTSTRAP);
        awaitTrue(() -> statuses.stream().anyMatch(s -> s.peers() == 2));
    }

    @Test
    void storeQueriesRoundTripThroughNwakusJsonPageByPage() throws Exception {
        InMemoryStoreNode store = new InMemoryStoreNode();
        nwaku.on("waku_relay_publish", store::publish).on("waku_store_query", store::query);
        LibWakuNode node = started();
        List<MessageHash> hashes = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            hashes.add(node.publish(WakuMessage.of(("message " + i).getBytes(StandardCharsets.UTF_8), INBOX, i)).get(5, TimeUnit.SECONDS));
        }
        node.publish(WakuMessage.of(new byte[] {1}, OTHER, 9)).get(5, TimeUnit.SECONDS);
        StoreQuery query = new StoreQuery(List.of(INBOX), java.util.Optional.of(0L), java.util.Optional.of(10L), List.of(),
                java.util.Optional.empty(), 2, true);

        StorePage first = node.storeQuery(query).get(5, TimeUnit.SECONDS);
        StorePage second = node.storeQuery(query.nextPage(first.cursor().orElseThrow())).get(5, TimeUnit.SECONDS);

        assertThat(first.messages()).extracting(ReceivedMessage::hash).containsExactly(hashes.get(0), hashes.get(1));
        assertThat(second.messages()).extracting(ReceivedMessage::hash).containsExactly(hashes.get(2));
        assertThat(second.cursor()).isEmpty();
        assertThat(second.messages().getFirst().message())
                .isEqualTo(WakuMessage.of("message 3".getBytes(StandardCharsets.UTF_8), INBOX, 3));
        assertThat(second.messages().getFirst().pubsubTopic()).isEqualTo(config.pubsubTopic(INBOX));
        assertThat(nwaku.arguments("waku_store_query")).allMatch(argument -> argument.startsWith(STORE + " "));
    }

    @Test
    void aFailingStoreNodeFallsBackToTheNext() throws Exception {
        config = config.withStoreNodes(List.of(STORE, BACKUP_STORE));
        nwaku.on("waku_store_query", argument -> argument.startsWith(STORE)
                ? FakeNwaku.Answer.error("dial failure")
                : FakeNwaku.Answer.ok("{\"statusCode\":200,\"messages\":[],\"paginationCursor\":null}"));
        LibWakuNode node = started();

        StorePage page = node.storeQuery(StoreQuery.byHashes(List.of(MessageHash.fromHex("0x" + "01".repeat(32)))))
                .get(5, TimeUnit.SECONDS);

        assertThat(page.messages()).isEmpty();
        assertThat(nwaku.arguments("waku_store_query")).hasSize(2);
    }

    @Test
    void aStoreQueryAcrossShardsIsRefused() {
        config = NetworkConfig.privateCluster(42, 8, List.of(), List.of(STORE));
        LibWakuNode node = started();
        ContentTopic elsewhere = topicOnAnotherShardThan(INBOX, 8);

        assertThatThrownBy(() -> node.storeQuery(StoreQuery.byTopics(List.of(INBOX, elsewhere), 0, 1)).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share a shard");
    }

    @Test
    void stopStopsThenFreesTheNodeAndLeavesNothingPending() throws Exception {
        LibWakuNode node = started();

        node.stop().get(5, TimeUnit.SECONDS);
        node.destroyed().get(5, TimeUnit.SECONDS);

        assertThat(nwaku.calls).extracting(FakeNwaku.Call::function).containsSubsequence("waku_stop", "waku_destroy");
        assertThat(node.status()).isEqualTo(NodeStatus.stopped());
        awaitTrue(() -> node.pendingNativeCalls() == 0);
    }

    @Test
    void aListenerThatPublishesFromItsCallbackNeverCallsIntoNwakusThread() throws Exception {
        LibWakuNode node = node();
        CompletableFuture<MessageHash> reply = new CompletableFuture<>();
        node.setListener(new WakuNode.Listener() {
            @Override
            public void onMessage(ReceivedMessage message) {
                node.publish(WakuMessage.of(new byte[] {1}, OTHER, 1)).whenComplete((hash, failure) -> {
                    if (failure != null) {
                        reply.completeExceptionally(failure);
                    } else {
                        reply.complete(hash);
                    }
                });
            }

            @Override
            public void onStatus(NodeStatus status) {
            }
        });
        nwaku.on("waku_relay_publish", FakeNwaku.Answer.ok("0x" + "77".repeat(32)));
        node.start().get(5, TimeUnit.SECONDS);
        node.subscribe(List.of(INBOX));

        nwaku.emit(messageEvent(INBOX, "ping", 1));

        assertThat(reply.get(5, TimeUnit.SECONDS)).isEqualTo(MessageHash.fromHex("0x" + "77".repeat(32)));
        assertThat(nwaku.callsFromInsideCallbacks).isEmpty();
    }

    @Test
    void aClosedNodeCannotStartAgain() {
        LibWakuNode node = started();

        node.close();

        assertThatThrownBy(() -> node.start().get(5, TimeUnit.SECONDS)).cause().hasMessageContaining("closed");
        awaitTrue(() -> nwaku.called("waku_destroy"));
    }

    // --- helpers ---

    private LibWakuNode node() {
        LibWakuNode node = new LibWakuNode(config, () -> nwaku, nodeThread, scheduler);
        node.setListener(listener(node));
        return node;
    }

    private LibWakuNode started() {
        LibWakuNode node = node();
        node.start().join();
        return node;
    }

    private WakuNode.Listener listener(LibWakuNode node) {
        return new WakuNode.Listener() {
            @Override
            public void onMessage(ReceivedMessage message) {
                listenerThreads.add(Thread.currentThread().getName());
                received.add(message);
            }

            @Override
            public void onStatus(NodeStatus status) {
                listenerThreads.add(Thread.currentThread().getName());
                statuses.add(status);
            }
        };
    }

    private String messageEvent(ContentTopic topic, String payload, long timestamp) {
        WakuMessage message = WakuMessage.of(payload.getBytes(StandardCharsets.UTF_8), topic, timestamp);
        ObjectNode event = JSON.createObjectNode();
        event.put("eventType", "message");
        event.put("messageHash", "0x" + HexFormat.of().formatHex(Crypto.sha256(payload.getBytes(StandardCharsets.UTF_8))));
        event.put("pubsubTopic", config.pubsubTopic(topic).value());
        try {
            event.set("wakuMessage", JSON.readTree(NwakuMessageJson.toPublishJson(message)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return event.toString();
    }

    private static String connection(String peerId, String change) {
        return "{\"eventType\":\"connection_change\",\"peerId\":\"" + peerId + "\",\"peerEvent\":\"" + change + "\"}";
    }

    private static ContentTopic topicOnAnotherShardThan(ContentTopic topic, int numShards) {
        int shard = Autosharding.shardOf(topic, numShards);
        for (int i = 0; ; i++) {
            ContentTopic candidate = new ContentTopic("app" + i, "1", "x", "proto");
            if (Autosharding.shardOf(candidate, numShards) != shard) {
                return candidate;
            }
        }
    }

    private static void awaitTrue(BooleanSupplier condition) {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertThat(condition.getAsBoolean()).as("condition within 5 s").isTrue();
    }

    /** A Store service over what the fake relayed: nwaku's answer format, byte-array payloads, cursors. */
    private static final class InMemoryStoreNode {
        private final List<ObjectNode> stored = new CopyOnWriteArrayList<>();

        FakeNwaku.Answer publish(String argument) {
            String topic = argument.substring(0, argument.indexOf(' '));
            String json = argument.substring(argument.indexOf(' ') + 1);
            String hash = "0x" + HexFormat.of().formatHex(Crypto.sha256(json.getBytes(StandardCharsets.UTF_8)));
            try {
                JsonNode message = JSON.readTree(json);
                ObjectNode entry = JSON.createObjectNode();
                entry.put("messageHash", hash);
                entry.put("pubsubTopic", topic);
                ObjectNode asStored = entry.putObject("message");
                asStored.set("payload", byteArray(Base64.getDecoder().decode(message.get("payload").asText())));
                asStored.put("contentTopic", message.get("contentTopic").asText());
                asStored.set("meta", byteArray(new byte[0]));
                asStored.put("version", message.path("version").asInt());
                asStored.put("timestamp", message.path("timestamp").asLong());
                asStored.put("ephemeral", message.path("ephemeral").asBoolean());
                asStored.set("proof", byteArray(new byte[0]));
                stored.add(entry);
            } catch (Exception e) {
                return FakeNwaku.Answer.error("bad message: " + e.getMessage());
            }
            return FakeNwaku.Answer.ok(hash);
        }

        FakeNwaku.Answer query(String argument) {
            try {
                JsonNode query = JSON.readTree(argument.substring(argument.indexOf(' ') + 1));
                List<String> topics = new ArrayList<>();
                query.path("contentTopics").forEach(t -> topics.add(t.asText()));
                List<ObjectNode> matching = stored.stream()
                        .filter(e -> topics.contains(e.get("message").get("contentTopic").asText()))
                        .filter(e -> e.get("pubsubTopic").asText().equals(query.get("pubsubTopic").asText()))
                        .toList();
                int from = 0;
                if (query.hasNonNull("paginationCursor")) {
                    String cursor = query.get("paginationCursor").asText();
                    while (!matching.get(from).get("messageHash").asText().equals(cursor)) {
                        from++;
                    }
                    from++;
                }
                int limit = query.get("paginationLimit").asInt();
                List<ObjectNode> page = matching.subList(from, Math.min(matching.size(), from + limit));
                ObjectNode answer = JSON.createObjectNode();
                answer.put("requestId", query.get("requestId").asText());
                answer.put("statusCode", 200);
                answer.put("statusDesc", "OK");
                answer.putArray("messages").addAll(page);
                boolean more = from + limit < matching.size();
                answer.put("paginationCursor", more ? page.getLast().get("messageHash").asText() : null);
                return FakeNwaku.Answer.ok(answer.toString());
            } catch (Exception e) {
                return FakeNwaku.Answer.error("bad query: " + e);
            }
        }

        private static ArrayNode byteArray(byte[] bytes) {
            ArrayNode array = JSON.createArrayNode();
            for (byte b : bytes) {
                array.add(b & 0xff);
            }
            return array;
        }
    }
}
