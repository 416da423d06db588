package org.wakuchat.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import org.wakuchat.core.crypto.X25519KeyPair;
import org.wakuchat.core.wire.Envelope;

/** An inviter "Bob" with one invite (identity key, prekey 7) and helpers for session tests. */
final class Parties {

    static final int PREKEY_ID = 7;

    final SecureRandom random;
    final X25519KeyPair bobIdentity;
    final X25519KeyPair bobPrekey;
    final PreKeyStore bobPrekeys;

    Parties(long seed) {
        random = seeded(seed);
        bobIdentity = X25519KeyPair.generate(random);
        bobPrekey = X25519KeyPair.generate(random);
        bobPrekeys = () -> List.of(new PreKeyStore.Candidate(PREKEY_ID, bobPrekey, true));
    }

    /** Deterministic, so that failures reproduce. */
    static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    X25519KeyPair newIdentity() {
        return X25519KeyPair.generate(random);
    }

    /** A new initiator ("Alice") who scanned Bob's invite. */
    Session initiate(X25519KeyPair aliceIdentity, String name) {
        return Session.initiate(aliceIdentity, name, bobIdentity.publicKey(), PREKEY_ID, bobPrekey.publicKey(), random);
    }

    IncomingSession accept(Envelope envelope) throws SessionException {
        assertThat(envelope.hasPrekey()).isTrue();
        return Session.accept(bobIdentity, bobPrekeys, envelope.getPrekey(), random);
    }

    /** A established pair: Alice sent "hello", Bob accepted. */
    Established establish() throws SessionException {
        Session alice = initiate(newIdentity(), "Alice");
        IncomingSession incoming = accept(alice.encrypt(bytes("hello")));
        return new Established(alice, incoming.session());
    }

    record Established(Session alice, Session bob) {
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static SessionException.Reason refusal(ThrowingAction action) {
        SessionException refused = catchThrowableOfType(SessionException.class, action::run);
        assertThat(refused).as("expected a SessionException").isNotNull();
        return refused.reason();
    }

    /** Restores a session from its serialized state, as after an app restart. */
    Session reload(Session session) throws SessionException {
        return Session.deserialize(session.serialize(), random);
    }

    @FunctionalInterface
    interface ThrowingAction {
        void run() throws Throwable;
    }
}
