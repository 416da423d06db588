package org.wakuchat.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.crypto.X25519KeyPair;

class SafetyNumbersTest {

    private final SecureRandom random = new SecureRandom();
    private final byte[] alice = X25519KeyPair.generate(random).publicKey();
    private final byte[] bob = X25519KeyPair.generate(random).publicKey();
    private final byte[] mallory = X25519KeyPair.generate(random).publicKey();

    @Test
    void isTheSameOnBothSides() {
        SafetyNumber onAlicesDevice = SafetyNumbers.of(alice, bob);
        SafetyNumber onBobsDevice = SafetyNumbers.of(bob, alice);

        assertThat(onAlicesDevice.digits()).isEqualTo(onBobsDevice.digits());
        assertThat(onAlicesDevice.qrPayload()).isEqualTo(onBobsDevice.qrPayload());
    }

    @Test
    void isSixtyDigits() {
        SafetyNumber number = SafetyNumbers.of(alice, bob);
        assertThat(number.digits()).matches("[0-9]{60}");
        assertThat(number.grouped()).matches("([0-9]{5} ){3}[0-9]{5}(\n([0-9]{5} ){3}[0-9]{5}){2}");
    }

    @Test
    void differsWhenAKeyDiffers() {
        SafetyNumber real = SafetyNumbers.of(alice, bob);
        assertThat(SafetyNumbers.of(alice, mallory).digits()).isNotEqualTo(real.digits());
        assertThat(SafetyNumbers.of(mallory, bob).digits()).isNotEqualTo(real.digits());
    }

    @Test
    void eachKeyGivesItsOwnThirtyDigits() {
        var halvesWithBob = new java.util.HashSet<>(halves(SafetyNumbers.of(alice, bob)));
        halvesWithBob.retainAll(halves(SafetyNumbers.of(alice, mallory)));
        assertThat(halvesWithBob).as("Alice's half, shared by both numbers").hasSize(1);
    }

    private static java.util.List<String> halves(SafetyNumber number) {
        return java.util.List.of(number.digits().substring(0, 30), number.digits().substring(30));
    }

    @Test
    void keepsItsDerivation() {
        // Computed independently (Python hashlib) from the documented derivation: both sides
        // of a conversation must compute the same number, whatever build they run.
        byte[] one = new byte[32];
        one[0] = 1;
        byte[] two = new byte[32];
        two[0] = 2;
        assertThat(SafetyNumbers.of(one, two).digits())
                .isEqualTo("077606593661958795593133226387576502757036671683310472454937");
    }

    @Test
    void scannedCodeOfTheContactMatches() {
        SafetyNumber mine = SafetyNumbers.of(alice, bob);
        byte[] scanned = SafetyNumbers.of(bob, alice).qrPayload();
        assertThat(SafetyNumbers.matches(mine, scanned)).isTrue();
    }

    @Test
    void scannedCodeOfAnInterceptedSessionDoesNotMatch() {
        SafetyNumber mine = SafetyNumbers.of(alice, bob);
        // Bob's device talks to Mallory, who poses as Alice.
        byte[] scanned = SafetyNumbers.of(bob, mallory).qrPayload();
        assertThat(SafetyNumbers.matches(mine, scanned)).isFalse();
    }

    @Test
    void malformedScansDoNotMatch() {
        SafetyNumber mine = SafetyNumbers.of(alice, bob);
        byte[] otherVersion = mine.qrPayload();
        otherVersion[0] = 2;
        byte[] flipped = mine.qrPayload();
        flipped[40] ^= 1;

        assertThat(SafetyNumbers.matches(mine, otherVersion)).isFalse();
        assertThat(SafetyNumbers.matches(mine, flipped)).isFalse();
        assertThat(SafetyNumbers.matches(mine, new byte[0])).isFalse();
        assertThat(SafetyNumbers.matches(mine, null)).isFalse();
        assertThat(SafetyNumbers.matches(mine, java.util.Arrays.copyOf(mine.qrPayload(), 64))).isFalse();
    }

    @Test
    void payloadIsVersionAndBothFingerprints() {
        assertThat(SafetyNumbers.of(alice, bob).qrPayload()).hasSize(65).startsWith((byte) 1);
    }

    @Test
    void rejectsKeysOfTheWrongLength() {
        assertThatThrownBy(() -> SafetyNumbers.of(new byte[33], bob)).isInstanceOf(IllegalArgumentException.class);
    }
}
