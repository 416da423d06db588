package org.wakuchat.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wakuchat.core.session.Parties.bytes;

import org.junit.jupiter.api.Test;

/** Measures what encryption adds to a message; the figures are quoted in docs/crypto.md. */
class OverheadTest {

    private static final String TEXT = "x".repeat(100);

    @Test
    void ciphertextOverheadOfA100CharacterText() throws Exception {
        Parties parties = new Parties(13);
        Session alice = parties.initiate(parties.newIdentity(), "Alice");
        int preKeySize = alice.encrypt(bytes(TEXT)).getSerializedSize();
        Session bob = parties.accept(alice.encrypt(bytes("hi"))).session();
        int ratchetSize = bob.encrypt(bytes(TEXT)).getSerializedSize();

        int preKeyOverhead = preKeySize - TEXT.length();
        int ratchetOverhead = ratchetSize - TEXT.length();
        System.out.printf("Overhead for a %d-byte text: RatchetMessage %d bytes, PreKeyMessage %d bytes"
                + " (display name \"Alice\", 5 bytes)%n", TEXT.length(), ratchetOverhead, preKeyOverhead);
        // Ratchet key 32 + salt 24 + AEAD tag 16 + framing; the PreKeyMessage adds base key, prekey id and
        // sealed sender.
        assertThat(ratchetOverhead).isBetween(32 + 24 + 16, 95);
        assertThat(preKeyOverhead).isBetween(ratchetOverhead + 32 + 4 + 16 + 32, ratchetOverhead + 140);
    }
}
