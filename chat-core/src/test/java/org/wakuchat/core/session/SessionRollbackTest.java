package org.wakuchat.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wakuchat.core.session.Parties.bytes;
import static org.wakuchat.core.session.Parties.refusal;
import static org.wakuchat.core.session.Parties.text;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.session.SessionException.Reason;
import org.wakuchat.core.wire.Envelope;
import org.wakuchat.core.wire.RatchetMessage;

/**
 * A session state restored from an older copy (backup, VM snapshot, a data folder copied to a
 * second machine) must not encrypt under a (key, nonce) pair it already used, and its receiver
 * recognises it (issue #14, finding 2; docs/crypto.md §2).
 */
class SessionRollbackTest {

    private static final byte[] FIRST = bytes("meet me at the station at nine");
    private static final byte[] SECOND = bytes("the password is hunter2, really");

    private final Parties parties = new Parties(21);

    @Test
    void aRestoredStateNeverReusesAKeystream() throws Exception {
        Parties.Established pair = parties.establish();
        byte[] storedRow = pair.bob().serialize();

        Envelope original = pair.bob().encrypt(FIRST);
        // The restored copy runs in a new process: its randomness is not the original's.
        Session restored = Session.deserialize(storedRow, Parties.seeded(99));
        Envelope again = restored.encrypt(SECOND);

        RatchetMessage m1 = original.getRatchet();
        RatchetMessage m2 = again.getRatchet();
        assertThat(m2.getRatchetKey()).isEqualTo(m1.getRatchetKey());
        assertThat(m2.getCounter()).isEqualTo(m1.getCounter());
        assertThat(m2.getSalt()).isNotEqualTo(m1.getSalt());
        byte[] c1 = m1.getCiphertext().toByteArray();
        byte[] c2 = m2.getCiphertext().toByteArray();
        assertThat(c2).isNotEqualTo(c1);
        int length = Math.min(FIRST.length, SECOND.length);
        assertThat(xor(c1, c2, length)).as("XOR of the ciphertexts must not be the XOR of the plaintexts")
                .isNotEqualTo(xor(FIRST, SECOND, length));
        // Even the same plaintext encrypts differently.
        Envelope same = Session.deserialize(storedRow, Parties.seeded(100)).encrypt(FIRST);
        assertThat(same.getRatchet().getCiphertext().toByteArray()).isNotEqualTo(c1);
        assertThat(xor(same.getRatchet().getCiphertext().toByteArray(), c1, FIRST.length))
                .isNotEqualTo(new byte[FIRST.length]);
    }

    /**
     * The receiver reads the first of the two messages in one slot, drops the second as
     * ROLLED_BACK (never shown twice; its key is gone, for forward secrecy), keeps an exact replay
     * a silent DUPLICATE, and reads what the restored sender sends next.
     */
    @Test
    void theReceiverReadsTheFirstRecognisesTheRolledBackSecondAndReadsWhatFollows() throws Exception {
        Parties.Established pair = parties.establish();
        byte[] storedRow = pair.bob().serialize();
        Envelope original = pair.bob().encrypt(FIRST);
        Envelope originalNext = pair.bob().encrypt(bytes("sent before the restore"));
        Session restored = Session.deserialize(storedRow, Parties.seeded(99));
        Envelope again = restored.encrypt(SECOND);

        assertThat(text(pair.alice().decrypt(original))).isEqualTo(text(FIRST));
        assertThat(text(pair.alice().decrypt(originalNext))).isEqualTo("sent before the restore");
        byte[] before = pair.alice().serialize();
        assertThat(refusal(() -> pair.alice().decrypt(again))).isEqualTo(Reason.ROLLED_BACK);
        assertThat(refusal(() -> pair.alice().decrypt(original))).isEqualTo(Reason.DUPLICATE);
        assertThat(pair.alice().serialize()).isEqualTo(before);

        // The restored sender's second message lands on the slot of originalNext, its third is new.
        assertThat(refusal(() -> pair.alice().decrypt(restored.encrypt(bytes("resend 1"))))).isEqualTo(Reason.ROLLED_BACK);
        assertThat(text(pair.alice().decrypt(restored.encrypt(bytes("resend 2"))))).isEqualTo("resend 2");
        // And the conversation goes on both ways with the restored state.
        assertThat(text(restored.decrypt(pair.alice().encrypt(bytes("still here"))))).isEqualTo("still here");
        assertThat(text(pair.alice().decrypt(restored.encrypt(bytes("me too"))))).isEqualTo("me too");
    }

    /** Whichever of the two arrives first is read; the other is the one recognised. */
    @Test
    void theRolledBackMessageArrivingFirstIsReadAndTheOriginalIsRecognised() throws Exception {
        Parties.Established pair = parties.establish();
        byte[] storedRow = pair.bob().serialize();
        Envelope original = pair.bob().encrypt(FIRST);
        Envelope again = Session.deserialize(storedRow, Parties.seeded(99)).encrypt(SECOND);

        assertThat(text(pair.alice().decrypt(again))).isEqualTo(text(SECOND));
        assertThat(refusal(() -> pair.alice().decrypt(original))).isEqualTo(Reason.ROLLED_BACK);
    }

    /**
     * Someone on the network cannot fake a rollback: a copy of a read message with another salt
     * fails the rollback check (it needs the message key) and is a silent DUPLICATE.
     */
    @Test
    void anEditedSaltIsNotMistakenForARollback() throws Exception {
        Parties.Established pair = parties.establish();
        Envelope original = pair.bob().encrypt(FIRST);
        pair.alice().decrypt(original);
        for (int index : new int[] {0, 15, 16, 23}) {
            byte[] salt = original.getRatchet().getSalt().toByteArray();
            salt[index] ^= 1;
            Envelope edited = original.toBuilder()
                    .setRatchet(original.getRatchet().toBuilder().setSalt(ByteString.copyFrom(salt))).build();
            assertThat(refusal(() -> pair.alice().decrypt(edited))).as("salt byte %d", index).isEqualTo(Reason.DUPLICATE);
        }
    }

    /** What the receiver remembers of read messages is bounded, and survives a restart. */
    @Test
    void theReceiverRemembersABoundedNumberOfReadMessages() throws Exception {
        Parties.Established pair = parties.establish();
        byte[] storedRow = pair.bob().serialize();
        Envelope original = pair.bob().encrypt(FIRST);
        Envelope again = Session.deserialize(storedRow, Parties.seeded(99)).encrypt(SECOND);
        Session alice = pair.alice();
        alice.decrypt(original);
        alice = parties.reload(alice);
        assertThat(refusal(() -> parties.reload(pair.alice()).decrypt(again))).isEqualTo(Reason.ROLLED_BACK);
        int sizeAfterOne = alice.serialize().length;
        for (int i = 0; i < 200; i++) {
            alice.decrypt(pair.bob().encrypt(bytes("m" + i)));
        }
        // 64 remembered messages of about 70 bytes each; the 200 messages beyond do not add up.
        assertThat(alice.serialize().length).isLessThan(sizeAfterOne + 64 * 80);
        // Forgotten after 64 more reads: then only the plain DUPLICATE of a used key is left.
        Session forgetful = alice;
        assertThat(refusal(() -> forgetful.decrypt(again))).isEqualTo(Reason.DUPLICATE);
    }

    private static byte[] xor(byte[] a, byte[] b, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }
}
