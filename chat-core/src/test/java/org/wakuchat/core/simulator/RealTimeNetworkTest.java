package org.wakuchat.core.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.time.SystemScheduler;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.transport.MessageHash;
import org.wakuchat.core.transport.NodeStatus;
import org.wakuchat.core.transport.ReceivedMessage;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.transport.WakuNode;

/** The simulator on the wall clock, with messages published from several threads at once. */
class RealTimeNetworkTest {

    private static final ContentTopic CHAT = SimulatedNetworkTest.CHAT;

    @Test
    void deliversInRealTimeAndNeverCallsOneListenerConcurrently() throws InterruptedException {
        try (var scheduler = new SystemScheduler()) {
            var network = new SimulatedNetwork(1, scheduler, NetworkSettings.defaults().withConditions(
                    LinkConditions.perfect().withLatency(Duration.ofMillis(1), Duration.ofMillis(5))));
            var receiver = network.addNode("receiver");
            receiver.start();
            receiver.subscribe(List.of(CHAT));
            int senders = 4;
            int perSender = 50;
            var arrived = new CountDownLatch(senders * perSender);
            Set<MessageHash> distinct = ConcurrentHashMap.newKeySet();
            var concurrentCalls = new AtomicInteger();
            var maxConcurrentCalls = new AtomicInteger();
            receiver.setListener(new WakuNode.Listener() {
                @Override
                public void onMessage(ReceivedMessage message) {
                    maxConcurrentCalls.accumulateAndGet(concurrentCalls.incrementAndGet(), Math::max);
                    concurrentCalls.decrementAndGet();
                    distinct.add(message.hash());
                    arrived.countDown();
                }

                @Override
                public void onStatus(NodeStatus status) {
                }
            });
            List<Thread> threads = new java.util.ArrayList<>();
            for (int s = 0; s < senders; s++) {
                var sender = network.addNode("sender-" + s);
                sender.start();
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perSender; i++) {
                        byte[] payload = (sender.name() + i).getBytes(StandardCharsets.UTF_8);
                        sender.publish(WakuMessage.of(payload, CHAT, System.currentTimeMillis() * 1_000_000)).join();
                    }
                }));
            }
            for (var thread : threads) {
                thread.join();
            }

            assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(maxConcurrentCalls).hasValue(1);
            assertThat(distinct).hasSize(senders * perSender);
        }
    }
}
