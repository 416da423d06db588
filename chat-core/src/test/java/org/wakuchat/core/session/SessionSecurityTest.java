package org.wakuchat.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.wakuchat.core.session.Parties.bytes;
import static org.wakuchat.core.session.Parties.refusal;
import static org.wakuchat.core.session.Parties.text;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.session.SessionException.Reason;
import org.wakuchat.core.wire.Envelope;
import org.wakuchat.core.wire.PreKeyMessage;
import org.wakuchat.core.wire.RatchetMessage;

/** Forward secrecy, post-compromise security, tampering. */
class SessionSecurityTest {

    /** RatchetLimits.DEFAULT.maxSkip(): a counter further ahead is refused before any key is derived. */
    private static final long MAX_SKIP = 1000;

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
            assertThat(reason).as("bit %d", bit).isEqualTo(expectedRefusal(first, flipped, Receiving.FIRST_MESSAGE));
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
        assertEveryBitFlipRefused(pair.alice(), newChain, Receiving.NEW_CHAIN);
        assertThat(text(pair.alice().decrypt(newChain))).isEqualTo("three");
        assertEveryBitFlipRefused(pair.alice(), sameChain, Receiving.CURRENT_CHAIN);
        assertThat(text(pair.alice().decrypt(sameChain))).isEqualTo("four");
    }

    @Test
    void everyBitFlipInARepeatedPreKeyMessageIsRefusedAndChangesNothing() throws Exception {
        Session alice = parties.initiate(parties.newIdentity(), "Alice");
        Session bob = parties.accept(alice.encrypt(bytes("first"))).session();
        Envelope second = alice.encrypt(bytes("second"));
        assertEveryBitFlipRefused(bob, second, Receiving.CURRENT_CHAIN);
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
        // Mallory's sealed sender was made with her own base key: under Alice's it opens with none
        // of Bob's prekeys.
        Envelope fromAlice = parties.initiate(parties.newIdentity(), "Alice").encrypt(bytes("hi"));
        Envelope fromMallory = parties.initiate(parties.newIdentity(), "Mallory").encrypt(bytes("hi"));
        PreKeyMessage forged = fromAlice.getPrekey().toBuilder()
                .setSealedSender(fromMallory.getPrekey().getSealedSender()).build();
        SessionException refused = catchThrowableOfType(SessionException.class,
                () -> Session.accept(parties.bobIdentity, parties.bobPrekeys, forged, parties.random));
        assertThat(refused.reason()).isEqualTo(Reason.UNKNOWN_PREKEY);
    }

    private void assertEveryBitFlipRefused(Session receiver, Envelope envelope, Receiving receiving) {
        byte[] before = receiver.serialize();
        byte[] wire = envelope.toByteArray();
        for (int bit = 0; bit < wire.length * 8; bit++) {
            byte[] flipped = flip(wire, bit);
            Reason reason = refusal(() -> receiver.decrypt(Envelopes.parse(flipped)));
            assertThat(reason).as("bit %d", bit).isEqualTo(expectedRefusal(envelope, flipped, receiving));
            assertThat(receiver.serialize()).as("state after bit %d", bit).isEqualTo(before);
        }
        assertThatCode(() -> Envelopes.parse(wire)).doesNotThrowAnyException();
    }

    /** Where the receiver of a tampered message stands. */
    private enum Receiving {
        /** Accepting a session start with Bob's prekey: no session yet. */
        FIRST_MESSAGE,
        /** In a session, the message opens a chain the receiver has not seen. */
        NEW_CHAIN,
        /** In a session whose receiving chain the message continues, and the next one expected. */
        CURRENT_CHAIN
    }

    /**
     * The one reason a tampered copy of {@code original} must be refused with, from the field the
     * flip landed in (after the flip, a tag can name another field or none, so fields are compared
     * as parsed): unparsable or missing/short fields MALFORMED, a higher version
     * UNSUPPORTED_VERSION, another base key or sealed sender UNKNOWN_PREKEY at setup (it opens under
     * none of the prekeys tried; another session's PreKeyMessage later), a counter already passed DUPLICATE and one beyond the skip window TOO_FAR_AHEAD
     * (judged from the header before any key exists), everything else NOT_AUTHENTIC.
     */
    private static Reason expectedRefusal(Envelope original, byte[] flipped, Receiving receiving) {
        Envelope tampered;
        try {
            tampered = Envelope.parseFrom(flipped);
        } catch (InvalidProtocolBufferException unparsable) {
            return Reason.MALFORMED;
        }
        if (tampered.getVersion() != 0 && tampered.getVersion() != Envelopes.VERSION) {
            return Reason.UNSUPPORTED_VERSION;
        }
        if (tampered.getVersion() == 0 || tampered.getBodyCase() != original.getBodyCase()) {
            return Reason.MALFORMED;
        }
        RatchetMessage message;
        RatchetMessage originalMessage;
        if (tampered.hasPrekey()) {
            PreKeyMessage prekey = tampered.getPrekey();
            PreKeyMessage originalPrekey = original.getPrekey();
            if (prekey.getBaseKey().size() != 32 || prekey.getSealedSender().size() < 16 || !prekey.hasMessage()
                    || malformed(prekey.getMessage())) {
                return Reason.MALFORMED;
            }
            if (!prekey.getBaseKey().equals(originalPrekey.getBaseKey())
                    || !prekey.getSealedSender().equals(originalPrekey.getSealedSender())) {
                // At setup, the sealed sender then opens under none of the prekeys tried.
                return receiving == Receiving.FIRST_MESSAGE ? Reason.UNKNOWN_PREKEY : Reason.NOT_AUTHENTIC;
            }
            message = prekey.getMessage();
            originalMessage = originalPrekey.getMessage();
        } else {
            message = tampered.getRatchet();
            originalMessage = original.getRatchet();
            if (malformed(message)) {
                return Reason.MALFORMED;
            }
        }
        long counter = Integer.toUnsignedLong(message.getCounter());
        if (receiving == Receiving.CURRENT_CHAIN && message.getRatchetKey().equals(originalMessage.getRatchetKey())) {
            long next = Integer.toUnsignedLong(originalMessage.getCounter());
            if (counter < next) {
                return Reason.DUPLICATE;
            }
            return counter - next > MAX_SKIP ? Reason.TOO_FAR_AHEAD : Reason.NOT_AUTHENTIC;
        }
        return counter > MAX_SKIP ? Reason.TOO_FAR_AHEAD : Reason.NOT_AUTHENTIC;
    }

    private static boolean malformed(RatchetMessage message) {
        return message.getRatchetKey().size() != 32 || message.getCiphertext().size() < 16
                || message.getSalt().size() != 24
                || Integer.toUnsignedLong(message.getCounter()) == 0xFFFF_FFFFL;
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
