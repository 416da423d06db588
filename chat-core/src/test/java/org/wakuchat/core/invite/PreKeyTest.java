package org.wakuchat.core.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.crypto.X25519KeyPair;

class PreKeyTest {

    private final SecureRandom random = new SecureRandom();
    private final Instant now = Instant.parse("2026-11-22T01:30:12.345Z");

    @Test
    void idIsTheFirstFourBytesOfTheDomainSeparatedHash() {
        byte[] publicKey = new byte[32];
        java.util.Arrays.fill(publicKey, (byte) 9);
        // Computed independently (Python hashlib) from SHA-256("WakuChat/prekey-id/v1" ‖ key).
        assertThat(PreKey.idOf(publicKey)).isEqualTo(-1141527558);
    }

    @Test
    void generatesAFreshKeyValidForTheGivenTime() {
        PreKey preKey = PreKey.generate(random, now, PreKey.DEFAULT_VALIDITY);

        assertThat(preKey.id()).isEqualTo(PreKey.idOf(preKey.keys().publicKey()));
        assertThat(preKey.createdAt()).isEqualTo(now);
        assertThat(preKey.expiresAt()).isEqualTo(Instant.parse("2026-11-29T01:30:00Z"));
        assertThat(PreKey.generate(random, now, PreKey.DEFAULT_VALIDITY).keys()).isNotEqualTo(preKey.keys());
    }

    @Test
    void defaultValidityIsSevenDays() {
        assertThat(PreKey.DEFAULT_VALIDITY).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void privateKeyIsKeptAGracePeriodAfterExpiry() {
        PreKey preKey = PreKey.generate(random, now, Duration.ofDays(7));

        assertThat(preKey.isValidAt(preKey.expiresAt())).isTrue();
        assertThat(preKey.isValidAt(preKey.expiresAt().plusSeconds(1))).isFalse();
        assertThat(preKey.retainUntil()).isEqualTo(preKey.expiresAt().plus(PreKey.RETENTION_GRACE));
    }

    @Test
    void rejectsAnIdThatDoesNotMatchTheKey() {
        X25519KeyPair keys = X25519KeyPair.generate(random);
        int wrongId = PreKey.idOf(keys.publicKey()) + 1;
        assertThatThrownBy(() -> new PreKey(wrongId, keys, now, now.plusSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
