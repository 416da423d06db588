package org.wakuchat.core.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wakuchat.core.group.GroupFixture.bytes;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.wakuchat.core.group.GroupChain.Accepted;
import org.wakuchat.core.group.GroupChain.Replaced;
import org.wakuchat.core.group.GroupFixture.Device;
import org.wakuchat.core.group.GroupFixture.Person;
import org.wakuchat.core.group.GroupFixture.Sender;
import org.wakuchat.core.group.GroupHistoryEntry.Kind;
import org.wakuchat.core.session.FuzzEdits;

/**
 * Group bytes from the network and the data folder, edited from valid ones ({@link FuzzEdits}) so
 * that the header key, signature and chain are reached: group messages ({@link GroupCipher#open}),
 * changes ({@link GroupChange#fromBytes} and {@link GroupChain#offer}), stored histories, chains
 * and epoch keys. Refused only with {@link GroupCipherException} (or a {@code Rejected} offer),
 * never another exception; a refused message leaves the receiver's state as it was; whatever is
 * accepted is the original.
 */
class GroupFuzzTest {

    private static final String TEXT = "hello group, this is a message";
    private static final Fixture FIXTURE = new Fixture();

    /** Every group decoder in one fuzz test: Jazzer fuzzes one test per JVM. */
    @FuzzTest(maxDuration = "30s")
    void groupBytesAreReadOrRefusedWithoutChangingAnything(FuzzedDataProvider data) throws Exception {
        switch (data.consumeInt(0, 4)) {
            case 0 -> message(FuzzEdits.edit(FIXTURE.messages.get(data.consumeInt(0, FIXTURE.messages.size() - 1)), data));
            case 1 -> message(data.consumeRemainingAsBytes());
            case 2 -> change(FuzzEdits.edit(data.consumeBoolean() ? FIXTURE.added : FIXTURE.removed, data));
            case 3 -> history(FuzzEdits.edit(FIXTURE.history, data));
            default -> storedKeys(data);
        }
    }

    private static void message(byte[] body) {
        Device bob = FIXTURE.bob();
        String before = bob.state();
        try {
            GroupCipher.Opened opened = bob.open(body);
            assertThat(opened.plaintext()).isIn(bytes(TEXT), bytes(TEXT + " 2"), bytes("from Carol"));
        } catch (GroupCipherException refused) {
            assertThat(bob.state()).isEqualTo(before);
        }
    }

    private static void change(byte[] bytes) throws GroupCipherException {
        GroupChange change;
        try {
            change = GroupChange.fromBytes(bytes);
        } catch (GroupCipherException refused) {
            return;
        }
        GroupChain.Offer offer = FIXTURE.chain.offer(change);
        if (offer instanceof Accepted || offer instanceof Replaced) {
            // Only the admin's own changes get in: same signed content as one of the originals.
            assertThat(change.hash()).isIn(GroupChange.fromBytes(FIXTURE.added).hash(),
                    GroupChange.fromBytes(FIXTURE.removed).hash());
        }
    }

    private static void history(byte[] bytes) {
        try {
            GroupChain chain = GroupChain.fromBytes(bytes);
            assertThat(chain.changes().getFirst().kind()).isEqualTo(Kind.CREATED);
        } catch (GroupCipherException refused) {
            // documented
        }
    }

    private static void storedKeys(FuzzedDataProvider data) {
        try {
            if (data.consumeBoolean()) {
                ChainState.fromBytes(FuzzEdits.edit(FIXTURE.chainState, data)).toBytes();
            } else {
                EpochKeys.fromBytes(FuzzEdits.edit(FIXTURE.epochKeys, data)).toBytes();
            }
        } catch (GroupCipherException refused) {
            // documented
        }
    }

    /** Alice (admin), Bob and Carol; Alice sent two messages and Carol one; Bob is the receiver. */
    private static final class Fixture {
        final GroupFixture group = new GroupFixture(41);
        final List<Person> people = group.people("Alice", "Bob", "Carol");
        final EpochKeys keys = EpochKeys.derive(group.group, 0, group.secret(), people.stream().map(group::id).toList());
        final List<byte[]> messages = new ArrayList<>();
        final byte[] added;
        final byte[] removed;
        final byte[] history;
        final byte[] chainState;
        final byte[] epochKeys;
        final GroupChain chain;

        Fixture() {
            try {
                Sender alice = new Sender(group.group, keys, people.get(0));
                messages.add(alice.send(TEXT, group.random));
                messages.add(alice.send(TEXT + " 2", group.random));
                messages.add(new Sender(group.group, keys, people.get(2)).send("from Carol", group.random));
                GroupChange created = group.created(people);
                Person dave = group.person("Dave");
                var members = new ArrayList<>(created.members());
                members.add(dave.invitedEntry());
                GroupChange add = GroupChange.after(created, people.get(0).identityKey(), Kind.ADDED,
                        List.of(dave.identityKey()), "Friends", members, GroupFixture.AT, people.get(0).signing().privateKey());
                GroupChange remove = GroupChange.after(created, people.get(0).identityKey(), Kind.REMOVED,
                        List.of(people.get(2).identityKey()), "Friends", created.members().subList(0, 2), GroupFixture.AT,
                        people.get(0).signing().privateKey());
                added = add.toBytes();
                removed = remove.toBytes();
                chain = GroupChain.start(created);
                history = ((Accepted) chain.offer(add)).chain().toBytes();
                Device bob = bob();
                bob.open(messages.get(1));
                chainState = bob.chain(0, group.id(people.get(0))).toBytes();
                epochKeys = keys.toBytes();
            } catch (GroupCipherException impossible) {
                throw new IllegalStateException(impossible);
            }
        }

        Device bob() {
            return new Device(group.group).know(keys, people, group.group);
        }
    }
}
