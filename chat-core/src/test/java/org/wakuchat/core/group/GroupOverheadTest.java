package org.wakuchat.core.group;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.engine.Content;
import org.wakuchat.core.group.GroupFixture.Person;
import org.wakuchat.core.group.GroupFixture.Sender;
import org.wakuchat.core.session.Padding;
import org.wakuchat.core.sync.proto.HistoryEntry;
import org.wakuchat.core.sync.proto.SdsMessage;

/** Measures group message and change sizes; the figures are quoted in docs/groups.md. */
class GroupOverheadTest {

    private final GroupFixture fixture = new GroupFixture(31);

    @Test
    void aGroupMessageOfA100CharacterText() throws Exception {
        List<Person> people = fixture.people("Alice", "Bob", "Carol");
        EpochKeys keys = EpochKeys.derive(fixture.group, 0, fixture.secret(), people.stream().map(fixture::id).toList());
        // The plaintext as the engine makes it: SdsMessage with member id, 8-byte message id, group
        // id as channel, the last two log entries with their Waku message hashes, the typed content.
        byte[] content = Content.newBuilder().setType(1).setBody(ByteString.copyFromUtf8("x".repeat(100)))
                .setSentAtMs(1_796_000_000_000L).build().toByteArray();
        var sds = SdsMessage.newBuilder().setSenderId(fixture.id(people.getFirst()).hex()).setMessageId(hex(8))
                .setChannelId(fixture.group.hex()).setLamportTimestamp(1_234_567).setContent(ByteString.copyFrom(content));
        for (int i = 0; i < 2; i++) {
            sds.addCausalHistory(HistoryEntry.newBuilder().setMessageId(hex(8))
                    .setRetrievalHint(ByteString.copyFrom(random(32))));
        }
        byte[] plaintext = sds.build().toByteArray();
        // The same without sender_id and channel_id, which the receiver knows from the opened
        // header (authenticated member id) and from the keys that opened it (group id).
        byte[] lean = sds.clearSenderId().clearChannelId().build().toByteArray();
        Sender alice = new Sender(fixture.group, keys, people.getFirst());
        byte[] body = alice.sealed(plaintext, fixture.random).body();
        byte[] leanBody = alice.sealed(lean, fixture.random).body();

        int padded = Padding.bucket(plaintext.length);
        int leanPadded = Padding.bucket(lean.length);
        System.out.printf("A 100-character group text: SdsMessage %d bytes, padded to %d; GroupMessage body %d bytes"
                + " (overhead %d). Without sender_id and channel_id: %d bytes, padded to %d, body %d bytes%n",
                plaintext.length, padded, body.length, body.length - padded, lean.length, leanPadded, leanBody.length);
        // 16 hex characters of member id and 32 of group id push a typical text over the 256 bucket.
        assertThat(padded).isEqualTo(512);
        assertThat(leanPadded).isEqualTo(256);
        // salt 16 + header 20 + 2 AEAD tags + signature 64 + four protobuf field headers (2 or 3 bytes each).
        int fixedOverhead = 16 + 20 + 16 + 16 + 64;
        assertThat(body.length - padded).isBetween(fixedOverhead + 8, fixedOverhead + 9);
        assertThat(leanBody.length - leanPadded).isBetween(fixedOverhead + 8, fixedOverhead + 9);
    }

    @Test
    void aGroupChangeOf3And10And50Members() {
        var sizes = new ArrayList<Integer>();
        for (int count : new int[] {3, 10, 50}) {
            List<Person> people = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                people.add(fixture.person("Member %02d".formatted(i)));
            }
            GroupChange created = fixture.created(people);
            GroupChange change = GroupChange.after(created, people.getFirst().identityKey(),
                    GroupHistoryEntry.Kind.KEY_REFRESHED, List.of(), "Friends from the climbing club", created.members(),
                    GroupFixture.AT, people.getFirst().signing().privateKey());
            int size = change.toBytes().length;
            sizes.add(size);
            System.out.printf("A GroupChange of %d members (names of 9 characters, all joined): %d bytes%n", count, size);
        }
        // Per member: identity key 32 + signing key 32 + name + role + joined + framing, about 80 bytes.
        int perMember = (sizes.get(2) - sizes.get(1)) / 40;
        assertThat(perMember).isBetween(80, 85);
        assertThat(sizes.get(2)).isLessThan(4_500);
    }

    private byte[] random(int length) {
        byte[] bytes = new byte[length];
        fixture.random.nextBytes(bytes);
        return bytes;
    }

    private String hex(int length) {
        return HexFormat.of().formatHex(random(length));
    }
}
