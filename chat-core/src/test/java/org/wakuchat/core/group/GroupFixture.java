package org.wakuchat.core.group;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.wakuchat.core.crypto.X25519KeyPair;

/** People, a group and per-device keyrings for the group tests; deterministic. */
final class GroupFixture {

    static final Instant AT = Instant.parse("2026-12-02T06:00:00Z");

    final SecureRandom random;
    final GroupId group;

    GroupFixture(long seed) {
        random = seeded(seed);
        group = GroupId.random(random);
    }

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** One person: identity key, group signing key. */
    record Person(String name, byte[] identityKey, SigningKeyPair signing) {
        MemberEntry entry(GroupRole role) {
            return MemberEntry.joined(identityKey, name, role, signing.publicKey());
        }

        MemberEntry invitedEntry() {
            return MemberEntry.invited(identityKey, name, GroupRole.MEMBER);
        }
    }

    Person person(String name) {
        return new Person(name, X25519KeyPair.generate(random).publicKey(), GroupSigning.generate(random));
    }

    List<Person> people(String... names) {
        return java.util.Arrays.stream(names).map(this::person).toList();
    }

    MemberId id(Person person) {
        return MemberId.of(group, person.identityKey());
    }

    /** The first person is the admin, every one joined. */
    GroupChange created(List<Person> members) {
        var entries = new ArrayList<MemberEntry>();
        for (int i = 0; i < members.size(); i++) {
            entries.add(members.get(i).entry(i == 0 ? GroupRole.ADMIN : GroupRole.MEMBER));
        }
        Person admin = members.getFirst();
        return GroupChange.created(group, admin.identityKey(), "Friends", entries, AT, admin.signing().privateKey());
    }

    byte[] secret() {
        return EpochKeys.newEpochSecret(random);
    }

    /**
     * What one device knows: epochs with the members' signing keys, and its copies of the senders'
     * chains (started from the epoch keys when nothing was read yet). {@link #open} keeps the new
     * chain, as the engine would.
     */
    static final class Device implements GroupCipher.Keyring {
        final List<EpochKeys> epochs = new ArrayList<>();
        final Map<String, byte[]> signingKeys = new HashMap<>();
        final Map<String, ChainState> chains = new TreeMap<>();
        final GroupId group;

        Device(GroupId group) {
            this.group = group;
        }

        Device know(EpochKeys keys, Map<MemberId, byte[]> signing) {
            epochs.addFirst(keys);
            signing.forEach((member, key) -> signingKeys.put(slot(keys.epoch(), member), key));
            return this;
        }

        Device know(EpochKeys keys, List<Person> people, GroupId group) {
            var signing = new HashMap<MemberId, byte[]>();
            people.forEach(p -> signing.put(MemberId.of(group, p.identityKey()), p.signing().publicKey()));
            return know(keys, signing);
        }

        void learnSigningKey(long epoch, MemberId member, byte[] key) {
            signingKeys.put(slot(epoch, member), key);
        }

        void forget(long epoch) {
            epochs.removeIf(keys -> keys.epoch() == epoch);
        }

        GroupCipher.Opened open(byte[] body) throws GroupCipherException {
            GroupCipher.Opened opened = GroupCipher.open(group, body, this);
            chains.put(slot(opened.epoch(), opened.sender()), opened.next());
            return opened;
        }

        /** Everything that changes when a message is read, to show that a refusal changes nothing. */
        String state() {
            var out = new StringBuilder();
            chains.forEach((slot, chain) -> out.append(slot).append('=')
                    .append(HexFormat.of().formatHex(chain.toBytes())).append(';'));
            return out.toString();
        }

        @Override
        public List<EpochKeys> epochs() {
            return List.copyOf(epochs);
        }

        @Override
        public Optional<byte[]> signingKey(long epoch, MemberId member) {
            return Optional.ofNullable(signingKeys.get(slot(epoch, member)));
        }

        @Override
        public ChainState chain(long epoch, MemberId member) {
            ChainState kept = chains.get(slot(epoch, member));
            if (kept != null) {
                return kept;
            }
            return epochs.stream().filter(keys -> keys.epoch() == epoch).findFirst().orElseThrow().chainStart(member);
        }

        private static String slot(long epoch, MemberId member) {
            return epoch + ":" + member.hex();
        }
    }

    /** A sender's own chain in one epoch. */
    static final class Sender {
        final GroupId group;
        final EpochKeys keys;
        final Person person;
        ChainState chain;

        Sender(GroupId group, EpochKeys keys, Person person) {
            this.group = group;
            this.keys = keys;
            this.person = person;
            this.chain = keys.chainStart(MemberId.of(group, person.identityKey()));
        }

        GroupCipher.Sealed sealed(byte[] plaintext, SecureRandom random) {
            GroupCipher.Sealed sealed = GroupCipher.seal(group, keys, MemberId.of(group, person.identityKey()), chain,
                    person.signing().privateKey(), plaintext, random);
            chain = sealed.next();
            return sealed;
        }

        byte[] send(String text, SecureRandom random) {
            return sealed(bytes(text), random).body();
        }
    }
}
