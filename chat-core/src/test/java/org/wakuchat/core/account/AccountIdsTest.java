package org.wakuchat.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.crypto.X25519KeyPair;

class AccountIdsTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void isStableForAKey() {
        byte[] key = X25519KeyPair.generate(random).publicKey();
        assertThat(AccountIds.of(key)).isEqualTo(AccountIds.of(key.clone()));
    }

    @Test
    void isThirtyTwoLowercaseBase32Characters() {
        String id = AccountIds.of(X25519KeyPair.generate(random).publicKey()).value();
        assertThat(id).hasSize(32).matches("[a-z2-7]{32}");
    }

    @Test
    void keepsItsDerivation() {
        // Computed independently (Python hashlib + base64.b32encode) from the documented derivation;
        // changing the derivation would change every contact's id.
        byte[] key = new byte[32];
        key[0] = 1;
        assertThat(AccountIds.of(key).value()).isEqualTo("dundhx7ykhark5vyl2oopfjzez3gcjc6");
    }

    @Test
    void differsBetweenKeys() {
        Set<AccountId> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(AccountIds.of(X25519KeyPair.generate(random).publicKey()));
        }
        assertThat(ids).hasSize(1000);
    }

    @Test
    void changesWithEveryBitOfTheKey() {
        byte[] key = X25519KeyPair.generate(random).publicKey();
        AccountId id = AccountIds.of(key);
        for (int bit = 0; bit < 256; bit++) {
            byte[] flipped = key.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(AccountIds.of(flipped)).isNotEqualTo(id);
        }
    }

    @Test
    void rejectsKeysOfTheWrongLength() {
        assertThatThrownBy(() -> AccountIds.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccountIds.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
