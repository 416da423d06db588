package org.wakuchat.core.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.time.VirtualScheduler;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.transport.MessageHashes;
import org.wakuchat.core.transport.NoPeersToPublishException;
import org.wakuchat.core.transport.NodeStatus;
import org.wakuchat.core.transport.PubsubTopic;
import org.wakuchat.core.transport.ReceivedMessage;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.transport.WakuNode;

/** Relay behaviour of the simulator: echo, filtering, hashes, peers, stop/start, offline, partitions. */
class SimulatedNetworkTest {

    static final ContentTopic CHAT = ContentTopic.parse("/wakuchat/1/chat-a/proto");
    static final ContentTopic OTHER = ContentTopic.parse("/wakuchat/1/chat-b/proto");

    private final VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-03-01T12:00:00Z"));
    private final SimulatedNetwork network = new SimulatedNetwork(7, scheduler,
            NetworkSettings.defaults().withConditions(LinkConditions.healthy()));
    private final SimulatedNode alice = network.addNode("alice");
    private final SimulatedNode bob = network.addNode("bob");
    private final Inbox aliceInbox = Inbox.on(alice);
    private final Inbox bobInbox = Inbox.on(bob);

    SimulatedNetworkTest() {
        alice.start();
        bob.start();
        alice.subscribe(List.of(CHAT));
        bob.subscribe(List.of(CHAT));
    }

    @Test
    void deliversToSubscribersAndEchoesToThePublisher() {
        publish(alice, CHAT, "hello");

        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(bobInbox.texts()).containsExactly("hello");
        assertThat(aliceInbox.texts()).containsExactly("hello");
    }

    @Test
    void publishReturnsTheRealMessageHashOnTheAutoshardedTopic() throws Exception {
        var message = message(CHAT, "hash me");

        var hash = alice.publish(message).get();
        scheduler.runFor(Duration.ofSeconds(1));

        PubsubTopic shard = network.pubsubTopicOf(CHAT);
        assertThat(shard.value()).startsWith("/waku/2/rs/1/");
        assertThat(hash).isEqualTo(MessageHashes.of(shard, message));
        assertThat(bobInbox.messages).singleElement().satisfies(received -> {
            assertThat(received.hash()).isEqualTo(hash);
            assertThat(received.pubsubTopic()).isEqualTo(shard);
            assertThat(received.message()).isEqualTo(message);
        });
    }

    @Test
    void onlySubscribedContentTopicsReachTheListener() {
        publish(alice, OTHER, "not for bob");
        scheduler.runFor(Duration.ofSeconds(1));
        bob.subscribe(List.of(OTHER));
        bob.unsubscribe(List.of(CHAT));
        publish(alice, OTHER, "now for bob");
        publish(alice, CHAT, "no longer for bob");

        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(bobInbox.texts()).containsExactly("now for bob");
        assertThat(aliceInbox.texts()).containsExactly("no longer for bob");
    }

    @Test
    void publishingWithoutReachablePeersFailsLikeNwaku() {
        bob.stop();

        assertThatThrownBy(() -> publish(alice, CHAT, "alone"))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(NoPeersToPublishException.class);
        scheduler.runFor(Duration.ofSeconds(1));
        assertThat(aliceInbox.messages).isEmpty();
        assertThat(network.storedMessageCount()).isZero();
    }

    @Test
    void aStoppedNodeCannotPublishAndReceivesNothing() {
        bob.stop();
        var carol = network.addNode("carol");
        carol.start();

        publish(alice, CHAT, "while bob is away");
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(bobInbox.messages).isEmpty();
        assertThatThrownBy(() -> publish(bob, CHAT, "from a stopped node"))
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void messagesInFlightToANodeThatRestartsAreLost() {
        network.setConditions(LinkConditions.healthy().withLatency(Duration.ofMillis(100), Duration.ofMillis(100)));
        publish(alice, CHAT, "in flight");
        scheduler.runFor(Duration.ofMillis(50));
        bob.stop();
        bob.start();

        scheduler.runFor(Duration.ofSeconds(1));
        publish(alice, CHAT, "after restart");
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(bobInbox.texts()).containsExactly("after restart");
    }

    @Test
    void aRestartedNodeKeepsItsNameSubscriptionsAndListener() {
        bob.stop();
        bob.start();

        publish(alice, CHAT, "welcome back");
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(bob.name()).isEqualTo("bob");
        assertThat(bob.subscriptions()).containsExactly(CHAT);
        assertThat(bobInbox.texts()).containsExactly("welcome back");
    }

    @Test
    void aClosedNodeCannotStartAgain() {
        bob.close();

        assertThat(bob.start()).isCompletedExceptionally();
        assertThat(bob.status().state()).isEqualTo(NodeStatus.State.STOPPED);
    }

    @Test
    void statusReportsPeerCountsAndChanges() {
        scheduler.runFor(Duration.ofSeconds(1));
        assertThat(alice.status()).isEqualTo(new NodeStatus(NodeStatus.State.RUNNING, 1, ""));
        assertThat(aliceInbox.statuses.getLast().peers()).isEqualTo(1);

        var carol = network.addNode("carol");
        carol.start();
        scheduler.runFor(Duration.ofSeconds(1));
        assertThat(aliceInbox.statuses.getLast().peers()).isEqualTo(2);

        network.setOnline(alice, false);
        scheduler.runFor(Duration.ofSeconds(1));
        assertThat(aliceInbox.statuses.getLast()).isEqualTo(new NodeStatus(NodeStatus.State.RUNNING, 0, "offline"));
        assertThat(bobInbox.statuses.getLast().peers()).isEqualTo(1);

        alice.stop();
        scheduler.runFor(Duration.ofSeconds(1));
        assertThat(aliceInbox.statuses.getLast()).isEqualTo(NodeStatus.stopped());
    }

    @Test
    void startingReportsStartingThenRunning() {
        var carol = network.addNode("carol");
        var carolInbox = Inbox.on(carol);

        carol.start();
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(carolInbox.statuses).extracting(NodeStatus::state)
                .containsExactly(NodeStatus.State.STARTING, NodeStatus.State.RUNNING);
        assertThat(carolInbox.statuses.getLast().peers()).isEqualTo(2);
    }

    @Test
    void anOfflineNodeNeitherSendsNorReceives() {
        var carol = network.addNode("carol");
        carol.start();
        carol.subscribe(List.of(CHAT));
        var carolInbox = Inbox.on(carol);
        network.setOnline(bob, false);

        publish(carol, CHAT, "bob is offline");
        assertThatThrownBy(() -> publish(bob, CHAT, "from offline bob")).hasCauseInstanceOf(NoPeersToPublishException.class);
        scheduler.runFor(Duration.ofSeconds(1));
        network.setOnline(bob, true);
        publish(carol, CHAT, "bob is back");
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(bobInbox.texts()).containsExactly("bob is back");
        assertThat(carolInbox.texts()).containsExactly("bob is offline", "bob is back");
    }

    @Test
    void partitionsSeparateNodeSetsUntilHealed() {
        var carol = network.addNode("carol");
        var dave = network.addNode("dave");
        for (var node : List.of(carol, dave)) {
            node.start();
            node.subscribe(List.of(CHAT));
        }
        var carolInbox = Inbox.on(carol);
        var daveInbox = Inbox.on(dave);
        network.partition(List.of(alice, bob), List.of(carol, dave));

        publish(alice, CHAT, "west");
        publish(carol, CHAT, "east");
        scheduler.runFor(Duration.ofSeconds(1));
        assertThat(bobInbox.texts()).containsExactly("west");
        assertThat(daveInbox.texts()).containsExactly("east");
        assertThat(alice.status().peers()).isEqualTo(1);

        network.heal();
        publish(alice, CHAT, "together");
        scheduler.runFor(Duration.ofSeconds(1));
        assertThat(daveInbox.texts()).containsExactly("east", "together");
        assertThat(carolInbox.texts()).containsExactly("east", "together");
        assertThat(alice.status().peers()).isEqualTo(3);
    }

    @Test
    void messagesInFlightAcrossANewPartitionAreLost() {
        network.setConditions(LinkConditions.healthy().withLatency(Duration.ofMillis(100), Duration.ofMillis(100)));
        var carol = network.addNode("carol");
        carol.start();
        publish(alice, CHAT, "cut off");
        network.partition(List.of(alice), List.of(bob));

        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(bobInbox.messages).isEmpty();
        assertThat(network.stats().unreachable()).isEqualTo(1);
    }

    @Test
    void perLinkConditionsOverrideTheGlobalOnes() {
        var carol = network.addNode("carol");
        carol.start();
        carol.subscribe(List.of(CHAT));
        var carolInbox = Inbox.on(carol);
        network.setLinkConditions(alice, carol, LinkConditions.perfect().withLossRate(1.0));

        for (int i = 0; i < 20; i++) {
            publish(alice, CHAT, "m" + i);
        }
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(carolInbox.messages).isEmpty();
        assertThat(bobInbox.messages).hasSize(20);
    }

    @Test
    void droppedMessagesReachNobodyElseAndNotTheStore() {
        network.dropIf(message -> new String(message.payload(), StandardCharsets.UTF_8).startsWith("secret"));

        publish(alice, CHAT, "secret 1");
        publish(alice, CHAT, "public 1");
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(bobInbox.texts()).containsExactly("public 1");
        assertThat(aliceInbox.texts()).containsExactly("secret 1", "public 1");
        assertThat(network.storedMessageCount()).isEqualTo(1);
        assertThat(network.stats().droppedByRule()).isEqualTo(1);

        network.clearDropRules();
        publish(alice, CHAT, "secret 2");
        scheduler.runFor(Duration.ofSeconds(1));
        assertThat(bobInbox.texts()).containsExactly("public 1", "secret 2");
    }

    @Test
    void listenersMayPublishFromInsideTheirCallback() {
        bob.subscribe(List.of(OTHER));
        alice.subscribe(List.of(OTHER));
        var repliesFromBob = Inbox.on(alice);
        bob.setListener(new WakuNode.Listener() {
            @Override
            public void onMessage(ReceivedMessage received) {
                if (received.message().contentTopic().equals(CHAT)) {
                    bob.publish(message(OTHER, "ack " + new String(received.message().payload(), StandardCharsets.UTF_8))).join();
                }
            }

            @Override
            public void onStatus(NodeStatus status) {
            }
        });

        publish(alice, CHAT, "ping");
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(repliesFromBob.texts()).containsExactly("ping", "ack ping");
    }

    @Test
    void refusesOversizedMessagesAndForeignNodes() {
        byte[] big = new byte[NetworkSettings.NWAKU_MAX_MESSAGE_BYTES];

        assertThat(alice.publish(WakuMessage.of(big, CHAT, 1))).isCompletedExceptionally();
        var otherNetwork = new SimulatedNetwork(1, scheduler);
        var stranger = otherNetwork.addNode("stranger");
        assertThatThrownBy(() -> network.partition(List.of(alice), List.of(stranger))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> network.addNode("alice")).isInstanceOf(IllegalArgumentException.class);
    }

    private void publish(SimulatedNode node, ContentTopic topic, String text) {
        node.publish(message(topic, text)).join();
    }

    private WakuMessage message(ContentTopic topic, String text) {
        long now = scheduler.now().getEpochSecond() * 1_000_000_000L + scheduler.now().getNano();
        return WakuMessage.of(text.getBytes(StandardCharsets.UTF_8), topic, now);
    }
}
