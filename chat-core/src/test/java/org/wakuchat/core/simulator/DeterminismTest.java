package org.wakuchat.core.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.time.VirtualScheduler;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.transport.WakuMessage;

/** Same seed and same actions give the same delivery trace; another seed gives another. */
class DeterminismTest {

    private static final ContentTopic CHAT = SimulatedNetworkTest.CHAT;

    @Test
    void sameSeedSameTrace() {
        List<TraceEvent> first = runScenario(42);
        List<TraceEvent> second = runScenario(42);

        assertThat(first).hasSizeGreaterThan(500);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void anotherSeedAnotherTrace() {
        assertThat(runScenario(43)).isNotEqualTo(runScenario(42));
    }

    private static List<TraceEvent> runScenario(long seed) {
        var scheduler = new VirtualScheduler(Instant.parse("2026-03-01T12:00:00Z"));
        var network = new SimulatedNetwork(seed, scheduler, NetworkSettings.defaults().withConditions(
                LinkConditions.healthy().withLatency(Duration.ofMillis(5), Duration.ofMillis(300))
                        .withLossRate(0.1).withDuplicationRate(0.05)));
        List<TraceEvent> trace = new ArrayList<>();
        network.setTraceListener(trace::add);
        List<SimulatedNode> nodes = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d", "e")) {
            var node = network.addNode(name);
            node.start();
            node.subscribe(List.of(CHAT));
            nodes.add(node);
        }
        for (int round = 0; round < 40; round++) {
            if (round == 10) {
                network.partition(nodes.subList(0, 2), nodes.subList(2, 5));
            }
            if (round == 20) {
                network.heal();
                nodes.get(3).stop();
            }
            if (round == 30) {
                nodes.get(3).start();
            }
            for (var node : nodes) {
                if (node.status().state() != org.wakuchat.core.transport.NodeStatus.State.STOPPED) {
                    byte[] payload = (node.name() + round).getBytes(StandardCharsets.UTF_8);
                    node.publish(WakuMessage.of(payload, CHAT, round + 1L)).exceptionally(failure -> null);
                }
            }
            scheduler.runFor(Duration.ofMillis(100));
        }
        scheduler.runFor(Duration.ofSeconds(5));
        return trace;
    }
}
