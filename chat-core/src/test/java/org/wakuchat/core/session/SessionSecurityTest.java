package org.wakuchat.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.wakuchat.core.session.Parties.bytes;
import static org.wakuchat.core.session.Parties.refusal;
import static org.wakuchat.core.session.Parties.text;

import com.google.protobuf.ByteString;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.session.SessionException.Reason;
import org.wakuchat.core.wire.Envelope;
import org.wakuchat.core.wire.PreKeyMessage;

/** Forward secrecy, post-compromise security, tampering. */
class SessionSecurityTest {

    /**
     * Reasons a flipped bit may produce: the version field gives UNSUPPORTED_VERSION, the prekey
     * id UNKNOWN_PREKEY, and a counter pointing to a used key or beyond the skip window is judged
     * from the (unauthenticated) header before any key exists to authenticate it with.
     */
    private static final Set<Reason> TAMPER_REASONS = EnumSet.of(Reason.NOT_AUTHENTIC, Reason.MALFORMED,
            Reason.UNSUPPORTED_VERSION, Reason.UNKNOWN_PREKEY, Reason.TOO_FAR_AHEAD, Reason.DUPLICATE);

    private final Parties parties = new Parties(3);

    @Test
    void capturedStateCannotDecryptEarlierMessages() throws Exception {
        Parties.Established pair = parties.establish();
        List<Envelope> earlier = SessionTest.sendAll(pair.alice(), "a", 3);
        for (Envelope envelope : earlier) {
            pair.bob().decrypt(envelope);
        }
        pair.alice().decrypt(pair.bob().encrypt(bytes("step")));
        List<Envelope> later = SessionTest.sendAll(pair.alice(), "b", 2);
        for (Envelope envelope : later) {
            pair.bob().decrypt(envelope);
        }

        Session captured = parties.reload(pair.bob());
        for (Envelope envelope : concat(earlier, later)) {
            assertThat(refusal(() -> captured.decrypt(envelope))).isEqualTo(Reason.DUPLICATE);
        }
        // The capture is real: it does read what Alice sends next.
        assertThat(text(captured.decrypt(pair.alice().encrypt(bytes("next"))))).isEqualTo("next");
    }

    @Test
    void capturedStateIsLockedOutAfterOneHonestRoundTrip() throws Exception {
        Parties.Established pair = parties.establish();
        pair.alice().decrypt(pair.bob().encrypt(bytes("warm up")));
        // The stolen state holds Alice's current ratchet private key: whatever Bob sends in reply
        // to her next message is still readable. Healing needs a key Alice makes after the theft.
        Session stolen = parties.reload(pair.alice());
        pair.bob().decrypt(pair.alice().encrypt(bytes("under the stolen key")));

        Envelope bobBeforeHealing = pair.bob().encrypt(bytes("before"));
        pair.alice().decrypt(bobBeforeHealing);
        pair.bob().decrypt(pair.alice().encrypt(bytes("fresh key")));
        Envelope bobAfterHealing = pair.bob().encrypt(bytes("after"));
        assertThat(text(pair.alice().decrypt(bobAfterHealing))).isEqualTo("after");

        // The attacker's copy still reads what was sent under keys it knew ...
        Session attacker = parties.reload(stolen);
        assertThat(text(attacker.decrypt(bobBeforeHealing))).isEqualTo("before");
        // ... but not what follows Alice's fresh ratchet key, with or without that message.
        assertThat(refusal(() -> attacker.decrypt(bobAfterHealing))).isEqualTo(Reason.NOT_AUTHENTIC);
        assertThat(refusal(() -> parties.reload(stolen).decrypt(bobAfterHealing))).isEqualTo(Reason.NOT_AUTHENTIC);
    }

    @Test
    void everyBitFlipInAFirstMessageIsRefused() {
        Envelope first = parties.initiate(parties.newIdentity(), "Alice").encrypt(bytes("hello there"));
        byte[] wire = first.toByteArray();
        for (int bit = 0; bit < wire.length * 8; bit++) {
            byte[] flipped = flip(wire, bit);
            Reason reason = refusal(() -> parties.accept(Envelopes.parse(flipped)));
            assertThat(reason).as("bit %d", bit).isIn(TAMPER_REASONS);
        }
    }

    @Test
    void everyBitFlipInALaterMessageIsRefusedAndChangesNothing() throws Exception {
        Parties.Established pair = parties.establish();
        pair.alice().decrypt(pair.bob().encrypt(bytes("one")));
        pair.bob().decrypt(pair.alice().encrypt(bytes("two")));
        // First of a new chain (counter 0) and a later one of the same chain.
        Envelope newChain = pair.bob().encrypt(bytes("three"));
        Envelope sameChain = pair.bob().encrypt(bytes("four"));
        assertEveryBitFlipRefused(pair.alice(), newChain);
        assertThat(text(pair.alice().decrypt(newChain))).isEqualTo("three");
        assertEveryBitFlipRefused(pair.alice(), sameChain);
        assertThat(text(pair.alice().decrypt(sameChain))).isEqualTo("four");
    }

    @Test
    void everyBitFlipInARepeatedPreKeyMessageIsRefusedAndChangesNothing() throws Exception {
        Session alice = parties.initiate(parties.newIdentity(), "Alice");
        Session bob = parties.accept(alice.encrypt(bytes("first"))).session();
        Envelope second = alice.encrypt(bytes("second"));
        assertEveryBitFlipRefused(bob, second);
        assertThat(text(bob.decrypt(second))).isEqualTo("second");
    }

    @Test
    void tamperedFieldsFailAuthentication() throws Exception {
        Session alice = parties.initiate(parties.newIdentity(), "Alice");
        Session bob = parties.accept(alice.encrypt(bytes("first"))).session();
        Envelope second = alice.encrypt(bytes("second"));
        PreKeyMessage prekey = second.getPrekey();
        List<UnaryOperator<PreKeyMessage.Builder>> tampering = List.of(
                m -> m.setSealedSender(flipFirstBit(prekey.getSealedSender())),
                m -> m.setMessage(prekey.getMessage().toBuilder().setCiphertext(flipFirstBit(prekey.getMessage().getCiphertext()))),
                m -> m.setMessage(prekey.getMessage().toBuilder().setPreviousChainLength(1)),
                m -> m.setMessage(prekey.getMessage().toBuilder().setCounter(2)),
                m -> m.setMessage(prekey.getMessage().toBuilder().setRatchetKey(flipFirstBit(prekey.getMessage().getRatchetKey()))),
                m -> m.setBaseKey(flipFirstBit(prekey.getBaseKey())));
        for (UnaryOperator<PreKeyMessage.Builder> tamper : tampering) {
            Envelope forged = second.toBuilder().setPrekey(tamper.apply(prekey.toBuilder())).build();
            assertThat(refusal(() -> bob.decrypt(forged))).isEqualTo(Reason.NOT_AUTHENTIC);
        }
        // Unwrapping the ratchet message from its PreKeyMessage also breaks authentication.
        Envelope unwrapped = Envelopes.of(prekey.getMessage());
        assertThat(refusal(() -> bob.decrypt(unwrapped))).isEqualTo(Reason.NOT_AUTHENTIC);
        assertThat(text(bob.decrypt(second))).isEqualTo("second");
    }

    @Test
    void swappedSealedSenderIsRefusedAtSetup() {
        Envelope fromAlice = parties.initiate(parties.newIdentity(), "Alice").encrypt(bytes("hi"));
        Envelope fromMallory = parties.initiate(parties.newIdentity(), "Mallory").encrypt(bytes("hi"));
        PreKeyMessage forged = fromAlice.getPrekey().toBuilder()
                .setSealedSender(fromMallory.getPrekey().getSealedSender()).build();
        SessionException refused = catchThrowableOfType(SessionException.class,
                () -> Session.accept(parties.bobIdentity, parties.bobPrekeys, forged, parties.random));
        assertThat(refused.reason()).isEqualTo(Reason.NOT_AUTHENTIC);
    }

    private void assertEveryBitFlipRefused(Session receiver, Envelope envelope) {
        byte[] before = receiver.serialize();
        byte[] wire = envelope.toByteArray();
        for (int bit = 0; bit < wire.length * 8; bit++) {
            byte[] flipped = flip(wire, bit);
            Reason reason = refusal(() -> receiver.decrypt(Envelopes.parse(flipped)));
            assertThat(reason).as("bit %d", bit).isIn(TAMPER_REASONS);
            assertThat(receiver.serialize()).as("state after bit %d", bit).isEqualTo(before);
        }
        assertThatCode(() -> Envelopes.parse(wire)).doesNotThrowAnyException();
    }

    static byte[] flip(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    private static ByteString flipFirstBit(ByteString value) {
        return ByteString.copyFrom(flip(value.toByteArray(), 0));
    }

    private static List<Envelope> concat(List<Envelope> first, List<Envelope> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

}
