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

        // Every plaintext is padded first (100 bytes -> 128): the overhead is over the padded length.
        int padded = Padding.bucket(TEXT.length());
        int preKeyOverhead = preKeySize - padded;
        int ratchetOverhead = ratchetSize - padded;
        System.out.printf("A %d-byte text, padded to %d: RatchetMessage %d bytes (overhead %d),"
                + " PreKeyMessage %d bytes (overhead %d, any display name)%n", TEXT.length(), padded, ratchetSize,
                ratchetOverhead, preKeySize, preKeyOverhead);
        assertThat(padded).isEqualTo(128);
        // Ratchet key 32 + salt 24 + AEAD tag 16 + framing; the PreKeyMessage adds base key and the
        // sealed sender (72 padded + 16 tag), and no prekey id.
        assertThat(ratchetOverhead).isBetween(32 + 24 + 16, 95);
        assertThat(preKeyOverhead).isBetween(ratchetOverhead + 32 + 72 + 16, ratchetOverhead + 140);
    }
}
