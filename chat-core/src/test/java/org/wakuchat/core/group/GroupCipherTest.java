package org.wakuchat.core.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.wakuchat.core.group.GroupFixture.bytes;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.group.GroupCipherException.Reason;
import org.wakuchat.core.group.GroupFixture.Device;
import org.wakuchat.core.group.GroupFixture.Person;
import org.wakuchat.core.group.GroupFixture.Sender;
import org.wakuchat.core.group.wire.GroupMessage;

class GroupCipherTest {

    private final GroupFixture fixture = new GroupFixture(17);
    private final List<Person> people = fixture.people("Alice", "Bob", "Carol", "Dave");
    private final EpochKeys epoch0 = EpochKeys.derive(fixture.group, 0, fixture.secret(),
            people.stream().map(fixture::id).toList());

    private Device device() {
        return new Device(fixture.group).know(epoch0, people, fixture.group);
    }

    private Sender sender(int person) {
        return new Sender(fixture.group, epoch0, people.get(person));
    }

    private static GroupCipherException refused(Device device, byte[] body) {
        return catchThrowableOfType(GroupCipherException.class, () -> device.open(body));
    }

    /** Refused with {@code reason}, and the device's state is as before. */
    private static GroupCipherException assertRefused(Device device, byte[] body, Reason reason) {
        String before = device.state();
        GroupCipherException refused = refused(device, body);
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.reason()).isEqualTo(reason);
        assertThat(device.state()).isEqualTo(before);
        return refused;
    }

    @Test
    void everyMemberReadsEveryOtherMembersMessages() throws Exception {
        List<Sender> senders = List.of(sender(0), sender(1), sender(2), sender(3));
        List<Device> devices = List.of(device(), device(), device(), device());
        for (int round = 0; round < 3; round++) {
            for (int from = 0; from < senders.size(); from++) {
                String text = people.get(from).name() + " says " + round;
                byte[] body = senders.get(from).send(text, fixture.random);
                for (int to = 0; to < devices.size(); to++) {
                    if (to == from) {
                        continue;
                    }
                    GroupCipher.Opened opened = devices.get(to).open(body);
                    assertThat(opened.plaintext()).isEqualTo(bytes(text));
                    assertThat(opened.sender()).isEqualTo(fixture.id(people.get(from)));
                    assertThat(opened.epoch()).isZero();
                    assertThat(opened.index()).isEqualTo(round);
                }
            }
        }
    }

    @Test
    void aMemberOfOneEpochReadsNothingOfTheNext() throws Exception {
        // Carol is removed: epoch 1 has Alice, Bob and Dave and a new secret Carol never gets.
        List<Person> remaining = List.of(people.get(0), people.get(1), people.get(3));
        EpochKeys epoch1 = EpochKeys.derive(fixture.group, 1, fixture.secret(), remaining.stream().map(fixture::id).toList());
        Device carol = device();
        Device bob = device().know(epoch1, remaining, fixture.group);
        byte[] after = new Sender(fixture.group, epoch1, people.get(0)).send("after Carol left", fixture.random);

        assertThat(bob.open(after).plaintext()).isEqualTo(bytes("after Carol left"));
        assertRefused(carol, after, Reason.NOT_FOR_US);
        // Not even with the old secret's keys under the new epoch number, nor on the same topic.
        assertThat(epoch1.topicName()).isNotEqualTo(epoch0.topicName());
        // Carol cannot write into epoch 1 either: she is not a member of it.
        assertThatThrownBy(() -> GroupCipher.seal(fixture.group, epoch1, fixture.id(people.get(2)),
                epoch0.chainStart(fixture.id(people.get(2))), people.get(2).signing().privateKey(), bytes("x"),
                fixture.random)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> epoch1.chainStart(fixture.id(people.get(2)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theGraceEpochStillReadsLateMessages() throws Exception {
        EpochKeys epoch1 = EpochKeys.derive(fixture.group, 1, fixture.secret(), people.stream().map(fixture::id).toList());
        byte[] late = sender(1).send("sent just before the change", fixture.random);
        byte[] fresh = new Sender(fixture.group, epoch1, people.get(1)).send("in the new epoch", fixture.random);
        Device alice = device().know(epoch1, people, fixture.group);

        assertThat(alice.open(fresh).epoch()).isEqualTo(1);
        assertThat(alice.open(late).epoch()).isZero();
        alice.forget(0);
        assertRefused(alice, sender(1).send("too late", fixture.random), Reason.NOT_FOR_US);
    }

    @Test
    void aForgedSignatureIsRefusedAndChangesNothing() throws Exception {
        Device bob = device();
        byte[] body = sender(0).send("hello", fixture.random);
        GroupMessage message = GroupMessage.parseFrom(body);
        byte[] signature = message.getSignature().toByteArray();
        signature[5] ^= 1;
        byte[] forged = message.toBuilder().setSignature(ByteString.copyFrom(signature)).build().toByteArray();

        GroupCipherException refused = assertRefused(bob, forged, Reason.BAD_SIGNATURE);
        assertThat(refused.sender()).contains(fixture.id(people.get(0)));
        assertThat(refused.epoch()).contains(0L);
        assertThat(bob.open(body).plaintext()).isEqualTo(bytes("hello"));
    }

    @Test
    void aMessageSignedByAnotherMemberIsRefused() throws Exception {
        Device carol = device();
        byte[] body = sender(0).send("from Alice", fixture.random);
        GroupMessage message = GroupMessage.parseFrom(body);
        // Bob signs Alice's message as if it were his: the header still names Alice.
        byte[] bobs = GroupSigning.sign(people.get(1).signing().privateKey(), GroupCipher.signedData(fixture.group, 0,
                message.getHeaderSalt().toByteArray(), message.getEncryptedHeader().toByteArray(),
                message.getCiphertext().toByteArray()));
        assertRefused(carol, message.toBuilder().setSignature(ByteString.copyFrom(bobs)).build().toByteArray(),
                Reason.BAD_SIGNATURE);
    }

    @Test
    void aSwappedSenderHeaderIsRefused() throws Exception {
        Device carol = device();
        GroupMessage alices = GroupMessage.parseFrom(sender(0).send("from Alice", fixture.random));
        GroupMessage bobs = GroupMessage.parseFrom(sender(1).send("from Bob", fixture.random));

        // Bob's header on Alice's message: the signature (Alice's, over her own header) fails under Bob's key.
        byte[] swapped = alices.toBuilder().setHeaderSalt(bobs.getHeaderSalt()).setEncryptedHeader(bobs.getEncryptedHeader())
                .build().toByteArray();
        assertRefused(carol, swapped, Reason.BAD_SIGNATURE);

        // Bob, who holds the header key, re-signs Alice's ciphertext under his own header: the body
        // is bound to Alice's header and chain, so it does not decrypt.
        byte[] resigned = GroupSigning.sign(people.get(1).signing().privateKey(), GroupCipher.signedData(fixture.group, 0,
                bobs.getHeaderSalt().toByteArray(), bobs.getEncryptedHeader().toByteArray(),
                alices.getCiphertext().toByteArray()));
        byte[] claimed = bobs.toBuilder().setCiphertext(alices.getCiphertext()).setSignature(ByteString.copyFrom(resigned))
                .build().toByteArray();
        assertRefused(carol, claimed, Reason.MALFORMED);
        // Both originals still read.
        assertThat(carol.open(alices.toByteArray()).plaintext()).isEqualTo(bytes("from Alice"));
        assertThat(carol.open(bobs.toByteArray()).plaintext()).isEqualTo(bytes("from Bob"));
    }

    @Test
    void aReplayIsRefusedAndTheResentBodyReadsWhereItWasMissed() throws Exception {
        Device bob = device();
        Device carol = device();
        byte[] body = sender(0).send("once", fixture.random);
        bob.open(body);

        GroupCipherException replayed = assertRefused(bob, body, Reason.REPLAYED);
        assertThat(replayed.sender()).contains(fixture.id(people.get(0)));
        assertThat(carol.open(body).plaintext()).isEqualTo(bytes("once"));
    }

    @Test
    void aTamperedCiphertextIsRefused() throws Exception {
        Device bob = device();
        byte[] body = sender(0).send("hello", fixture.random);
        GroupMessage message = GroupMessage.parseFrom(body);
        byte[] ciphertext = message.getCiphertext().toByteArray();
        ciphertext[ciphertext.length - 20] ^= 0x40;
        assertRefused(bob, message.toBuilder().setCiphertext(ByteString.copyFrom(ciphertext)).build().toByteArray(),
                Reason.BAD_SIGNATURE);
        byte[] header = message.getEncryptedHeader().toByteArray();
        header[3] ^= 1;
        assertRefused(bob, message.toBuilder().setEncryptedHeader(ByteString.copyFrom(header)).build().toByteArray(),
                Reason.NOT_FOR_US);
        assertThat(bob.open(body).plaintext()).isEqualTo(bytes("hello"));
    }

    @Test
    void aMessageOfAnotherGroupIsNotForUs() throws Exception {
        // The same members and even the same epoch secret, but another group id.
        byte[] secret = fixture.secret();
        GroupId other = GroupId.random(fixture.random);
        EpochKeys ours = EpochKeys.derive(fixture.group, 0, secret, people.stream().map(fixture::id).toList());
        EpochKeys theirs = EpochKeys.derive(other, 0, secret, people.stream().map(p -> MemberId.of(other, p.identityKey())).toList());
        byte[] body = new Sender(other, theirs, people.get(0)).send("elsewhere", fixture.random);
        Device bob = new Device(fixture.group).know(ours, people, fixture.group);

        assertRefused(bob, body, Reason.NOT_FOR_US);
        // Opened as if it belonged to our group with their keys: still refused (keys of another group are skipped).
        Device confused = new Device(fixture.group).know(theirs, people, other);
        assertRefused(confused, body, Reason.NOT_FOR_US);
        assertThat(theirs.topicName()).isNotEqualTo(ours.topicName());
    }

    @Test
    void outOfOrderMessagesReadOnceEach() throws Exception {
        Sender alice = sender(0);
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            bodies.add(alice.send("message " + i, fixture.random));
        }
        Device bob = device();
        for (int i : new int[] {3, 1, 4, 0, 2}) {
            GroupCipher.Opened opened = bob.open(bodies.get(i));
            assertThat(opened.index()).isEqualTo(i);
            assertThat(opened.plaintext()).isEqualTo(bytes("message " + i));
        }
        ChainState chain = bob.chain(0, fixture.id(people.get(0)));
        assertThat(chain.nextIndex()).isEqualTo(5);
        assertThat(chain.skippedKeys()).as("every kept key was used and deleted").isEmpty();
        for (byte[] body : bodies) {
            assertRefused(bob, body, Reason.REPLAYED);
        }
    }

    @Test
    void skippedKeysAreBoundedPerChain() throws Exception {
        Sender alice = sender(0);
        Device bob = device();
        byte[] first = alice.send("0", fixture.random);
        for (int i = 1; i < 1000; i++) {
            alice.sealed(bytes("skipped"), fixture.random);
        }
        byte[] at1000 = alice.send("1000", fixture.random);
        // Skipping exactly 1000 is allowed: indexes 0..999 are kept.
        assertThat(bob.open(at1000).index()).isEqualTo(1000);
        assertThat(bob.chain(0, fixture.id(people.get(0))).skippedKeys()).hasSize(1000);
        for (int i = 1001; i < 1500; i++) {
            alice.sealed(bytes("skipped"), fixture.random);
        }
        bob.open(alice.send("1500", fixture.random));
        // 0..999 were kept, 1001..1499 are added: 1,499 keys, the 499 lowest are dropped.
        ChainState chain = bob.chain(0, fixture.id(people.get(0)));
        assertThat(chain.skippedKeys()).hasSize(GroupCipher.MAX_SKIPPED_KEYS);
        assertThat(chain.skippedKeys().keySet().iterator().next()).as("lowest indexes dropped first").isEqualTo(499);
        // The first message's key was dropped: it can no longer be read (told apart from nothing else).
        assertRefused(bob, first, Reason.REPLAYED);
    }

    @Test
    void moreThan1000SkippedMessagesAreTooFarAhead() throws Exception {
        Sender alice = sender(0);
        for (int i = 0; i < 1001; i++) {
            alice.sealed(bytes("lost"), fixture.random);
        }
        GroupCipherException refused = assertRefused(device(), alice.send("1001", fixture.random), Reason.TOO_FAR_AHEAD);
        assertThat(refused.sender()).contains(fixture.id(people.get(0)));
    }

    @Test
    void aMemberWithoutAKnownSigningKeyIsKeptForLater() throws Exception {
        // Dave was invited and writes before his signing key reached Bob.
        Device bob = new Device(fixture.group).know(epoch0, people.subList(0, 3), fixture.group);
        byte[] body = sender(3).send("hi, I just joined", fixture.random);
        GroupCipherException refused = assertRefused(bob, body, Reason.UNKNOWN_SIGNING_KEY);
        assertThat(refused.epoch()).contains(0L);
        assertThat(refused.sender()).contains(fixture.id(people.get(3)));

        bob.learnSigningKey(0, fixture.id(people.get(3)), people.get(3).signing().publicKey());
        assertThat(bob.open(body).plaintext()).isEqualTo(bytes("hi, I just joined"));
    }

    @Test
    void aMemberCannotWriteUnderAnotherMembersName() throws Exception {
        // Bob seals with his own signing key but claims to be Alice (her chain, her member id).
        Device carol = device();
        byte[] body = GroupCipher.seal(fixture.group, epoch0, fixture.id(people.get(0)), epoch0.chainStart(fixture.id(people.get(0))),
                people.get(1).signing().privateKey(), bytes("I am Alice"), fixture.random).body();
        assertRefused(carol, body, Reason.BAD_SIGNATURE);
    }

    @Test
    void plaintextsArePaddedToTheSessionBuckets() throws Exception {
        Device bob = device();
        Sender alice = sender(0);
        int small = GroupMessage.parseFrom(alice.send("hi", fixture.random)).getCiphertext().size();
        int typical = GroupMessage.parseFrom(alice.send("x".repeat(200), fixture.random)).getCiphertext().size();
        int larger = GroupMessage.parseFrom(alice.send("x".repeat(300), fixture.random)).getCiphertext().size();
        assertThat(small).isEqualTo(typical).isEqualTo(256 + 16);
        assertThat(larger).isEqualTo(512 + 16);
        byte[] empty = alice.sealed(new byte[0], fixture.random).body();
        bob.chains.clear();
        assertThat(bob.open(empty).plaintext()).isEmpty();
    }

    @Test
    void statesRoundTrip() throws Exception {
        Sender alice = sender(0);
        Device bob = device();
        alice.sealed(bytes("skipped"), fixture.random);
        bob.open(alice.send("read", fixture.random));
        ChainState chain = bob.chain(0, fixture.id(people.get(0)));
        assertThat(ChainState.fromBytes(chain.toBytes())).isEqualTo(chain);
        assertThat(chain.skippedKeys()).containsOnlyKeys(0);

        EpochKeys restored = EpochKeys.fromBytes(epoch0.toBytes());
        assertThat(restored.topicName()).isEqualTo(epoch0.topicName()).matches("g-[0-9a-f]{16}");
        assertThat(restored.members()).isEqualTo(epoch0.members());
        assertThat(restored.chainStart(fixture.id(people.get(2)))).isEqualTo(epoch0.chainStart(fixture.id(people.get(2))));

        EpochKeys forgetful = EpochKeys.fromBytes(epoch0.withoutChainStarts().toBytes());
        assertThat(forgetful.hasChainStarts()).isFalse();
        assertThatThrownBy(() -> forgetful.chainStart(fixture.id(people.get(2)))).isInstanceOf(IllegalStateException.class);
        // Header key survives: a device with the forgetful keys and stored chains still reads.
        Device restarted = new Device(fixture.group).know(forgetful, people, fixture.group);
        restarted.chains.putAll(bob.chains);
        assertThat(restarted.open(alice.send("after restart", fixture.random)).index()).isEqualTo(2);
    }

    @Test
    void idsAndDerivationsAreDeterministic() {
        GroupId group = fixture.group;
        assertThat(GroupId.of(group.conversationId())).contains(group);
        assertThat(GroupId.fromHex(group.hex())).isEqualTo(group);
        assertThat(GroupId.of(new org.wakuchat.core.ConversationId("c-" + group.hex()))).isEmpty();
        assertThat(GroupId.of(new org.wakuchat.core.ConversationId("g-" + group.hex().toUpperCase()))).isEmpty();
        assertThat(GroupId.of(new org.wakuchat.core.ConversationId("g-123"))).isEmpty();
        Person alice = people.getFirst();
        assertThat(MemberId.of(group, alice.identityKey())).isEqualTo(fixture.id(alice));
        assertThat(MemberId.of(GroupId.random(fixture.random), alice.identityKey())).isNotEqualTo(fixture.id(alice));
        byte[] secret = fixture.secret();
        EpochKeys once = EpochKeys.derive(group, 3, secret, epoch0.members());
        EpochKeys again = EpochKeys.derive(group, 3, secret, epoch0.members());
        assertThat(once.topicName()).isEqualTo(again.topicName());
        assertThat(once.chainStart(fixture.id(alice))).isEqualTo(again.chainStart(fixture.id(alice)));
        assertThat(EpochKeys.derive(group, 4, secret, epoch0.members()).topicName()).isNotEqualTo(once.topicName());
        assertThat(once.chainStart(fixture.id(alice))).isNotEqualTo(once.chainStart(fixture.id(people.get(1))));
    }

    @Test
    void signaturesVerifyOnlyWithTheRightKey() {
        SigningKeyPair pair = GroupSigning.generate(fixture.random);
        byte[] signature = GroupSigning.sign(pair.privateKey(), bytes("data"));
        assertThat(GroupSigning.verify(pair.publicKey(), bytes("data"), signature)).isTrue();
        assertThat(GroupSigning.verify(pair.publicKey(), bytes("date"), signature)).isFalse();
        assertThat(GroupSigning.verify(GroupSigning.generate(fixture.random).publicKey(), bytes("data"), signature)).isFalse();
        assertThat(GroupSigning.verify(new byte[5], bytes("data"), signature)).isFalse();
        assertThat(GroupSigning.verify(pair.publicKey(), bytes("data"), new byte[3])).isFalse();
        assertThat(SigningKeyPair.fromPrivateKey(pair.privateKey())).isEqualTo(pair);
    }
}
