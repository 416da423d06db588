package org.wakuchat.core.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.time.VirtualScheduler;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.transport.NodeStatus;
import org.wakuchat.core.transport.ReceivedMessage;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.transport.WakuNode;

/** Seeded statistics: loss, duplication and reordering come out roughly as configured. */
class NetworkConditionsTest {

    private static final ContentTopic CHAT = SimulatedNetworkTest.CHAT;
    private static final int MESSAGES = 5_000;

    private final VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-03-01T12:00:00Z"));

    @Test
    void lossAndDuplicationRatesAreRoughlyAsConfigured() {
        var conditions = LinkConditions.healthy().withLossRate(0.2).withDuplicationRate(0.1);

        List<Integer> received = sendSequence(3, conditions, Duration.ofMillis(100), MESSAGES);

        long distinct = received.stream().distinct().count();
        double lossRate = 1 - distinct / (double) MESSAGES;
        double duplicationRate = (received.size() - distinct) / (double) distinct;
        assertThat(lossRate).isCloseTo(0.2, within(0.03));
        assertThat(duplicationRate).isCloseTo(0.1, within(0.03));
    }

    @Test
    void aPerfectLinkLosesAndDuplicatesNothing() {
        List<Integer> received = sendSequence(3, LinkConditions.perfect(), Duration.ofMillis(1), 1_000);

        assertThat(received).hasSize(1_000).doesNotHaveDuplicates();
    }

    @Test
    void aWideLatencyRangeReordersAndAFixedLatencyDoesNot() {
        var wide = LinkConditions.perfect().withLatency(Duration.ofMillis(10), Duration.ofMillis(500));
        var fixed = LinkConditions.perfect().withLatency(Duration.ofMillis(200), Duration.ofMillis(200));

        List<Integer> reordered = sendSequence(5, wide, Duration.ofMillis(20), 1_000);
        List<Integer> ordered = sendSequence(5, fixed, Duration.ofMillis(20), 1_000);

        assertThat(reordered).hasSize(1_000).isNotEqualTo(reordered.stream().sorted().toList());
        assertThat(inversionsBetweenNeighbours(reordered)).isGreaterThan(100);
        assertThat(ordered).isSorted();
    }

    @Test
    void statisticsCountWhatHappened() {
        var conditions = LinkConditions.perfect().withLossRate(0.5).withDuplicationRate(0.5);

        List<Integer> received = sendSequence(9, conditions, Duration.ofMillis(1), MESSAGES);

        // Network-wide counters also include the publisher's own echoes.
        assertThat(lastStats.published()).isEqualTo(MESSAGES);
        assertThat(lastStats.delivered() - MESSAGES + lastStats.duplicatesDelivered()).isEqualTo(received.size());
        assertThat(lastStats.lost() + (lastStats.delivered() - MESSAGES)).isEqualTo(MESSAGES);
    }

    private NetworkStats lastStats;

    /** Alice sends 0..count-1, one per {@code interval}; returns the numbers in Bob's arrival order. */
    private List<Integer> sendSequence(long seed, LinkConditions conditions, Duration interval, int count) {
        var network = new SimulatedNetwork(seed, scheduler, NetworkSettings.defaults().withConditions(conditions));
        var alice = network.addNode("alice");
        var bob = network.addNode("bob");
        alice.start();
        bob.start();
        bob.subscribe(List.of(CHAT));
        List<Integer> received = new ArrayList<>();
        bob.setListener(new WakuNode.Listener() {
            @Override
            public void onMessage(ReceivedMessage message) {
                received.add(ByteBuffer.wrap(message.message().payload()).getInt());
            }

            @Override
            public void onStatus(NodeStatus status) {
            }
        });
        for (int i = 0; i < count; i++) {
            alice.publish(WakuMessage.of(ByteBuffer.allocate(4).putInt(i).array(), CHAT, i + 1)).join();
            scheduler.runFor(interval);
        }
        scheduler.runFor(Duration.ofSeconds(5));
        lastStats = network.stats();
        return received;
    }

    private static int inversionsBetweenNeighbours(List<Integer> sequence) {
        int inversions = 0;
        for (int i = 1; i < sequence.size(); i++) {
            if (sequence.get(i) < sequence.get(i - 1)) {
                inversions++;
            }
        }
        return inversions;
    }
}
