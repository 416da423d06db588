package org.wakuchat.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.sync.proto.HistoryEntry;
import org.wakuchat.core.sync.proto.SdsMessage;
import org.wakuchat.core.sync.proto.SyncState;
import org.wakuchat.core.transport.MessageHash;

class SyncChannelTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final SyncChannel alice = SyncChannel.restore(SyncState.getDefaultInstance());
    private final SyncChannel bob = SyncChannel.restore(SyncState.getDefaultInstance());
    private final Set<String> aliceHas = new HashSet<>();
    private final Set<String> bobHas = new HashSet<>();

    @Test
    void lamportTimesGrowAndFollowThePeer() {
        assertThat(alice.append("a1")).isEqualTo(1);
        assertThat(alice.append("a2")).isEqualTo(2);
        SdsMessage a2 = send(alice, aliceHas, "a2", 2);
        receive(bob, bobHas, a2);
        assertThat(bob.append("b1")).isEqualTo(3);
    }

    @Test
    void historyNamesRecentEntriesWithHintsOnlyForMyOwnMessages() {
        alice.append("a1");
        alice.published("a1", hash(1));
        alice.append("a2");
        SdsMessage a2 = alice.contentMessage("a2", 2, new byte[] {1});
        assertThat(a2.getCausalHistoryList()).extracting(HistoryEntry::getMessageId).containsExactly("a1");
        assertThat(a2.getCausalHistory(0).getRetrievalHint().toByteArray()).isEqualTo(hash(1).bytes());

        receive(bob, bobHas, a2);
        bob.append("b1");
        SdsMessage b1 = bob.contentMessage("b1", 3, new byte[] {2});
        assertThat(b1.getCausalHistoryList()).extracting(HistoryEntry::getMessageId).contains("a2");
        assertThat(b1.getCausalHistoryList()).filteredOn(h -> h.getMessageId().equals("a2"))
                .allMatch(h -> !h.hasRetrievalHint());
    }

    @Test
    void everyMessageReceivedSinceTheLastAcknowledgementIsAcknowledgedExactly() {
        for (int i = 1; i <= 5; i++) {
            alice.append("a" + i);
            receive(bob, bobHas, send(alice, aliceHas, "a" + i, i));
        }
        SdsMessage ack = bob.syncMessage("sync1").orElseThrow();
        assertThat(ack.hasContent()).isFalse();
        SyncChannel.Received atAlice = alice.receive(ack, hash(9), aliceHas::contains, NOW);
        assertThat(atAlice.acknowledged()).containsExactlyInAnyOrder("a1", "a2", "a3", "a4", "a5");
        assertThat(atAlice.newlyMissing()).isEmpty();
        assertThat(bob.hasPendingAcks()).isFalse();
        assertThat(bob.syncMessage("sync2")).isEmpty();
    }

    @Test
    void aGapInThePeersHistoryIsReportedOnceWithItsRetrievalHintAndClosesWhenItArrives() {
        alice.append("a1");
        SdsMessage a1 = send(alice, aliceHas, "a1", 1);
        alice.published("a1", hash(1));
        alice.append("a2");
        SdsMessage a2 = send(alice, aliceHas, "a2", 2);

        SyncChannel.Received gap = receive(bob, bobHas, a2);
        assertThat(gap.newlyMissing()).singleElement().satisfies(m -> {
            assertThat(m.getMessageId()).isEqualTo("a1");
            assertThat(m.getRetrievalHint().toByteArray()).isEqualTo(hash(1).bytes());
        });
        assertThat(receive(bob, bobHas, a2).newlyMissing()).as("reported once").isEmpty();

        SyncChannel.Received late = receive(bob, bobHas, a1);
        assertThat(late.isNew()).isTrue();
        assertThat(late.recoveredMissing()).isTrue();
        assertThat(bob.missing()).isEmpty();
    }

    @Test
    void duplicatesAreNotNewButAreAcknowledgedAgain() {
        alice.append("a1");
        SdsMessage a1 = send(alice, aliceHas, "a1", 1);
        assertThat(receive(bob, bobHas, a1).isNew()).isTrue();
        bob.syncMessage("s1");
        assertThat(bob.hasPendingAcks()).isFalse();
        SyncChannel.Received again = receive(bob, bobHas, a1);
        assertThat(again.isNew()).isFalse();
        assertThat(bob.hasPendingAcks()).as("the sender did not get our ack: send it again").isTrue();
    }

    @Test
    void missingMessagesAreGivenUpAfterPatienceOnlyOnce() {
        alice.append("a1");
        send(alice, aliceHas, "a1", 1);
        alice.append("a2");
        receive(bob, bobHas, send(alice, aliceHas, "a2", 2));
        assertThat(bob.giveUp(NOW.plusSeconds(30), Duration.ofMinutes(2))).isEmpty();
        assertThat(bob.giveUp(NOW.plusSeconds(121), Duration.ofMinutes(2))).hasSize(1);
        assertThat(bob.giveUp(NOW.plusSeconds(500), Duration.ofMinutes(2))).isEmpty();
        assertThat(bob.missing()).hasSize(1);
    }

    @Test
    void stateSurvivesSnapshotAndRestore() {
        alice.append("a1");
        alice.published("a1", hash(3));
        receive(alice, aliceHas, bobMessageNaming("b1", "ghost"));
        SyncChannel restored = SyncChannel.restore(alice.snapshot());
        assertThat(restored.snapshot()).isEqualTo(alice.snapshot());
        assertThat(restored.missing()).extracting(m -> m.getMessageId()).containsExactly("ghost");
        assertThat(restored.hasPendingAcks()).isTrue();
    }

    private SdsMessage bobMessageNaming(String id, String named) {
        return SdsMessage.newBuilder().setMessageId(id).setLamportTimestamp(1)
                .addCausalHistory(HistoryEntry.newBuilder().setMessageId(named))
                .setContent(com.google.protobuf.ByteString.copyFrom(new byte[] {1})).build();
    }

    private static SdsMessage send(SyncChannel channel, Set<String> has, String id, long lamport) {
        has.add(id);
        return channel.contentMessage(id, lamport, new byte[] {(byte) lamport});
    }

    private static SyncChannel.Received receive(SyncChannel channel, Set<String> has, SdsMessage message) {
        SyncChannel.Received received = channel.receive(message, hash(7), has::contains, NOW);
        if (received.isNew()) {
            has.add(message.getMessageId());
        }
        return received;
    }

    private static MessageHash hash(int seed) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) seed);
        return new MessageHash(bytes);
    }
}
