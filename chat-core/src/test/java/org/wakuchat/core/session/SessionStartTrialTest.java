package org.wakuchat.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.wakuchat.core.session.Parties.bytes;
import static org.wakuchat.core.session.Parties.text;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.crypto.X25519KeyPair;
import org.wakuchat.core.session.SessionException.Reason;
import org.wakuchat.core.wire.Envelope;
import org.wakuchat.core.wire.PreKeyMessage;

/**
 * Session starts name no prekey (wire version 2, issue #14 finding 5): the inviter finds it by
 * trial decryption of the sealed sender, and an observer holding the invite has no clear field to
 * match first messages with.
 */
class SessionStartTrialTest {

    private final Parties parties = new Parties(77);
    private final X25519KeyPair bob = parties.bobIdentity;

    /** Bob's invites: ids 100.., newest first as a store lists them, all accepted unless told otherwise. */
    private List<PreKeyStore.Candidate> invites(int count) {
        List<PreKeyStore.Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            candidates.add(new PreKeyStore.Candidate(100 + i, X25519KeyPair.generate(parties.random), true));
        }
        return candidates;
    }

    private Session initiate(PreKeyStore.Candidate invite, String name) {
        return Session.initiate(parties.newIdentity(), name, bob.publicKey(), invite.id(), invite.keys().publicKey(),
                parties.random);
    }

    @Test
    void theSerializedPreKeyMessageHasNoPrekeyIdField() throws Exception {
        PreKeyStore.Candidate invite = invites(1).getFirst();
        Envelope first = initiate(invite, "Alice").encrypt(bytes("hi"));
        ByteString prekeyMessage = first.getPrekey().toByteString();
        // Read as raw fields: exactly base key (2), sealed sender (3) and ratchet message (4).
        UnknownFieldSet fields = UnknownFieldSet.parseFrom(prekeyMessage);
        assertThat(fields.asMap().keySet()).containsExactlyInAnyOrder(2, 3, 4);
        assertThat(PreKeyMessage.getDescriptor().findFieldByNumber(1)).as("field 1 is reserved").isNull();
        assertThat(first.getVersion()).isEqualTo(2);
    }

    @Test
    void anObserverHoldingTheInviteFindsNoneOfItsValuesInFirstMessages() {
        List<PreKeyStore.Candidate> mine = invites(2);
        PreKeyStore.Candidate seen = mine.getFirst();
        List<byte[]> starts = new ArrayList<>();
        for (PreKeyStore.Candidate invite : mine) {
            for (int i = 0; i < 3; i++) {
                starts.add(initiate(invite, "Alice").encrypt(bytes("hi")).toByteArray());
            }
        }
        byte[] id = ByteBuffer.allocate(4).putInt(seen.id()).array();
        byte[] idLittleEndian = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(seen.id()).array();
        for (byte[] start : starts) {
            for (byte[] value : List.of(id, idLittleEndian, seen.keys().publicKey(), bob.publicKey())) {
                assertThat(indexOf(start, value)).as("an invite value in a first message").isEqualTo(-1);
            }
        }
        // Starts for the seen invite and for another are alike in every clear length.
        Set<Integer> lengths = new java.util.HashSet<>();
        starts.forEach(s -> lengths.add(s.length));
        assertThat(lengths).hasSize(1);
    }

    @Test
    void trialDecryptionPicksTheRightPrekeyAmongSeveralLiveOnes() throws Exception {
        List<PreKeyStore.Candidate> mine = invites(5);
        AtomicInteger lookups = new AtomicInteger();
        PreKeyStore store = () -> {
            lookups.incrementAndGet();
            return mine;
        };
        for (PreKeyStore.Candidate invite : mine) {
            Session alice = initiate(invite, "Alice");
            IncomingSession incoming = Session.accept(bob, store, alice.encrypt(bytes("hello")).getPrekey(), parties.random);
            assertThat(incoming.prekeyId()).isEqualTo(invite.id());
            assertThat(text(incoming.plaintext())).isEqualTo("hello");
            assertThat(incoming.theirDisplayName()).isEqualTo("Alice");
            // The session works both ways, and later starts of it reach it through decrypt.
            alice.decrypt(incoming.session().encrypt(bytes("hi back")));
            assertThat(text(incoming.session().decrypt(alice.encrypt(bytes("again"))))).isEqualTo("again");
        }
        assertThat(lookups).hasValue(5);
    }

    @Test
    void aStartForAnExpiredInviteIsRefusedAsUnknownPrekeyWithItsReason() {
        List<PreKeyStore.Candidate> mine = new ArrayList<>(invites(3));
        PreKeyStore.Candidate expired = new PreKeyStore.Candidate(mine.get(1).id(), mine.get(1).keys(), false);
        mine.set(1, expired);
        Envelope start = initiate(expired, "Alice").encrypt(bytes("hello"));
        SessionException refused = catchThrowableOfType(SessionException.class,
                () -> Session.accept(bob, () -> mine, start.getPrekey(), parties.random));
        assertThat(refused.reason()).isEqualTo(Reason.UNKNOWN_PREKEY);
        assertThat(refused.getMessage()).contains("expired invite");
    }

    @Test
    void aStartForARevokedOrUnknownInviteIsRefusedAsUnknownPrekey() {
        List<PreKeyStore.Candidate> mine = invites(3);
        PreKeyStore.Candidate revoked = invites(1).getFirst();
        Envelope start = initiate(revoked, "Alice").encrypt(bytes("hello"));
        SessionException refused = catchThrowableOfType(SessionException.class,
                () -> Session.accept(bob, () -> mine, start.getPrekey(), parties.random));
        assertThat(refused.reason()).isEqualTo(Reason.UNKNOWN_PREKEY);
        assertThat(refused.getMessage()).contains("none of my 3 prekeys");
    }

    @Test
    void atMostSixteenPrekeysAreTried() {
        List<PreKeyStore.Candidate> mine = invites(PreKeyStore.MAX_TRIED + 1);
        Envelope forTheSeventeenth = initiate(mine.getLast(), "Alice").encrypt(bytes("hello"));
        SessionException refused = catchThrowableOfType(SessionException.class,
                () -> Session.accept(bob, () -> mine, forTheSeventeenth.getPrekey(), parties.random));
        assertThat(refused.reason()).isEqualTo(Reason.UNKNOWN_PREKEY);
        assertThat(refused.getMessage()).contains("none of my 16 prekeys");
    }

    @Test
    void theFirstMessageStillBindsThePrekeyIdItWasMadeFor() {
        // The same prekey under another id (an invite edited to name another id): the sealed
        // sender's associated data differs, so it opens under no candidate.
        PreKeyStore.Candidate invite = invites(1).getFirst();
        var relabelled = new PreKeyStore.Candidate(invite.id() + 1, invite.keys(), true);
        Envelope start = initiate(relabelled, "Alice").encrypt(bytes("hello"));
        SessionException refused = catchThrowableOfType(SessionException.class,
                () -> Session.accept(bob, () -> List.of(invite), start.getPrekey(), parties.random));
        assertThat(refused.reason()).isEqualTo(Reason.UNKNOWN_PREKEY);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
