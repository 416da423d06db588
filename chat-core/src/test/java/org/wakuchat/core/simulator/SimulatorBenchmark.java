package org.wakuchat.core.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.wakuchat.core.time.VirtualScheduler;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.transport.NodeStatus;
import org.wakuchat.core.transport.ReceivedMessage;
import org.wakuchat.core.transport.StorePage;
import org.wakuchat.core.transport.StoreQuery;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.transport.WakuNode;

/**
 * Throughput of the simulator in virtual time (not a test; figures go to docs/simulator.md).
 * Run: {@code java -cp <chat-core test classpath> org.wakuchat.core.simulator.SimulatorBenchmark}.
 */
public final class SimulatorBenchmark {

    private static final ContentTopic TOPIC = ContentTopic.parse("/wakuchat/1/bench/proto");
    private static final int NODES = 10;
    private static final int MESSAGES = 20_000;

    private SimulatorBenchmark() {
    }

    public static void main(String[] args) {
        for (int round = 1; round <= 3; round++) {
            var scheduler = new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
            var network = new SimulatedNetwork(round, scheduler, NetworkSettings.defaults().withConditions(
                    LinkConditions.healthy().withLossRate(0.05).withDuplicationRate(0.01)));
            List<SimulatedNode> nodes = startNodes(network);
            scheduler.runFor(Duration.ofSeconds(1));

            long start = System.nanoTime();
            byte[] payload = new byte[500];
            for (int i = 0; i < MESSAGES; i++) {
                nodes.get(i % NODES).publish(WakuMessage.of(payload, TOPIC, i + 1L)).join();
                if (i % NODES == NODES - 1) {
                    scheduler.runFor(Duration.ofMillis(100));
                }
            }
            scheduler.runFor(Duration.ofSeconds(5));
            double relaySeconds = (System.nanoTime() - start) / 1e9;

            start = System.nanoTime();
            int pages = pageThroughStore(scheduler, nodes.getFirst());
            double storeSeconds = (System.nanoTime() - start) / 1e9;

            System.out.printf("round %d: %d nodes, %d publishes, %d deliveries in %.2f s (%.0f publishes/s, %.0f deliveries/s); "
                            + "store: %d pages of 100 in %.2f s%n", round, NODES, MESSAGES, network.stats().delivered(),
                    relaySeconds, MESSAGES / relaySeconds, network.stats().delivered() / relaySeconds, pages, storeSeconds);
        }
    }

    private static List<SimulatedNode> startNodes(SimulatedNetwork network) {
        List<SimulatedNode> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            var node = network.addNode("node-" + i);
            node.start();
            node.subscribe(List.of(TOPIC));
            node.setListener(new WakuNode.Listener() {
                @Override
                public void onMessage(ReceivedMessage message) {
                }

                @Override
                public void onStatus(NodeStatus status) {
                }
            });
            nodes.add(node);
        }
        return nodes;
    }

    private static int pageThroughStore(VirtualScheduler scheduler, SimulatedNode node) {
        var query = StoreQuery.byTopics(List.of(TOPIC), 0, Long.MAX_VALUE);
        int pages = 0;
        while (true) {
            var answer = node.storeQuery(query);
            scheduler.runUntil(answer::isDone, Duration.ofSeconds(1));
            StorePage page = answer.join();
            pages++;
            if (page.cursor().isEmpty()) {
                return pages;
            }
            query = query.nextPage(page.cursor().get());
        }
    }
}
