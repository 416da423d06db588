package org.wakuchat.core.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.group.GroupChain.Accepted;
import org.wakuchat.core.group.GroupChain.Duplicate;
import org.wakuchat.core.group.GroupChain.NeedsEarlier;
import org.wakuchat.core.group.GroupChain.Offer;
import org.wakuchat.core.group.GroupChain.Rejected;
import org.wakuchat.core.group.GroupChain.Replaced;
import org.wakuchat.core.group.GroupCipherException.Reason;
import org.wakuchat.core.group.GroupFixture.Person;
import org.wakuchat.core.group.GroupHistoryEntry.Kind;

class GroupChainTest {

    private final GroupFixture fixture = new GroupFixture(23);
    private final List<Person> people = fixture.people("Alice", "Bob", "Carol");
    private final Person alice = people.get(0);
    private final Person bob = people.get(1);
    private final Person eve = fixture.person("Eve");
    private final GroupChange created = fixture.created(people);

    private GroupChain start() throws GroupCipherException {
        return GroupChain.start(created);
    }

    private static GroupChain accepted(Offer offer) {
        assertThat(offer).isInstanceOf(Accepted.class);
        return ((Accepted) offer).chain();
    }

    private static String rejected(Offer offer) {
        assertThat(offer).isInstanceOf(Rejected.class);
        return ((Rejected) offer).reason();
    }

    private GroupChange add(GroupChange parent, Person author, Person added) {
        var members = new ArrayList<>(parent.members());
        members.add(added.invitedEntry());
        return GroupChange.after(parent, author.identityKey(), Kind.ADDED, List.of(added.identityKey()), parent.name(),
                members, GroupFixture.AT.plusSeconds(parent.epoch() + 1), author.signing().privateKey());
    }

    private GroupChange remove(GroupChange parent, Person author, Person removed) {
        var members = new ArrayList<>(parent.members());
        members.removeIf(member -> Arrays.equals(member.identityKey(), removed.identityKey()));
        return GroupChange.after(parent, author.identityKey(), Kind.REMOVED, List.of(removed.identityKey()), parent.name(),
                members, GroupFixture.AT.plusSeconds(parent.epoch() + 1), author.signing().privateKey());
    }

    private GroupChange rename(GroupChange parent, String name) {
        return GroupChange.after(parent, alice.identityKey(), Kind.RENAMED, List.of(), name, parent.members(),
                GroupFixture.AT.plusSeconds(parent.epoch() + 1), alice.signing().privateKey());
    }

    @Test
    void theCreatorStartsTheHistory() throws Exception {
        GroupChain chain = start();
        assertThat(chain.epoch()).isZero();
        assertThat(chain.head()).isEqualTo(created);
        assertThat(chain.members()).hasSize(3);
        assertThat(chain.group()).isEqualTo(fixture.group);

        // Signed by someone else than the creator's listed key, or by a creator who is no admin: refused.
        GroupChange forged = created.withSignature(GroupSigning.sign(bob.signing().privateKey(), created.signedContent()));
        assertThat(catchThrowableOfType(GroupCipherException.class, () -> GroupChain.start(forged)).reason())
                .isEqualTo(Reason.BAD_SIGNATURE);
        GroupChange byAMember = GroupChange.created(fixture.group, bob.identityKey(), "Friends", created.members(),
                GroupFixture.AT, bob.signing().privateKey());
        assertThat(catchThrowableOfType(GroupCipherException.class, () -> GroupChain.start(byAMember)).reason())
                .isEqualTo(Reason.MALFORMED);
        GroupChange byAStranger = GroupChange.created(fixture.group, eve.identityKey(), "Friends", created.members(),
                GroupFixture.AT, eve.signing().privateKey());
        assertThat(catchThrowableOfType(GroupCipherException.class, () -> GroupChain.start(byAStranger))).isNotNull();
        GroupChange notCreated = add(created, alice, eve);
        assertThat(catchThrowableOfType(GroupCipherException.class, () -> GroupChain.start(notCreated))).isNotNull();
    }

    @Test
    void theAdminsChangesAreAcceptedInOrder() throws Exception {
        GroupChain chain = start();
        GroupChange added = add(created, alice, eve);
        chain = accepted(chain.offer(added));
        GroupChange removed = remove(added, alice, bob);
        chain = accepted(chain.offer(removed));

        assertThat(chain.epoch()).isEqualTo(2);
        assertThat(chain.changes()).containsExactly(created, added, removed);
        assertThat(chain.head().member(bob.identityKey())).isEmpty();
        assertThat(chain.head().member(eve.identityKey())).isPresent();
        assertThat(chain.contains(added.hash())).isTrue();
        assertThat(GroupChain.fromChanges(List.of(created, added, removed)).head()).isEqualTo(removed);
    }

    @Test
    void aChangeSeenTwiceIsADuplicate() throws Exception {
        GroupChange added = add(created, alice, eve);
        GroupChain chain = accepted(start().offer(added));
        assertThat(chain.offer(added)).isInstanceOf(Duplicate.class);
        assertThat(chain.offer(GroupChange.fromBytes(added.toBytes()))).isInstanceOf(Duplicate.class);
        assertThat(chain.offer(created)).isInstanceOf(Duplicate.class);
    }

    @Test
    void onlyAnAdminOfTheParentMayChangeTheGroup() throws Exception {
        GroupChain chain = start();
        assertThat(rejected(chain.offer(add(created, bob, eve)))).contains("not an admin");
        assertThat(rejected(chain.offer(add(created, eve, eve)))).contains("not an admin");
        assertThat(chain.epoch()).isZero();
    }

    @Test
    void aBadSignatureIsRejected() throws Exception {
        GroupChange added = add(created, alice, eve);
        // Alice's name on it, Bob's signature.
        GroupChange forged = added.withSignature(GroupSigning.sign(bob.signing().privateKey(), added.signedContent()));
        assertThat(rejected(start().offer(forged))).contains("not signed");
        // Alice's signature, but the content changed after signing.
        GroupChange altered = new GroupChange(added.group(), added.epoch(), added.parentHash(), added.authorIdentityKey(),
                added.kind(), added.subjectIdentityKeys(), "Renamed quietly", added.members(), added.at(), added.signature());
        assertThat(rejected(start().offer(altered))).contains("not signed");
    }

    @Test
    void aChangeOfAnotherGroupIsRejected() throws Exception {
        GroupFixture elsewhere = new GroupFixture(24);
        GroupChange theirs = elsewhere.created(people);
        GroupChange theirAdd = add(theirs, alice, eve);
        assertThat(rejected(start().offer(theirAdd))).contains("another group");
    }

    @Test
    void theEpochMustFollowTheParents() throws Exception {
        GroupChange skipping = GroupChange.signed(fixture.group, 2, created.hash(), alice.identityKey(), Kind.RENAMED,
                List.of(), "Two ahead", created.members(), GroupFixture.AT, alice.signing().privateKey());
        assertThat(rejected(start().offer(skipping))).contains("epoch 2 after epoch 0");
        GroupChange secondCreated = GroupChange.created(fixture.group, alice.identityKey(), "Again", created.members(),
                GroupFixture.AT.plusSeconds(1), alice.signing().privateKey());
        assertThat(rejected(start().offer(secondCreated))).contains("second CREATED");
    }

    @Test
    void anUnknownParentAsksForEarlierChanges() throws Exception {
        GroupChange added = add(created, alice, eve);
        GroupChange renamed = rename(added, "Later");
        assertThat(start().offer(renamed)).isEqualTo(new NeedsEarlier(0));
        GroupChain chain = accepted(accepted(start().offer(added)).offer(renamed));
        assertThat(chain.head().name()).isEqualTo("Later");
    }

    @Test
    void aForkKeepsTheSmallerHashWhateverTheOrder() throws Exception {
        GroupChange one = rename(created, "One");
        GroupChange two = rename(created, "Two");
        boolean oneWins = Arrays.compareUnsigned(one.hash(), two.hash()) < 0;
        GroupChange winner = oneWins ? one : two;
        GroupChange loser = oneWins ? two : one;
        GroupChange afterLoser = rename(loser, "After the loser");

        // Device 1 saw the loser (and its child) first: the winner replaces both.
        GroupChain first = accepted(accepted(start().offer(loser)).offer(afterLoser));
        Offer offer = first.offer(winner);
        assertThat(offer).isInstanceOf(Replaced.class);
        Replaced replaced = (Replaced) offer;
        assertThat(replaced.dropped()).containsExactly(loser, afterLoser);
        assertThat(replaced.chain().head()).isEqualTo(winner);
        // The dropped changes and their descendants stay refused.
        assertThat(replaced.chain().offer(loser)).isInstanceOf(Rejected.class);
        assertThat(replaced.chain().offer(rename(afterLoser, "deeper"))).isInstanceOf(Rejected.class);

        // Device 2 saw the winner first: the loser is refused, and so is its child (without asking for earlier changes).
        GroupChain second = accepted(start().offer(winner));
        assertThat(rejected(second.offer(loser))).contains("fork");
        assertThat(rejected(second.offer(afterLoser))).contains("lost a fork");

        assertThat(second.changes()).isEqualTo(replaced.chain().changes());
        // After a restart the memo of losers is still there.
        assertThat(GroupChain.fromBytes(second.toBytes()).offer(afterLoser)).isInstanceOf(Rejected.class);
    }

    @Test
    void anAdminCannotReplaceAMembersSigningKey() throws Exception {
        var members = new ArrayList<>(created.members());
        members.set(1, members.get(1).withSigningKey(eve.signing().publicKey()));
        GroupChange takeover = GroupChange.after(created, alice.identityKey(), Kind.KEY_REFRESHED, List.of(), "Friends",
                members, GroupFixture.AT, alice.signing().privateKey());
        assertThat(rejected(start().offer(takeover))).contains("signing key");
    }

    @Test
    void aWrapKeyMaySetOnceButAnAdminCannotReplaceIt() throws Exception {
        byte[] bobsKey = org.wakuchat.core.crypto.X25519KeyPair.generate(new java.security.SecureRandom()).publicKey();
        byte[] evesKey = org.wakuchat.core.crypto.X25519KeyPair.generate(new java.security.SecureRandom()).publicKey();
        var members = new ArrayList<>(created.members());
        MemberEntry b = members.get(1);
        members.set(1, b.joinedWith(b.signingPublicKey().orElseThrow(), java.util.Optional.of(bobsKey)));
        GroupChange set = GroupChange.after(created, alice.identityKey(), Kind.KEY_REFRESHED, List.of(), "Friends",
                members, GroupFixture.AT, alice.signing().privateKey());
        GroupChain chain = ((GroupChain.Accepted) start().offer(set)).chain();
        members.set(1, b.joinedWith(b.signingPublicKey().orElseThrow(), java.util.Optional.of(evesKey)));
        GroupChange takeover = GroupChange.after(set, alice.identityKey(), Kind.KEY_REFRESHED, List.of(), "Friends",
                members, GroupFixture.AT, alice.signing().privateKey());
        assertThat(rejected(chain.offer(takeover))).contains("wrap key");
    }

    @Test
    void aKeyRefreshHasTheSameMembersAndNoSubjectsAndOnlyAnAdminWritesIt() throws Exception {
        GroupChange refresh = GroupChange.after(created, alice.identityKey(), Kind.KEY_REFRESHED, List.of(), "Friends",
                created.members(), GroupFixture.AT.plusSeconds(1), alice.signing().privateKey());
        GroupChain chain = accepted(start().offer(refresh));
        assertThat(chain.epoch()).isEqualTo(1);
        assertThat(chain.members()).isEqualTo(created.members());
        assertThat(chain.head().subjectIdentityKeys()).isEmpty();
        // A second one on top (the next refresh) and the stored history read back.
        GroupChange next = GroupChange.after(refresh, alice.identityKey(), Kind.KEY_REFRESHED, List.of(), "Friends",
                created.members(), GroupFixture.AT.plusSeconds(2), alice.signing().privateKey());
        GroupChain twice = accepted(chain.offer(next));
        assertThat(GroupChain.fromBytes(twice.toBytes()).changes()).isEqualTo(twice.changes());
        GroupChange byAMember = GroupChange.after(created, bob.identityKey(), Kind.KEY_REFRESHED, List.of(), "Friends",
                created.members(), GroupFixture.AT.plusSeconds(1), bob.signing().privateKey());
        assertThat(rejected(start().offer(byAMember))).contains("not an admin");
    }

    @Test
    void aRemovedMemberMustBeGoneFromTheNewState() throws Exception {
        GroupChange fake = GroupChange.after(created, alice.identityKey(), Kind.REMOVED, List.of(bob.identityKey()),
                "Friends", created.members(), GroupFixture.AT, alice.signing().privateKey());
        assertThat(rejected(start().offer(fake))).contains("still in the new state");
        GroupChange fakeAdd = GroupChange.after(created, alice.identityKey(), Kind.ADDED, List.of(eve.identityKey()),
                "Friends", created.members(), GroupFixture.AT, alice.signing().privateKey());
        assertThat(rejected(start().offer(fakeAdd))).contains("missing");
    }

    @Test
    void afterTheAdminLeftNobodyChangesTheGroup() throws Exception {
        var remaining = new ArrayList<>(created.members().subList(1, 3));
        GroupChange left = GroupChange.after(created, alice.identityKey(), Kind.LEFT, List.of(alice.identityKey()),
                "Friends", remaining, GroupFixture.AT, alice.signing().privateKey());
        GroupChain chain = accepted(start().offer(left));
        assertThat(chain.members()).noneMatch(MemberEntry::admin);
        assertThat(rejected(chain.offer(rename(left, "Alice is back")))).contains("not an admin");
        assertThat(rejected(chain.offer(add(left, bob, eve)))).contains("not an admin");
    }

    @Test
    void historiesAndChangesRoundTrip() throws Exception {
        GroupChange added = add(created, alice, eve);
        GroupChain chain = accepted(start().offer(added));
        GroupChain restored = GroupChain.fromBytes(chain.toBytes());
        assertThat(restored.changes()).isEqualTo(chain.changes());
        GroupChange copy = GroupChange.fromBytes(added.toBytes());
        assertThat(copy).isEqualTo(added);
        assertThat(copy.hash()).isEqualTo(added.hash());
        assertThat(copy.at()).isEqualTo(added.at());
        assertThat(catchThrowableOfType(GroupCipherException.class, () -> GroupChain.fromBytes(new byte[] {1, 2, 3})))
                .isNotNull();
    }

    @Test
    void oversizedOrMalformedChangesAreRefused() throws Exception {
        var proto = created.toProto();
        var tooMany = proto.toBuilder();
        for (int i = 0; i < 47; i++) {
            tooMany.addMembers(proto.getMembers(1).toBuilder()
                    .setIdentityKey(com.google.protobuf.ByteString.copyFrom(fixture.person("p" + i).identityKey())));
        }
        assertThat(GroupChange.fromBytes(tooMany.build().toByteArray()).members()).hasSize(50);
        tooMany.addMembers(proto.getMembers(1).toBuilder()
                .setIdentityKey(com.google.protobuf.ByteString.copyFrom(fixture.person("one too many").identityKey())));
        assertMalformed(tooMany.build().toByteArray());
        assertMalformed(proto.toBuilder().setName("n".repeat(65)).build().toByteArray());
        assertThat(GroupChange.fromBytes(proto.toBuilder().setName("😀".repeat(64)).build().toByteArray()).name())
                .hasSize(128);
        assertMalformed(proto.toBuilder().setMembers(0, proto.getMembers(0).toBuilder().setName("m".repeat(65)))
                .build().toByteArray());
        assertMalformed(proto.toBuilder().addMembers(proto.getMembers(0)).build().toByteArray());
        assertMalformed(proto.toBuilder().setKindValue(0).build().toByteArray());
        assertMalformed(proto.toBuilder().setKindValue(99).build().toByteArray());
        assertMalformed(proto.toBuilder().setEpoch(1).build().toByteArray());
        assertMalformed(proto.toBuilder().setEpoch(-1).build().toByteArray());
        assertMalformed(proto.toBuilder().setGroupId(com.google.protobuf.ByteString.copyFrom(new byte[15])).build().toByteArray());
        assertMalformed(proto.toBuilder().clearSignature().build().toByteArray());
        assertMalformed(proto.toBuilder().setMembers(0, proto.getMembers(0).toBuilder().clearSigningPublicKey())
                .build().toByteArray());
        assertMalformed(new byte[] {(byte) 0xff, 1});
    }

    private static void assertMalformed(byte[] bytes) {
        GroupCipherException refused = catchThrowableOfType(GroupCipherException.class, () -> GroupChange.fromBytes(bytes));
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.reason()).isEqualTo(Reason.MALFORMED);
    }
}
