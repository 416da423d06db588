package org.wakuchat.core.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.time.VirtualScheduler;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.transport.MessageHash;
import org.wakuchat.core.transport.ReceivedMessage;
import org.wakuchat.core.transport.StorePage;
import org.wakuchat.core.transport.StoreQuery;
import org.wakuchat.core.transport.StoreUnavailableException;
import org.wakuchat.core.transport.WakuMessage;

class SimulatedStoreTest {

    private static final ContentTopic CHAT = SimulatedNetworkTest.CHAT;
    private static final ContentTopic OTHER = SimulatedNetworkTest.OTHER;
    private static final long T0 = 1_772_000_000_000_000_000L;

    private final VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-03-01T12:00:00Z"));
    private final SimulatedNetwork network = new SimulatedNetwork(11, scheduler,
            NetworkSettings.defaults().withStore(Duration.ofHours(1), Duration.ofMillis(20)));
    private final SimulatedNode alice = network.addNode("alice");
    private final SimulatedNode bob = network.addNode("bob");

    SimulatedStoreTest() {
        alice.start();
        bob.start();
    }

    @Test
    void pagesForwardThroughTopicAndTimeRangeOldestFirst() {
        List<MessageHash> published = publishNumbered(CHAT, 250);
        publishNumbered(OTHER, 30);

        List<ReceivedMessage> all = new ArrayList<>();
        var query = StoreQueries.topics(List.of(CHAT), T0, T0 + 10_000, 100, true);
        int pages = 0;
        while (true) {
            StorePage page = query(bob, query);
            pages++;
            all.addAll(page.messages());
            if (page.cursor().isEmpty()) {
                break;
            }
            query = query.nextPage(page.cursor().get());
        }

        assertThat(pages).isEqualTo(3);
        assertThat(all).extracting(ReceivedMessage::hash).containsExactlyElementsOf(published);
    }

    @Test
    void pagesBackwardFromTheNewestKeepingEachPageOldestFirst() {
        List<MessageHash> published = publishNumbered(CHAT, 25);

        var query = StoreQueries.topics(List.of(CHAT), T0, T0 + 10_000, 10, false);
        StorePage newest = query(bob, query);
        StorePage middle = query(bob, query.nextPage(newest.cursor().orElseThrow()));
        StorePage oldest = query(bob, query.nextPage(middle.cursor().orElseThrow()));

        assertThat(newest.messages()).extracting(ReceivedMessage::hash).containsExactlyElementsOf(published.subList(15, 25));
        assertThat(middle.messages()).extracting(ReceivedMessage::hash).containsExactlyElementsOf(published.subList(5, 15));
        assertThat(oldest.messages()).extracting(ReceivedMessage::hash).containsExactlyElementsOf(published.subList(0, 5));
        assertThat(oldest.cursor()).isEmpty();
    }

    @Test
    void timeRangeIsInclusiveAtBothEnds() {
        List<MessageHash> published = publishNumbered(CHAT, 10);

        StorePage page = query(bob, StoreQueries.topics(List.of(CHAT), T0 + 3, T0 + 6, 100, true));

        assertThat(page.messages()).extracting(ReceivedMessage::hash).containsExactlyElementsOf(published.subList(3, 7));
    }

    @Test
    void findsMessagesByHashAndIgnoresUnknownOnes() {
        List<MessageHash> published = publishNumbered(CHAT, 10);
        var unknown = MessageHash.fromHex("0x" + "ab".repeat(32));

        StorePage page = query(bob, StoreQuery.byHashes(List.of(published.get(7), unknown, published.get(2))));

        assertThat(page.messages()).extracting(ReceivedMessage::hash).containsExactly(published.get(2), published.get(7));
        assertThat(page.cursor()).isEmpty();
    }

    @Test
    void hashLookupsArePaginatedToo() {
        List<MessageHash> published = publishNumbered(CHAT, 150);

        StorePage first = query(bob, StoreQuery.byHashes(published));
        StorePage second = query(bob, StoreQuery.byHashes(published).nextPage(first.cursor().orElseThrow()));

        assertThat(first.messages()).hasSize(100);
        assertThat(second.messages()).hasSize(50);
        assertThat(second.cursor()).isEmpty();
    }

    @Test
    void ephemeralMessagesAreNotStored() {
        alice.publish(new WakuMessage(new byte[] {1}, CHAT, 0, T0, null, null, true)).join();

        assertThat(network.storedMessageCount()).isZero();
    }

    @Test
    void identicalMessagesAreStoredOnce() {
        var message = WakuMessage.of(new byte[] {1}, CHAT, T0);
        alice.publish(message).join();
        bob.publish(message).join();

        assertThat(network.storedMessageCount()).isEqualTo(1);
    }

    @Test
    void forgetsMessagesAfterTheRetention() {
        publishNumbered(CHAT, 5);
        scheduler.runFor(Duration.ofMinutes(59));
        assertThat(network.storedMessageCount()).isEqualTo(5);

        scheduler.runFor(Duration.ofMinutes(2));

        assertThat(network.storedMessageCount()).isZero();
        assertThat(query(bob, StoreQueries.topics(List.of(CHAT), T0, T0 + 100, 100, true)).messages()).isEmpty();
    }

    @Test
    void answersPartitionedNodesButNotOfflineOrStoppedOnes() {
        publishNumbered(CHAT, 3);
        var query = StoreQueries.topics(List.of(CHAT), T0, T0 + 100, 100, true);

        network.partition(List.of(alice), List.of(bob));
        assertThat(query(bob, query).messages()).hasSize(3);

        network.setOnline(bob, false);
        assertThatThrownBy(() -> query(bob, query)).hasCauseInstanceOf(StoreUnavailableException.class);
        bob.stop();
        assertThatThrownBy(() -> query(bob, query)).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsBadQueriesWithAReason() {
        publishNumbered(CHAT, 3);
        var noCriteria = new StoreQuery(List.of(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), 10, true);
        var unknownCursor = StoreQueries.topics(List.of(CHAT), T0, T0 + 10, 10, true)
                .nextPage(MessageHash.fromHex("0x" + "cd".repeat(32)));

        assertThatThrownBy(() -> query(bob, noCriteria)).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("either");
        assertThatThrownBy(() -> query(bob, unknownCursor)).hasMessageContaining("cursor");
    }

    @Test
    void answersAfterTheStoreLatency() {
        publishNumbered(CHAT, 1);

        CompletableFuture<StorePage> answer = bob.storeQuery(StoreQueries.topics(List.of(CHAT), T0, T0 + 10, 10, true));

        assertThat(answer).isNotDone();
        scheduler.runFor(Duration.ofMillis(20));
        assertThat(answer).isCompleted();
    }

    private List<MessageHash> publishNumbered(ContentTopic topic, int count) {
        List<MessageHash> hashes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] payload = (topic + " #" + i).getBytes(StandardCharsets.UTF_8);
            hashes.add(alice.publish(WakuMessage.of(payload, topic, T0 + i)).join());
        }
        return hashes;
    }

    private StorePage query(SimulatedNode node, StoreQuery query) {
        var answer = node.storeQuery(query);
        scheduler.runUntil(answer::isDone, Duration.ofSeconds(5));
        return answer.join();
    }

    /** Store queries with an explicit page size and direction. */
    private static final class StoreQueries {
        static StoreQuery topics(List<ContentTopic> topics, long from, long to, int pageSize, boolean forward) {
            return new StoreQuery(topics, Optional.of(from), Optional.of(to), List.of(), Optional.empty(), pageSize, forward);
        }
    }
}
