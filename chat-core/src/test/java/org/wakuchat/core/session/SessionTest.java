package org.wakuchat.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wakuchat.core.session.Parties.bytes;
import static org.wakuchat.core.session.Parties.refusal;
import static org.wakuchat.core.session.Parties.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.crypto.X25519KeyPair;
import org.wakuchat.core.session.SessionException.Reason;
import org.wakuchat.core.wire.Envelope;

class SessionTest {

    private final Parties parties = new Parties(1);

    @Test
    void firstMessageSetsUpTheSessionAndRevealsTheSenderOnlyToTheInviter() throws Exception {
        X25519KeyPair aliceIdentity = parties.newIdentity();
        Session alice = parties.initiate(aliceIdentity, "Alice Ø");

        IncomingSession incoming = parties.accept(alice.encrypt(bytes("hi Bob")));

        assertThat(text(incoming.plaintext())).isEqualTo("hi Bob");
        assertThat(incoming.theirIdentityKey()).isEqualTo(aliceIdentity.publicKey());
        assertThat(incoming.theirDisplayName()).isEqualTo("Alice Ø");
        Session bob = incoming.session();
        assertThat(bob.theirIdentityKey()).isEqualTo(aliceIdentity.publicKey());
        assertThat(alice.theirIdentityKey()).isEqualTo(parties.bobIdentity.publicKey());
        assertThat(bob.baseKey()).isEqualTo(alice.baseKey());
        assertThat(alice.isInitiator()).isTrue();
        assertThat(bob.isInitiator()).isFalse();
        assertThat(bob.confirmed()).isTrue();
        assertThat(alice.confirmed()).isFalse();
        assertThat(bob.conversationKey()).hasSize(32).isEqualTo(alice.conversationKey());
    }

    @Test
    void sealedSenderDoesNotShowTheInitiatorsIdentityOrName() {
        X25519KeyPair aliceIdentity = parties.newIdentity();
        Envelope first = parties.initiate(aliceIdentity, "Alice").encrypt(bytes("hi"));

        String wire = new String(first.toByteArray(), StandardCharsets.ISO_8859_1);
        String identity = new String(aliceIdentity.publicKey(), StandardCharsets.ISO_8859_1);
        assertThat(wire).doesNotContain(identity).doesNotContain("Alice");
    }

    @Test
    void roundTripsBothWaysAcrossManyRatchetSteps() throws Exception {
        Parties.Established pair = parties.establish();
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i <= round % 3; i++) {
                String fromBob = "bob " + round + "." + i;
                assertThat(text(pair.alice().decrypt(pair.bob().encrypt(bytes(fromBob))))).isEqualTo(fromBob);
            }
            String fromAlice = "alice " + round;
            assertThat(text(pair.bob().decrypt(pair.alice().encrypt(bytes(fromAlice))))).isEqualTo(fromAlice);
        }
        assertThat(pair.alice().confirmed()).isTrue();
        assertThat(pair.alice().conversationKey()).isEqualTo(pair.bob().conversationKey());
    }

    @Test
    void initiatorKeepsSendingPreKeyMessagesUntilItHearsFromTheResponder() throws Exception {
        Session alice = parties.initiate(parties.newIdentity(), "Alice");
        Envelope first = alice.encrypt(bytes("one"));
        Envelope second = alice.encrypt(bytes("two"));
        assertThat(second.hasPrekey()).isTrue();
        assertThat(second.getPrekey().getBaseKey()).isEqualTo(first.getPrekey().getBaseKey());

        // The first message is lost: the second alone sets the session up.
        IncomingSession incoming = parties.accept(second);
        Session bob = incoming.session();
        assertThat(text(incoming.plaintext())).isEqualTo("two");
        Envelope third = alice.encrypt(bytes("three"));
        assertThat(text(bob.decrypt(third))).isEqualTo("three");
        assertThat(text(bob.decrypt(first))).isEqualTo("one");

        assertThat(text(alice.decrypt(bob.encrypt(bytes("ok"))))).isEqualTo("ok");
        assertThat(alice.confirmed()).isTrue();
        Envelope fourth = alice.encrypt(bytes("four"));
        assertThat(fourth.hasRatchet()).isTrue();
        assertThat(text(bob.decrypt(fourth))).isEqualTo("four");
    }

    @Test
    void firstMessageWaitsForAnOfflineInviter() throws Exception {
        Session alice = parties.initiate(parties.newIdentity(), "Alice");
        byte[] stored = alice.encrypt(bytes("are you there?")).toByteArray();
        Session aliceLater = parties.reload(alice);

        // Much later the inviter comes online and fetches the message from the store.
        IncomingSession incoming = parties.accept(Envelopes.parse(stored));
        assertThat(text(incoming.plaintext())).isEqualTo("are you there?");
        assertThat(text(aliceLater.decrypt(incoming.session().encrypt(bytes("yes"))))).isEqualTo("yes");
    }

    @Test
    void severalInitiatorsFromOneInviteGetIndependentSessions() throws Exception {
        Session alice = parties.initiate(parties.newIdentity(), "Alice");
        Session carol = parties.initiate(parties.newIdentity(), "Carol");
        Session bobWithAlice = parties.accept(alice.encrypt(bytes("from alice"))).session();
        IncomingSession fromCarol = parties.accept(carol.encrypt(bytes("from carol")));
        Session bobWithCarol = fromCarol.session();

        assertThat(fromCarol.theirDisplayName()).isEqualTo("Carol");
        assertThat(alice.conversationKey()).isNotEqualTo(carol.conversationKey());
        assertThat(alice.baseKey()).isNotEqualTo(carol.baseKey());
        Envelope toAlice = bobWithAlice.encrypt(bytes("for alice"));
        assertThat(refusal(() -> carol.decrypt(toAlice))).isEqualTo(Reason.NOT_AUTHENTIC);
        assertThat(text(alice.decrypt(toAlice))).isEqualTo("for alice");
        assertThat(refusal(() -> bobWithCarol.decrypt(alice.encrypt(bytes("x"))))).isEqualTo(Reason.NOT_AUTHENTIC);
        assertThat(text(carol.decrypt(bobWithCarol.encrypt(bytes("for carol"))))).isEqualTo("for carol");
    }

    @Test
    void lostAndReorderedMessagesAcrossRatchetStepsAllArrive() throws Exception {
        Parties.Established pair = parties.establish();
        List<Envelope> firstChain = sendAll(pair.bob(), "b1-", 4);
        assertThat(text(pair.alice().decrypt(firstChain.get(2)))).isEqualTo("b1-2");
        List<Envelope> aliceChain = sendAll(pair.alice(), "a1-", 3);
        assertThat(text(pair.bob().decrypt(aliceChain.get(1)))).isEqualTo("a1-1");
        List<Envelope> secondChain = sendAll(pair.bob(), "b2-", 3);
        assertThat(text(pair.alice().decrypt(secondChain.get(2)))).isEqualTo("b2-2");

        // Late arrivals from both of Bob's chains, in a scrambled order.
        assertThat(text(pair.alice().decrypt(firstChain.get(3)))).isEqualTo("b1-3");
        assertThat(text(pair.alice().decrypt(secondChain.get(0)))).isEqualTo("b2-0");
        assertThat(text(pair.alice().decrypt(firstChain.get(0)))).isEqualTo("b1-0");
        assertThat(text(pair.bob().decrypt(aliceChain.get(2)))).isEqualTo("a1-2");
        assertThat(text(pair.bob().decrypt(aliceChain.get(0)))).isEqualTo("a1-0");
        assertThat(text(pair.alice().decrypt(secondChain.get(1)))).isEqualTo("b2-1");
        // firstChain[1] never arrives; that does not disturb anything else.
        assertThat(text(pair.alice().decrypt(pair.bob().encrypt(bytes("later"))))).isEqualTo("later");
    }

    @Test
    void aMessageTooFarAheadIsRefusedUntilTheGapIsSmallEnough() throws Exception {
        Parties.Established pair = parties.establish();
        List<Envelope> sent = sendAll(pair.bob(), "m", 1002);
        byte[] before = pair.alice().serialize();
        assertThat(refusal(() -> pair.alice().decrypt(sent.get(1001)))).isEqualTo(Reason.TOO_FAR_AHEAD);
        assertThat(pair.alice().serialize()).isEqualTo(before);
        assertThat(text(pair.alice().decrypt(sent.get(1000)))).isEqualTo("m1000");
        assertThat(text(pair.alice().decrypt(sent.get(1001)))).isEqualTo("m1001");
        assertThat(text(pair.alice().decrypt(sent.get(0)))).isEqualTo("m0");
    }

    @Test
    void replayedMessagesAreDuplicates() throws Exception {
        Parties.Established pair = parties.establish();
        Envelope fromBob = pair.bob().encrypt(bytes("once"));
        pair.alice().decrypt(fromBob);
        assertThat(refusal(() -> pair.alice().decrypt(fromBob))).isEqualTo(Reason.DUPLICATE);

        Envelope skippedThenDelivered = pair.bob().encrypt(bytes("m1"));
        pair.alice().decrypt(pair.bob().encrypt(bytes("m2")));
        pair.alice().decrypt(skippedThenDelivered);
        assertThat(refusal(() -> pair.alice().decrypt(skippedThenDelivered))).isEqualTo(Reason.DUPLICATE);

        // After a ratchet step, messages of the earlier chain are still recognised as replays.
        pair.bob().decrypt(pair.alice().encrypt(bytes("step")));
        pair.alice().decrypt(pair.bob().encrypt(bytes("new chain")));
        assertThat(refusal(() -> pair.alice().decrypt(fromBob))).isEqualTo(Reason.DUPLICATE);
    }

    @Test
    void replayedFirstMessageIsADuplicateForTheEstablishedSession() throws Exception {
        Session alice = parties.initiate(parties.newIdentity(), "Alice");
        Envelope first = alice.encrypt(bytes("hello"));
        Session bob = parties.accept(first).session();
        assertThat(refusal(() -> bob.decrypt(first))).isEqualTo(Reason.DUPLICATE);
    }

    @Test
    void preKeyMessageOfAnotherSessionIsRefusedByDecrypt() throws Exception {
        Parties.Established pair = parties.establish();
        Envelope other = parties.initiate(parties.newIdentity(), "Mallory").encrypt(bytes("x"));
        assertThat(refusal(() -> pair.bob().decrypt(other))).isEqualTo(Reason.NOT_AUTHENTIC);
        Envelope preKeyToInitiator = parties.initiate(parties.newIdentity(), "Eve").encrypt(bytes("x"));
        assertThat(refusal(() -> pair.alice().decrypt(preKeyToInitiator))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void unknownPrekeyIsReported() {
        Session alice = Session.initiate(parties.newIdentity(), "Alice", parties.bobIdentity.publicKey(), 8,
                parties.bobPrekey.publicKey(), parties.random);
        Envelope first = alice.encrypt(bytes("hi"));
        assertThat(refusal(() -> parties.accept(first))).isEqualTo(Reason.UNKNOWN_PREKEY);
    }

    @Test
    void firstMessageForAnotherInviterDoesNotAuthenticate() {
        var other = new Parties(2);
        // Same prekey id, but made with a different inviter's keys: it opens with none of Bob's prekeys.
        Envelope first = other.initiate(other.newIdentity(), "Alice").encrypt(bytes("hi"));
        assertThat(refusal(() -> parties.accept(first))).isEqualTo(Reason.UNKNOWN_PREKEY);
    }

    @Test
    void initiateRejectsInvalidInviteKeys() {
        X25519KeyPair identity = parties.newIdentity();
        assertThatThrownBy(() -> Session.initiate(identity, "A", new byte[31], 1, parties.bobPrekey.publicKey(),
                parties.random)).isInstanceOf(IllegalArgumentException.class);
        // A low-order point gives an all-zero shared secret.
        assertThatThrownBy(() -> Session.initiate(identity, "A", parties.bobIdentity.publicKey(), 1, new byte[32],
                parties.random)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encryptingSameTextTwiceGivesDifferentCiphertexts() throws Exception {
        Parties.Established pair = parties.establish();
        Envelope one = pair.bob().encrypt(bytes("same"));
        Envelope two = pair.bob().encrypt(bytes("same"));
        assertThat(one.getRatchet().getCiphertext()).isNotEqualTo(two.getRatchet().getCiphertext());
    }

    static List<Envelope> sendAll(Session sender, String prefix, int count) {
        List<Envelope> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(sender.encrypt(bytes(prefix + i)));
        }
        return sent;
    }
}
