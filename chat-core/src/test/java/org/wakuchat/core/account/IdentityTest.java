package org.wakuchat.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.crypto.X25519KeyPair;

class IdentityTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void createsFreshKeysAndANormalizedName() {
        Identity alice = Identity.create("  Alice  ", random);
        Identity other = Identity.create("Alice", random);

        assertThat(alice.displayName()).isEqualTo("Alice");
        assertThat(alice.keys().publicKey()).isNotEqualTo(other.keys().publicKey());
        assertThat(X25519KeyPair.fromPrivate(alice.keys().privateKey())).isEqualTo(alice.keys());
    }

    @Test
    void showsItsAccount() {
        Identity alice = Identity.create("Alice", random);
        Account account = alice.account();

        assertThat(account.displayName()).isEqualTo("Alice");
        assertThat(account.identityKey()).isEqualTo(alice.keys().publicKey());
        assertThat(account.id()).isEqualTo(AccountIds.of(alice.keys().publicKey()));
    }

    @Test
    void refusesInvalidNames() {
        assertThatThrownBy(() -> Identity.create(" ", random)).isInstanceOf(IllegalArgumentException.class);
        X25519KeyPair keys = X25519KeyPair.generate(random);
        assertThatThrownBy(() -> new Identity(keys, "Bob\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void renamesWithTheSameKeys() {
        Identity alice = Identity.create("Alice", random);
        Identity renamed = alice.withDisplayName(" Alicia ");
        assertThat(renamed.displayName()).isEqualTo("Alicia");
        assertThat(renamed.keys()).isEqualTo(alice.keys());
    }

    @Test
    void doesNotPrintThePrivateKey() {
        Identity alice = Identity.create("Alice", random);
        String hex = java.util.HexFormat.of().formatHex(alice.keys().privateKey());
        assertThat(alice.toString()).doesNotContain(hex);
    }
}
