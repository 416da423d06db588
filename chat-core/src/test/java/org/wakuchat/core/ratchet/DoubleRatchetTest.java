package org.wakuchat.core.ratchet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.crypto.X25519KeyPair;
import org.wakuchat.core.ratchet.RatchetException.Failure;
import org.wakuchat.core.ratchet.state.RatchetState;
import org.wakuchat.core.wire.RatchetMessage;

class DoubleRatchetTest {

    private static final byte[] AD = "alice-identity||bob-identity".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONE = new byte[0];

    private final SecureRandom random = seeded(11);
    private final X25519KeyPair bobInitial = X25519KeyPair.generate(random);
    private final byte[] sharedSecret = X25519KeyPair.generate(random).privateKey();
    private final DoubleRatchet alice = DoubleRatchet.initiator(sharedSecret, bobInitial.publicKey(), random);
    private final DoubleRatchet bob = DoubleRatchet.responder(sharedSecret, bobInitial);

    @Test
    void responderCannotSendBeforeItReceived() {
        assertThat(bob.canSend()).isFalse();
        assertThatThrownBy(() -> send(bob, "too early")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void forwardJumpIsBoundedInANewChain() throws Exception {
        List<RatchetMessage> sent = sendMany(alice, "m", 1002);
        assertThat(failure(bob, sent.get(1001))).isEqualTo(Failure.TOO_FAR_AHEAD);
        assertThat(bob.skippedKeyCount()).isZero();
        assertThat(receive(bob, sent.get(1000))).isEqualTo("m1000");
        assertThat(bob.skippedKeyCount()).isEqualTo(1000);
        assertThat(receive(bob, sent.get(1001))).isEqualTo("m1001");
        assertThat(receive(bob, sent.get(0))).isEqualTo("m0");
    }

    @Test
    void forwardJumpIsBoundedInTheCurrentChain() throws Exception {
        receive(bob, send(alice, "first"));
        List<RatchetMessage> sent = sendMany(alice, "m", 1002);
        // Bob's next expected counter is 1; counter 1002 would skip 1001 messages.
        assertThat(failure(bob, sent.get(1001))).isEqualTo(Failure.TOO_FAR_AHEAD);
        assertThat(receive(bob, sent.get(1000))).isEqualTo("m1000");
    }

    @Test
    void forgedHugeCounterIsRefusedWithoutWork() {
        RatchetMessage forged = send(alice, "x").toBuilder().setCounter(-2).build();
        assertThat(failure(bob, forged)).isEqualTo(Failure.TOO_FAR_AHEAD);
    }

    @Test
    void longPreviousChainKeepsOnlyTheSkipWindowButTheMessageItselfDecrypts() throws Exception {
        receive(bob, send(alice, "first"));
        List<RatchetMessage> oldChain = sendMany(alice, "old", 1500);
        receive(alice, send(bob, "reply"));
        RatchetMessage newChain = send(alice, "new chain");
        assertThat(newChain.getPreviousChainLength()).isEqualTo(1501);

        assertThat(receive(bob, newChain)).isEqualTo("new chain");
        assertThat(bob.skippedKeyCount()).isEqualTo(1000);
        assertThat(receive(bob, oldChain.get(999))).isEqualTo("old999");
        assertThat(failure(bob, oldChain.get(1000))).isEqualTo(Failure.DUPLICATE);
    }

    @Test
    void storedSkippedKeysAreCappedOldestFirst() throws Exception {
        List<RatchetMessage> chain1 = sendMany(alice, "c1-", 1001);
        receive(bob, chain1.get(1000));
        receive(alice, send(bob, "r1"));
        List<RatchetMessage> chain2 = sendMany(alice, "c2-", 1001);
        receive(bob, chain2.get(1000));
        assertThat(bob.skippedKeyCount()).isEqualTo(2000);
        receive(alice, send(bob, "r2"));
        List<RatchetMessage> chain3 = sendMany(alice, "c3-", 11);
        receive(bob, chain3.get(10));

        assertThat(bob.skippedKeyCount()).isEqualTo(2000);
        assertThat(failure(bob, chain1.get(9))).isEqualTo(Failure.DUPLICATE);
        assertThat(receive(bob, chain1.get(10))).isEqualTo("c1-10");
        assertThat(receive(bob, chain2.get(0))).isEqualTo("c2-0");
        assertThat(receive(bob, chain3.get(0))).isEqualTo("c3-0");
    }

    @Test
    void skippedKeysExpireAfterTheirAgeInRatchetSteps() throws Exception {
        List<RatchetMessage> early = sendMany(alice, "early", 3);
        receive(bob, early.get(2));
        for (int roundTrip = 0; roundTrip < RatchetLimits.DEFAULT.maxSkippedKeyAge(); roundTrip++) {
            roundTrip();
        }
        assertThat(receive(bob, early.get(0))).isEqualTo("early0");
        roundTrip();
        assertThat(failure(bob, early.get(1))).isEqualTo(Failure.DUPLICATE);
        assertThat(bob.skippedKeyCount()).isZero();
    }

    @Test
    void usedKeysDoNotSurviveInTheState() throws Exception {
        receive(bob, send(alice, "first"));
        List<RatchetMessage> sent = sendMany(alice, "m", 3);
        receive(bob, sent.get(2));
        RatchetState before = bob.toProto();
        byte[] chainKey = before.getReceivingChainKey().toByteArray();
        byte[] skippedKey = before.getSkippedKeys(0).getMessageKey().toByteArray();

        RatchetMessage next = send(alice, "next");
        receive(bob, next);
        receive(bob, sent.get(0));

        byte[] after = bob.toProto().toByteArray();
        assertThat(contains(after, chainKey)).as("old chain key").isFalse();
        assertThat(contains(after, Kdf.messageKey(chainKey))).as("used message key").isFalse();
        assertThat(contains(after, skippedKey)).as("used skipped key").isFalse();
        assertThat(contains(before.toByteArray(), skippedKey)).as("the check can see keys").isTrue();
    }

    @Test
    void failedDecryptionLeavesStateUnchanged() throws Exception {
        List<RatchetMessage> sent = sendMany(alice, "m", 3);
        receive(bob, sent.get(2));
        receive(alice, send(bob, "reply"));
        RatchetMessage newChain = send(alice, "new");
        for (RatchetMessage message : List.of(sent.get(0), sent.get(2), newChain, send(alice, "later"))) {
            byte[] before = bob.toProto().toByteArray();
            RatchetMessage forged = message.toBuilder().setCiphertext(flipLastBit(message.getCiphertext())).build();
            assertThat(failure(bob, forged)).isIn(Failure.NOT_AUTHENTIC, Failure.DUPLICATE);
            assertThat(bob.toProto().toByteArray()).isEqualTo(before);
        }
        assertThat(receive(bob, sent.get(0))).isEqualTo("m0");
        assertThat(receive(bob, newChain)).isEqualTo("new");
    }

    @Test
    void stateRoundTripsThroughItsProto() throws Exception {
        List<RatchetMessage> sent = sendMany(alice, "m", 4);
        receive(bob, sent.get(3));
        receive(alice, send(bob, "reply"));
        DoubleRatchet restored = DoubleRatchet.fromProto(RatchetState.parseFrom(bob.toProto().toByteArray()));
        assertThat(restored.toProto()).isEqualTo(bob.toProto());
        assertThat(receive(restored, sent.get(1))).isEqualTo("m1");
        assertThat(receive(alice, send(restored, "from restored"))).isEqualTo("from restored");
    }

    @Test
    void inconsistentProtoIsRejected() {
        RatchetState valid = bob.toProto();
        assertThatThrownBy(() -> DoubleRatchet.fromProto(valid.toBuilder().setRootKey(ByteString.copyFrom(new byte[5])).build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DoubleRatchet.fromProto(RatchetState.getDefaultInstance()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRolledBackSenderIsRecognisedWhileAnExactReplayStaysADuplicate() throws Exception {
        receive(bob, send(alice, "first"));
        RatchetState snapshot = alice.toProto();
        RatchetMessage original = send(alice, "original");
        RatchetMessage rolledBack = DoubleRatchet.fromProto(snapshot).encrypt(
                "rolled back".getBytes(StandardCharsets.UTF_8), AD, NONE, seeded(12));
        assertThat(rolledBack.getCounter()).isEqualTo(original.getCounter());
        assertThat(rolledBack.getSalt()).isNotEqualTo(original.getSalt());

        assertThat(receive(bob, original)).isEqualTo("original");
        RatchetState before = bob.toProto();
        assertThat(failure(bob, rolledBack)).isEqualTo(Failure.ROLLED_BACK);
        assertThat(failure(bob, original)).isEqualTo(Failure.DUPLICATE);
        assertThat(bob.toProto()).isEqualTo(before);
    }

    @Test
    void readMessagesAreRememberedUpToTheirLimit() throws Exception {
        for (RatchetMessage message : sendMany(alice, "m", RatchetLimits.DEFAULT_MAX_READ_MESSAGES + 10)) {
            receive(bob, message);
        }
        assertThat(bob.readMessageCount()).isEqualTo(RatchetLimits.DEFAULT_MAX_READ_MESSAGES);
    }

    private void roundTrip() throws RatchetException {
        receive(alice, send(bob, "ping"));
        receive(bob, send(alice, "pong"));
    }

    private RatchetMessage send(DoubleRatchet sender, String text) {
        return sender.encrypt(text.getBytes(StandardCharsets.UTF_8), AD, NONE, random);
    }

    private List<RatchetMessage> sendMany(DoubleRatchet sender, String prefix, int count) {
        List<RatchetMessage> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(send(sender, prefix + i));
        }
        return sent;
    }

    private String receive(DoubleRatchet receiver, RatchetMessage message) throws RatchetException {
        return new String(receiver.decrypt(message, AD, NONE, random), StandardCharsets.UTF_8);
    }

    private Failure failure(DoubleRatchet receiver, RatchetMessage message) {
        RatchetException refused = catchThrowableOfType(RatchetException.class, () -> receive(receiver, message));
        assertThat(refused).as("expected a refusal").isNotNull();
        return refused.failure();
    }

    private static ByteString flipLastBit(ByteString value) {
        byte[] bytes = value.toByteArray();
        bytes[bytes.length - 1] ^= 1;
        return ByteString.copyFrom(bytes);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static SecureRandom seeded(long seed) {
        try {
            SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
            seeded.setSeed(seed);
            return seeded;
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
