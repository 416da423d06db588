package org.wakuchat.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wakuchat.core.session.Parties.bytes;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.wakuchat.core.wire.Envelope;

/**
 * Session starts (PreKeyMessage: base key, sealed sender, first ratchet message) and
 * ratchet messages (header and ciphertext) as they arrive from the network, edited from valid
 * ones: refused only with {@link SessionException}, and a refused message leaves the session's
 * serialized state byte-identical. Whatever is accepted reads as the original plaintext.
 */
class SessionFuzzTest {

    private static final byte[] FIRST = bytes("hello, this is the first message");
    private static final byte[] LATER = bytes("and a later one, in a new chain");
    private static final Fixture FIXTURE = new Fixture();

    /** Session starts, ratchet messages and stored states in one fuzz test: Jazzer fuzzes one test per JVM. */
    @FuzzTest(maxDuration = "30s")
    void sessionBytesAreReadOrRefusedWithoutChangingAnything(FuzzedDataProvider data) throws Exception {
        switch (data.consumeInt(0, 2)) {
            case 0 -> sessionStart(data);
            case 1 -> ratchetMessage(data);
            default -> storedState(data);
        }
    }

    private static void sessionStart(FuzzedDataProvider data) {
        byte[] wire = FuzzEdits.edit(FIXTURE.firstMessage, data);
        try {
            Envelope envelope = Envelopes.parse(wire);
            if (!envelope.hasPrekey()) {
                return;
            }
            IncomingSession incoming = Session.accept(FIXTURE.parties.bobIdentity, FIXTURE.parties.bobPrekeys,
                    envelope.getPrekey(), FIXTURE.parties.random);
            assertThat(incoming.plaintext()).isEqualTo(FIRST);
        } catch (SessionException documented) {
            // refused
        }
    }

    private static void ratchetMessage(FuzzedDataProvider data) throws SessionException {
        byte[] wire = FuzzEdits.edit(data.consumeBoolean() ? FIXTURE.laterMessage : FIXTURE.repeatedStart, data);
        Session receiver = Session.deserialize(FIXTURE.receiverState, FIXTURE.parties.random);
        try {
            byte[] plaintext = receiver.decrypt(Envelopes.parse(wire));
            assertThat(plaintext).isIn(LATER, bytes("second"));
        } catch (SessionException documented) {
            assertThat(receiver.serialize()).isEqualTo(FIXTURE.receiverState);
        }
    }

    private static void storedState(FuzzedDataProvider data) {
        byte[] state = FuzzEdits.edit(FIXTURE.receiverState, data);
        try {
            Session.deserialize(state, FIXTURE.parties.random).serialize();
        } catch (SessionException documented) {
            // refused as MALFORMED or UNSUPPORTED_VERSION
        }
    }

    /** Bob accepted Alice's first message; Alice then heard from him and sent a message in a new chain. */
    private static final class Fixture {
        final Parties parties = new Parties(99);
        final byte[] firstMessage;
        final byte[] repeatedStart;
        final byte[] laterMessage;
        final byte[] receiverState;

        Fixture() {
            try {
                Session alice = parties.initiate(parties.newIdentity(), "Alice");
                Envelope first = alice.encrypt(FIRST);
                firstMessage = first.toByteArray();
                Session bob = parties.accept(first).session();
                repeatedStart = alice.encrypt(bytes("second")).toByteArray();
                alice.decrypt(bob.encrypt(bytes("reply")));
                laterMessage = alice.encrypt(LATER).toByteArray();
                receiverState = bob.serialize();
            } catch (SessionException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
