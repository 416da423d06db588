package org.wakuchat.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.wakuchat.core.session.Parties.bytes;
import static org.wakuchat.core.session.Parties.text;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.session.SessionException.Reason;
import org.wakuchat.core.session.state.SessionState;
import org.wakuchat.core.wire.Envelope;

class SessionStateTest {

    private final Parties parties = new Parties(5);

    @Test
    void unconfirmedInitiatorSurvivesARestartAndKeepsSendingPreKeyMessages() throws Exception {
        Session alice = parties.reload(parties.initiate(parties.newIdentity(), "Alice"));
        Envelope first = alice.encrypt(bytes("one"));
        Session restarted = parties.reload(alice);
        Envelope second = restarted.encrypt(bytes("two"));

        assertThat(restarted.isInitiator()).isTrue();
        assertThat(restarted.confirmed()).isFalse();
        assertThat(second.hasPrekey()).isTrue();
        assertThat(second.getPrekey().getBaseKey()).isEqualTo(first.getPrekey().getBaseKey());
        IncomingSession incoming = parties.accept(second);
        assertThat(text(incoming.plaintext())).isEqualTo("two");
        assertThat(incoming.theirDisplayName()).isEqualTo("Alice");
    }

    @Test
    void establishedSessionsSurviveRestartsOnBothSides() throws Exception {
        Parties.Established pair = parties.establish();
        Envelope pending = pair.bob().encrypt(bytes("sent before restart"));
        Session alice = parties.reload(pair.alice());
        Session bob = parties.reload(pair.bob());

        assertThat(alice.conversationKey()).isEqualTo(pair.alice().conversationKey());
        assertThat(bob.baseKey()).isEqualTo(pair.bob().baseKey());
        assertThat(bob.theirIdentityKey()).isEqualTo(pair.bob().theirIdentityKey());
        assertThat(bob.confirmed()).isTrue();
        assertThat(text(alice.decrypt(bob.encrypt(bytes("after"))))).isEqualTo("after");
        assertThat(text(alice.decrypt(pending))).isEqualTo("sent before restart");
        assertThat(text(bob.decrypt(alice.encrypt(bytes("back"))))).isEqualTo("back");
        assertThat(Session.deserialize(bob.serialize()).serialize()).isEqualTo(bob.serialize());
    }

    @Test
    void garbageIsRejectedAsMalformed() throws Exception {
        byte[] valid = parties.establish().bob().serialize();
        assertThat(reason(new byte[] {(byte) 0xFF, 0x01, 0x02})).isEqualTo(Reason.MALFORMED);
        assertThat(reason(new byte[0])).isEqualTo(Reason.MALFORMED);
        assertThat(reason("not a session state at all".getBytes())).isEqualTo(Reason.MALFORMED);
        assertThat(reason(Arrays.copyOf(valid, valid.length / 2))).isEqualTo(Reason.MALFORMED);
        byte[] random = new byte[300];
        parties.random.nextBytes(random);
        assertThat(reason(random)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void inconsistentStatesAreRejectedAsMalformed() throws Exception {
        SessionState valid = SessionState.parseFrom(parties.establish().bob().serialize());
        assertThat(reason(valid.toBuilder().setVersion(0).build().toByteArray())).isEqualTo(Reason.MALFORMED);
        assertThat(reason(valid.toBuilder().clearRatchet().build().toByteArray())).isEqualTo(Reason.MALFORMED);
        assertThat(reason(valid.toBuilder().setTheirIdentityKey(ByteString.copyFrom(new byte[3])).build().toByteArray()))
                .isEqualTo(Reason.MALFORMED);
        assertThat(reason(valid.toBuilder().setSealedSender(ByteString.copyFrom(new byte[40])).build().toByteArray()))
                .isEqualTo(Reason.MALFORMED);
        SessionState unconfirmedInitiator = SessionState.parseFrom(parties.initiate(parties.newIdentity(), "A").serialize());
        assertThat(reason(unconfirmedInitiator.toBuilder().clearSealedSender().build().toByteArray()))
                .isEqualTo(Reason.MALFORMED);
    }

    @Test
    void newerStateVersionIsUnsupported() throws Exception {
        SessionState valid = SessionState.parseFrom(parties.establish().bob().serialize());
        assertThat(reason(valid.toBuilder().setVersion(2).build().toByteArray())).isEqualTo(Reason.UNSUPPORTED_VERSION);
    }

    private static Reason reason(byte[] state) {
        SessionException refused = catchThrowableOfType(SessionException.class, () -> Session.deserialize(state));
        assertThat(refused).as("expected a refusal").isNotNull();
        assertThat(refused.getMessage()).isNotBlank();
        return refused.reason();
    }
}
