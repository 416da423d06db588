package org.wakuchat.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
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
    void lamportTimesArePeggedToTheClockInMillisecondsAndAlwaysGrow() {
        long ms = NOW.toEpochMilli();
        assertThat(alice.append("a1", NOW)).isEqualTo(ms);
        assertThat(alice.append("a2", NOW)).as("same millisecond: last + 1").isEqualTo(ms + 1);
        assertThat(alice.append("a3", NOW.plusSeconds(10))).isEqualTo(ms + 10_000);
        assertThat(alice.append("a4", NOW.minusSeconds(60))).as("the clock went back").isEqualTo(ms + 10_001);
        assertThat(alice.snapshot().getLamport()).isEqualTo(ms + 10_001);
    }

    @Test
    void aReplySortsAfterWhatItAnswersEvenWhenTheSendersClockIsAhead() {
        Instant aliceClock = NOW.plus(Duration.ofHours(1));
        long a1 = alice.append("a1", aliceClock);
        receive(bob, bobHas, send(alice, aliceHas, "a1", a1));
        long b1 = bob.append("b1", NOW);
        assertThat(b1).isEqualTo(a1 + 1);

        SdsMessage b1Message = send(bob, bobHas, "b1", b1);
        assertThat(SyncChannel.lamportOf(b1Message)).as("both devices sort by the value carried").isEqualTo(b1);
        receive(alice, aliceHas, b1Message);
        assertThat(alice.append("a2", aliceClock)).isGreaterThan(b1);
    }

    @Test
    void aConversationStartedWithTheOldCounterContinuesAboveIt() {
        SyncChannel old = SyncChannel.restore(SyncState.newBuilder().setLamport(41).build());
        receive(old, new HashSet<>(), SdsMessage.newBuilder().setMessageId("b7").setLamportTimestamp(42)
                .setContent(com.google.protobuf.ByteString.copyFrom(new byte[] {1})).build());
        assertThat(old.append("a9", NOW)).isEqualTo(NOW.toEpochMilli()).isGreaterThan(42);
        assertThat(old.append("a10", NOW)).isEqualTo(NOW.toEpochMilli() + 1);
    }

    @Test
    void lamportTimesWrittenByTheOldInt32FieldReadAsThoseVersionsReadThem() throws Exception {
        // Bytes as Waku Chat wrote them before issue #16 (int32 lamport_timestamp = 10): the
        // counter 4294967291 cast to int is -5, a 10-byte sign-extended varint.
        byte[] fixture = HexFormat.of().parseHex("12026f3150fbffffffffffffffff01a2010101");
        assertThat(oldFormat("o1", -5).toByteArray()).isEqualTo(fixture);
        assertThat(SyncChannel.lamportOf(SdsMessage.parseFrom(fixture))).isEqualTo(4_294_967_291L);
        assertThat(SyncChannel.lamportOf(oldFormat("o2", 7))).isEqualTo(7);
        assertThat(SyncChannel.lamportOf(oldFormat("o3", Integer.MAX_VALUE))).isEqualTo(Integer.MAX_VALUE);
        assertThat(SyncChannel.lamportOf(oldFormat("o4", Integer.MIN_VALUE))).isEqualTo(1L << 31);
        assertThat(SyncChannel.lamportOf(oldFormat("o5", -1))).isEqualTo(0xFFFF_FFFFL);

        SyncChannel channel = SyncChannel.restore(SyncState.getDefaultInstance());
        receive(channel, new HashSet<>(), SdsMessage.parseFrom(fixture));
        assertThat(channel.snapshot().getLamport()).isEqualTo(4_294_967_291L);
    }

    @Test
    void millisecondTimesAboveTwoToTheThirtyTwoRoundTripAsUint64() throws Exception {
        long ms = NOW.toEpochMilli();
        alice.append("a1", NOW);
        SdsMessage a1 = send(alice, aliceHas, "a1", ms);
        SdsMessage parsed = SdsMessage.parseFrom(a1.toByteArray());
        assertThat(SyncChannel.lamportOf(parsed)).isEqualTo(ms);
        assertThat(ms).isGreaterThan(1L << 32);
        // The byte cost: tag + a 6-byte varint (until the year 2109), against 1-3 bytes for the counter.
        assertThat(com.google.protobuf.CodedOutputStream.computeUInt64Size(10, ms)).isEqualTo(7);
    }

    @Test
    void aPeerCannotMakeTheClockOverflow() {
        receive(alice, aliceHas, SdsMessage.newBuilder().setMessageId("b1").setLamportTimestamp(Long.MAX_VALUE)
                .setContent(com.google.protobuf.ByteString.copyFrom(new byte[] {1})).build());
        assertThat(alice.append("a1", NOW)).isEqualTo(Long.MAX_VALUE);
        assertThat(alice.append("a2", NOW)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void repairRequestsAndSenderIdsFromThePeerAreIgnored() {
        alice.append("a1", NOW);
        SdsMessage withRepair = SdsMessage.newBuilder().setMessageId("b1").setSenderId("someone")
                .setLamportTimestamp(NOW.toEpochMilli())
                .addRepairRequest(HistoryEntry.newBuilder().setMessageId("a1").setSenderId("alice")
                        .setRetrievalHint(com.google.protobuf.ByteString.copyFrom(hash(4).bytes())))
                .addRepairRequest(HistoryEntry.newBuilder().setMessageId("nowhere"))
                .setContent(com.google.protobuf.ByteString.copyFrom(new byte[] {1})).build();
        SyncChannel.Received received = receive(alice, aliceHas, withRepair);
        assertThat(received.isNew()).isTrue();
        assertThat(received.acknowledged()).as("a repair request is no acknowledgement").isEmpty();
        assertThat(received.newlyMissing()).as("nor a gap").isEmpty();
        assertThat(alice.missing()).isEmpty();
        // And what we write leaves both unset in 1:1 chat.
        SdsMessage mine = alice.contentMessage("a1", 1, new byte[] {1});
        assertThat(mine.getSenderId()).isEmpty();
        assertThat(mine.getRepairRequestList()).isEmpty();
        assertThat(mine.getCausalHistoryList()).allMatch(h -> !h.hasSenderId());
    }

    /** An SDS message as versions before issue #16 wrote it, lamport_timestamp as an int32. */
    private static SdsMessage oldFormat(String id, int lamport) {
        try {
            var bytes = new java.io.ByteArrayOutputStream();
            var out = com.google.protobuf.CodedOutputStream.newInstance(bytes);
            out.writeString(2, id);
            out.writeInt32(10, lamport);
            out.writeByteArray(20, new byte[] {1});
            out.flush();
            return SdsMessage.parseFrom(bytes.toByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void historyNamesRecentEntriesWithHintsOnlyForMyOwnMessages() {
        alice.append("a1", NOW);
        alice.published("a1", hash(1));
        alice.append("a2", NOW);
        SdsMessage a2 = alice.contentMessage("a2", 2, new byte[] {1});
        assertThat(a2.getCausalHistoryList()).extracting(HistoryEntry::getMessageId).containsExactly("a1");
        assertThat(a2.getCausalHistory(0).getRetrievalHint().toByteArray()).isEqualTo(hash(1).bytes());

        receive(bob, bobHas, a2);
        bob.append("b1", NOW);
        SdsMessage b1 = bob.contentMessage("b1", 3, new byte[] {2});
        assertThat(b1.getCausalHistoryList()).extracting(HistoryEntry::getMessageId).contains("a2");
        assertThat(b1.getCausalHistoryList()).filteredOn(h -> h.getMessageId().equals("a2"))
                .allMatch(h -> !h.hasRetrievalHint());
    }

    @Test
    void everyMessageReceivedSinceTheLastAcknowledgementIsAcknowledgedExactly() {
        for (int i = 1; i <= 5; i++) {
            alice.append("a" + i, NOW);
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
        alice.append("a1", NOW);
        SdsMessage a1 = send(alice, aliceHas, "a1", 1);
        alice.published("a1", hash(1));
        alice.append("a2", NOW);
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
        alice.append("a1", NOW);
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
        alice.append("a1", NOW);
        send(alice, aliceHas, "a1", 1);
        alice.append("a2", NOW);
        receive(bob, bobHas, send(alice, aliceHas, "a2", 2));
        assertThat(bob.giveUp(NOW.plusSeconds(30), Duration.ofMinutes(2))).isEmpty();
        assertThat(bob.giveUp(NOW.plusSeconds(121), Duration.ofMinutes(2))).hasSize(1);
        assertThat(bob.giveUp(NOW.plusSeconds(500), Duration.ofMinutes(2))).isEmpty();
        assertThat(bob.missing()).hasSize(1);
    }

    @Test
    void stateSurvivesSnapshotAndRestore() {
        alice.append("a1", NOW);
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
