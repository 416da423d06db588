package org.wakuchat.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wakuchat.core.session.Parties.bytes;
import static org.wakuchat.core.session.Parties.refusal;
import static org.wakuchat.core.session.Parties.text;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.session.SessionException.Reason;
import org.wakuchat.core.wire.Envelope;
import org.wakuchat.core.wire.PreKeyMessage;
import org.wakuchat.core.wire.RatchetMessage;

class EnvelopesTest {

    private final Parties parties = new Parties(9);

    @Test
    void garbageIsMalformed() {
        assertThat(refusal(() -> Envelopes.parse(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x00}))).isEqualTo(Reason.MALFORMED);
        assertThat(refusal(() -> Envelopes.parse(new byte[0]))).isEqualTo(Reason.MALFORMED);
        assertThat(refusal(() -> Envelopes.parse("hello, world".getBytes()))).isEqualTo(Reason.MALFORMED);
        byte[] random = new byte[200];
        for (int i = 0; i < 50; i++) {
            parties.random.nextBytes(random);
            assertThat(refusal(() -> Envelopes.parse(random))).isIn(Reason.MALFORMED, Reason.UNSUPPORTED_VERSION);
        }
    }

    @Test
    void higherVersionIsUnsupportedEvenWithABodyThisVersionCannotRead() {
        byte[] future = Envelope.newBuilder().setVersion(3)
                .setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(9, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("x")).build())
                        .build())
                .build().toByteArray();
        assertThat(refusal(() -> Envelopes.parse(future))).isEqualTo(Reason.UNSUPPORTED_VERSION);
        Envelope valid = parties.initiate(parties.newIdentity(), "A").encrypt(bytes("x"));
        assertThat(refusal(() -> Envelopes.parse(valid.toBuilder().setVersion(-1).build().toByteArray())))
                .isEqualTo(Reason.UNSUPPORTED_VERSION);
    }

    @Test
    void aVersion1EnvelopeIsRefusedWithAClearReason() {
        Envelope valid = parties.initiate(parties.newIdentity(), "A").encrypt(bytes("x"));
        SessionException refused = org.assertj.core.api.Assertions.catchThrowableOfType(SessionException.class,
                () -> Envelopes.parse(valid.toBuilder().setVersion(1).build().toByteArray()));
        assertThat(refused.reason()).isEqualTo(Reason.UNSUPPORTED_VERSION);
        assertThat(refused.getMessage()).contains("envelope version 1", "sent by an older version of Waku Chat",
                "reads 2 only", "the sender needs to update");
    }

    @Test
    void missingVersionOrBodyOrWrongKeyLengthsAreMalformed() {
        Envelope valid = parties.initiate(parties.newIdentity(), "A").encrypt(bytes("x"));
        PreKeyMessage prekey = valid.getPrekey();
        RatchetMessage ratchet = prekey.getMessage();
        assertThat(malformed(valid.toBuilder().clearVersion().build())).isTrue();
        assertThat(malformed(valid.toBuilder().clearBody().build())).isTrue();
        assertThat(malformed(valid.toBuilder().setPrekey(prekey.toBuilder().clearMessage()).build())).isTrue();
        assertThat(malformed(valid.toBuilder().setPrekey(prekey.toBuilder().setBaseKey(ByteString.copyFrom(new byte[31]))).build())).isTrue();
        assertThat(malformed(valid.toBuilder().setPrekey(prekey.toBuilder().clearSealedSender()).build())).isTrue();
        assertThat(malformed(Envelopes.of(ratchet.toBuilder().setRatchetKey(ByteString.copyFrom(new byte[33])).build()))).isTrue();
        assertThat(malformed(Envelopes.of(ratchet.toBuilder().setCiphertext(ByteString.copyFrom(new byte[15])).build()))).isTrue();
        assertThat(malformed(Envelopes.of(ratchet.toBuilder().clearSalt().build()))).isTrue();
        assertThat(malformed(Envelopes.of(ratchet.toBuilder().setSalt(ByteString.copyFrom(new byte[16])).build()))).isTrue();
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        Parties.Established pair = parties.establish();
        Envelope sent = pair.bob().encrypt(bytes("with extras"));
        UnknownFieldSet extras = UnknownFieldSet.newBuilder()
                .addField(100, UnknownFieldSet.Field.newBuilder().addVarint(42).build())
                .build();
        byte[] extended = sent.toBuilder().setUnknownFields(extras)
                .setRatchet(sent.getRatchet().toBuilder().setUnknownFields(extras))
                .build().toByteArray();
        assertThat(text(pair.alice().decrypt(Envelopes.parse(extended)))).isEqualTo("with extras");
    }

    @Test
    void sentEnvelopesCarryTheCurrentVersion() throws Exception {
        Envelope sent = parties.establish().bob().encrypt(bytes("x"));
        assertThat(sent.getVersion()).isEqualTo(Envelopes.VERSION).isEqualTo(2);
        assertThat(Envelopes.parse(sent.toByteArray())).isEqualTo(sent);
    }

    private static boolean malformed(Envelope envelope) {
        return refusal(() -> Envelopes.parse(envelope.toByteArray())) == Reason.MALFORMED;
    }
}
