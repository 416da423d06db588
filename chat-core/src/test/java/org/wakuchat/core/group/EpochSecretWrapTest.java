package org.wakuchat.core.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.crypto.X25519KeyPair;

/** Epoch secrets sealed to members' wrap keys: only the named member opens its own, for this change only. */
class EpochSecretWrapTest {

    private final GroupFixture fixture = new GroupFixture(31);
    private final GroupFixture.Person alice = fixture.person("Alice");
    private final GroupFixture.Person bob = fixture.person("Bob");
    private final GroupFixture.Person carol = fixture.person("Carol");
    private final X25519KeyPair bobWrap = X25519KeyPair.generate(fixture.random);
    private final X25519KeyPair carolWrap = X25519KeyPair.generate(fixture.random);
    private final byte[] secret = new byte[32];

    private MemberEntry withWrap(GroupFixture.Person p, X25519KeyPair wrap) {
        return new MemberEntry(p.identityKey(), p.name(), GroupRole.MEMBER, Optional.of(p.signing().publicKey()), true,
                Optional.of(wrap.publicKey()));
    }

    private GroupChange change(String name) {
        List<MemberEntry> members = List.of(alice.entry(GroupRole.ADMIN), withWrap(bob, bobWrap), withWrap(carol, carolWrap));
        return GroupChange.created(fixture.group, alice.identityKey(), name, members, GroupFixture.AT,
                alice.signing().privateKey());
    }

    @Test
    void eachMemberOpensItsOwnWrapAndNoOtherAndMembersWithoutAWrapKeyGetNone() {
        fixture.random.nextBytes(secret);
        GroupChange change = change("Hiking");
        List<EpochSecretWrap.Wrapped> wraps = EpochSecretWrap.wrap(change, secret, change.members(), fixture.random);
        assertThat(wraps).hasSize(2); // Alice's entry has no wrap key
        assertThat(EpochSecretWrap.unwrap(change, wraps, bob.identityKey(), bobWrap)).hasValue(secret);
        assertThat(EpochSecretWrap.unwrap(change, wraps, carol.identityKey(), carolWrap)).hasValue(secret);
        // Carol's key does not open Bob's wrap, even when she claims his identity.
        assertThat(EpochSecretWrap.unwrap(change, wraps, bob.identityKey(), carolWrap)).isEmpty();
        assertThat(EpochSecretWrap.unwrap(change, wraps, alice.identityKey(), bobWrap)).isEmpty();
    }

    @Test
    void aWrapMovedToAnotherChangeOrDamagedDoesNotOpen() {
        fixture.random.nextBytes(secret);
        GroupChange change = change("Hiking");
        List<EpochSecretWrap.Wrapped> wraps = EpochSecretWrap.wrap(change, secret, change.members(), fixture.random);
        assertThat(EpochSecretWrap.unwrap(change("Climbing"), wraps, bob.identityKey(), bobWrap)).isEmpty();

        List<EpochSecretWrap.Wrapped> damaged = new ArrayList<>();
        for (EpochSecretWrap.Wrapped w : wraps) {
            byte[] c = w.ciphertext();
            c[3] ^= 1;
            damaged.add(new EpochSecretWrap.Wrapped(w.recipientIdentityKey(), w.ephemeralPublicKey(), c));
        }
        assertThat(EpochSecretWrap.unwrap(change, damaged, bob.identityKey(), bobWrap)).isEmpty();
        // Garbage ephemeral keys (all zero: a low-order point) are refused, not thrown.
        List<EpochSecretWrap.Wrapped> zero = List.of(new EpochSecretWrap.Wrapped(bob.identityKey(), new byte[32],
                wraps.getFirst().ciphertext()));
        assertThat(EpochSecretWrap.unwrap(change, zero, bob.identityKey(), bobWrap)).isEmpty();
    }

    @Test
    void aWrapKeyIsPartOfTheSignedChangeAndOfItsHash() throws GroupCipherException {
        GroupChange change = change("Hiking");
        GroupChange copy = GroupChange.fromBytes(change.toBytes());
        assertThat(copy.members().get(1).wrapPublicKey()).hasValueSatisfying(k -> assertThat(k).isEqualTo(bobWrap.publicKey()));
        assertThat(copy.hash()).isEqualTo(change.hash());
        assertThat(copy.signedBy(alice.signing().publicKey())).isTrue();
        List<MemberEntry> without = List.of(alice.entry(GroupRole.ADMIN), bob.entry(GroupRole.MEMBER), carol.entry(GroupRole.MEMBER));
        GroupChange plain = GroupChange.created(fixture.group, alice.identityKey(), "Hiking", without, GroupFixture.AT,
                alice.signing().privateKey());
        assertThat(plain.hash()).isNotEqualTo(change.hash());
    }
}
