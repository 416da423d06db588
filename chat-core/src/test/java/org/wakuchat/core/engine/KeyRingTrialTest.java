package org.wakuchat.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.crypto.X25519KeyPair;
import org.wakuchat.core.invite.PreKey;
import org.wakuchat.core.session.IncomingSession;
import org.wakuchat.core.session.PreKeyStore;
import org.wakuchat.core.session.Session;
import org.wakuchat.core.session.SessionException;
import org.wakuchat.core.wire.PreKeyMessage;

/**
 * The inviter's prekeys as trial-decryption candidates (wire version 2: a session start names no
 * prekey): the right one among several live ones is found, an expired one is refused with the
 * same reason as before, the number tried is bounded, and failed trials change nothing stored.
 */
class KeyRingTrialTest {

    private final InviteExpiryTest.MemorySecrets secrets = new InviteExpiryTest.MemorySecrets();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-01T00:00:00Z"));
    private final SecureRandom random = new SecureRandom();
    private final KeyRing ring = KeyRing.create(secrets, "Bob", now::get, random);

    private List<PreKeyRecord> invites(int count) {
        List<PreKeyRecord> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            made.add(ring.newPrekey(now.get(), EngineConfig.DEFAULT_INVITE_VALIDITY, random));
            now.set(now.get().plusSeconds(60));
        }
        return made;
    }

    private PreKeyMessage startFor(PreKeyRecord invite) {
        byte[] prekey = X25519KeyPair.fromPrivate(invite.getPrivateKey().toByteArray()).publicKey();
        return Session.initiate(X25519KeyPair.generate(random), "Alice", ring.identity().publicKey(), invite.getId(),
                prekey, random).encrypt("hello".getBytes(StandardCharsets.UTF_8)).getPrekey();
    }

    private Map<String, String> stored() {
        return secrets.all("prekey").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> java.util.HexFormat.of().formatHex(e.getValue())));
    }

    @Test
    void theRightPrekeyAmongSeveralLiveOnesIsFoundAndFailedTrialsChangeNothing() throws Exception {
        List<PreKeyRecord> mine = invites(4);
        assertThat(ring.candidates()).extracting(PreKeyStore.Candidate::id).as("newest first")
                .containsExactly(mine.get(3).getId(), mine.get(2).getId(), mine.get(1).getId(), mine.get(0).getId());
        Map<String, String> before = stored();
        for (PreKeyRecord invite : mine) {
            IncomingSession incoming = Session.accept(ring.identity(), ring, startFor(invite), random);
            assertThat(incoming.prekeyId()).isEqualTo(invite.getId());
        }
        PreKeyRecord other = new KeyRingTrialTest().invites(1).getFirst();
        assertThat(catchThrowableOfType(SessionException.class,
                () -> Session.accept(ring.identity(), ring, startFor(other), random)).reason())
                .isEqualTo(SessionException.Reason.UNKNOWN_PREKEY);
        assertThat(stored()).as("prekeys after trials").isEqualTo(before);
    }

    @Test
    void aStartForAnExpiredInviteStillStoredIsRefusedAsBefore() {
        List<PreKeyRecord> mine = invites(3);
        PreKeyRecord expiring = mine.getFirst();
        now.set(Instant.ofEpochMilli(expiring.getExpiresAtMs()).plus(PreKey.RETENTION_GRACE).plusMillis(1));
        PreKeyMessage start = startFor(expiring);
        SessionException refused = catchThrowableOfType(SessionException.class,
                () -> Session.accept(ring.identity(), ring, start, random));
        assertThat(refused.reason()).isEqualTo(SessionException.Reason.UNKNOWN_PREKEY);
        assertThat(refused.getMessage()).contains("expired invite");
        assertThat(secrets.all("prekey")).as("not deleted by the refusal").hasSize(3);
    }

    @Test
    void aSeventeenthInviteRevokesTheOldestSoThatEveryStoredPrekeyIsTried() throws Exception {
        List<PreKeyRecord> mine = invites(PreKeyStore.MAX_TRIED + 1);
        assertThat(ring.candidates()).hasSize(PreKeyStore.MAX_TRIED);
        assertThat(secrets.all("prekey")).hasSize(PreKeyStore.MAX_TRIED);
        assertThat(catchThrowableOfType(SessionException.class,
                () -> Session.accept(ring.identity(), ring, startFor(mine.getFirst()), random)).reason())
                .isEqualTo(SessionException.Reason.UNKNOWN_PREKEY);
        assertThat(Session.accept(ring.identity(), ring, startFor(mine.get(1)), random).prekeyId())
                .isEqualTo(mine.get(1).getId());
    }

    @Test
    void aReplayedBaseKeyIsKnownWithoutNamingItsPrekey() throws Exception {
        List<PreKeyRecord> mine = invites(3);
        PreKeyMessage start = startFor(mine.get(1));
        IncomingSession incoming = Session.accept(ring.identity(), ring, start, random);
        byte[] base = start.getBaseKey().toByteArray();
        assertThat(ring.seenBaseKey(base)).isFalse();
        ring.rememberBaseKey(incoming.prekeyId(), base);
        assertThat(ring.seenBaseKey(base)).isTrue();
        assertThat(KeyRing.load(secrets, now::get).seenBaseKey(base)).as("after unlock").isTrue();
    }
}
