package org.wakuchat.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wakuchat.core.session.Parties.bytes;
import static org.wakuchat.core.session.Parties.refusal;
import static org.wakuchat.core.session.Parties.text;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.ratchet.DoubleRatchet;
import org.wakuchat.core.session.SessionException.Reason;
import org.wakuchat.core.session.state.SessionState;
import org.wakuchat.core.wire.Envelope;
import org.wakuchat.core.wire.RatchetMessage;

/** Padding of every encrypted plaintext (issue #14, finding 5). */
class PaddingTest {

    private final Parties parties = new Parties(41);

    @Test
    void bucketsAre128ThenPowersOfTwoThenSteps() {
        assertThat(Padding.bucket(0)).isEqualTo(128);
        assertThat(Padding.bucket(127)).isEqualTo(128);
        assertThat(Padding.bucket(128)).isEqualTo(256);
        assertThat(Padding.bucket(255)).isEqualTo(256);
        assertThat(Padding.bucket(256)).isEqualTo(512);
        assertThat(Padding.bucket(511)).isEqualTo(512);
        assertThat(Padding.bucket(512)).isEqualTo(1024);
        assertThat(Padding.bucket(65_535)).isEqualTo(65_536);
        assertThat(Padding.bucket(65_536)).isEqualTo(131_072);
        assertThat(Padding.bucket(131_072)).isEqualTo(196_608);
    }

    @Test
    void paddingIsA0x80MarkerThenZerosAndReadsBack() throws Exception {
        for (int length : new int[] {0, 1, 100, 126, 127, 128, 254, 255, 256, 1000}) {
            byte[] content = new byte[length];
            Arrays.fill(content, (byte) 0x80); // content ending in the marker byte or zeros is still unambiguous
            byte[] padded = Padding.pad(content);
            assertThat(padded).hasSize(Padding.bucket(length));
            assertThat(padded[length]).isEqualTo((byte) 0x80);
            for (int i = length + 1; i < padded.length; i++) {
                assertThat(padded[i]).isZero();
            }
            assertThat(Padding.unpad(padded)).isEqualTo(content);
            byte[] zeros = new byte[length];
            assertThat(Padding.unpad(Padding.pad(zeros))).isEqualTo(zeros);
        }
    }

    @Test
    void badPaddingIsMalformed() {
        byte[] good = Padding.pad(bytes("hello"));
        byte[] noMarker = good.clone();
        noMarker[5] = 0;
        byte[] markerNotLast = good.clone();
        markerNotLast[100] = 1;
        byte[] allZero = new byte[128];
        byte[] wrongMarker = good.clone();
        wrongMarker[5] = (byte) 0x81;
        byte[] notABucket = Arrays.copyOf(good, 200);
        // the bucket before issue 16 (256 for everything short): one padded form per content, so refused
        byte[] tooBigABucket = Padding.padTo(bytes("hello"), 256);
        for (byte[] bad : new byte[][] {noMarker, markerNotLast, allZero, wrongMarker, notABucket, tooBigABucket,
                new byte[0]}) {
            assertThat(refusal(() -> Padding.unpad(bad))).isEqualTo(Reason.MALFORMED);
        }
    }

    @Test
    void anAckAndAShortTextMakeEnvelopesOfOneLengthATypicalTextOneBucketMore() throws Exception {
        Parties.Established pair = confirmed(parties.establish());
        // From the same state (same counter), as an ack or a text would be sent next.
        int ackLength = parties.reload(pair.alice()).encrypt(new byte[60]).toByteArray().length;
        int shortTextLength = parties.reload(pair.alice()).encrypt(new byte[120]).toByteArray().length;
        assertThat(shortTextLength).isEqualTo(ackLength);
        assertThat(parties.reload(pair.alice()).encrypt(new byte[250]).toByteArray().length)
                .as("a 100-character text with its causal history").isEqualTo(ackLength + 128);
        assertThat(parties.reload(pair.alice()).encrypt(new byte[300]).toByteArray().length)
                .isEqualTo(ackLength + 128 + 256);
    }

    @Test
    void anAuthenticatedMessageWithBadPaddingIsMalformedAndChangesNothing() throws Exception {
        Parties.Established pair = confirmed(parties.establish());
        Session alice = pair.alice();
        Session bob = pair.bob();
        // Alice's next message, encrypted by a copy of her ratchet without padding: it
        // authenticates, only the padding is wrong (as from a faulty peer).
        SessionState aliceState = SessionState.parseFrom(alice.serialize());
        DoubleRatchet unpadded = DoubleRatchet.fromProto(aliceState.getRatchet());
        byte[] ad = concat(aliceState.getOurIdentityKey(), aliceState.getTheirIdentityKey());
        RatchetMessage faulty = unpadded.encrypt(bytes("no padding here"), ad, new byte[0], new java.security.SecureRandom());
        byte[] before = bob.serialize();

        assertThat(refusal(() -> bob.decrypt(Envelopes.of(faulty)))).isEqualTo(Reason.MALFORMED);
        assertThat(bob.serialize()).as("session state after bad padding").isEqualTo(before);

        // The same key and counter, correctly padded, still reads.
        Envelope good = alice.encrypt(bytes("padded"));
        assertThat(good.getRatchet().getCounter()).isEqualTo(faulty.getCounter());
        assertThat(text(bob.decrypt(good))).isEqualTo("padded");
    }

    @Test
    void theSealedSenderHasOneLengthWhateverTheName() {
        int shortName = parties.initiate(parties.newIdentity(), "A").encrypt(bytes("hi")).getPrekey()
                .getSealedSender().size();
        int longName = parties.initiate(parties.newIdentity(), "A name of thirty-two bytes, max.").encrypt(bytes("hi"))
                .getPrekey().getSealedSender().size();
        assertThat(longName).isEqualTo(shortName).isEqualTo(SealedSenderBox.SEALED_LENGTH + 16);
    }

    /** Alice has heard from Bob: her messages are RatchetMessages from now on. */
    private static Parties.Established confirmed(Parties.Established pair) throws SessionException {
        pair.alice().decrypt(pair.bob().encrypt(bytes("hi Alice")));
        assertThat(pair.alice().confirmed()).isTrue();
        return pair;
    }

    private static byte[] concat(ByteString first, ByteString second) {
        return first.concat(second).toByteArray();
    }
}
