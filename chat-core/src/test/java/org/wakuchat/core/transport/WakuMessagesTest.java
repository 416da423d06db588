package org.wakuchat.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.transport.proto.WakuMessageProto;

class WakuMessagesTest {

    private static final ContentTopic TOPIC = ContentTopic.parse("/wakuchat/1/inbox/proto");

    @Test
    void encodesWithTheSpecFieldNumbersAndWireTypes() {
        var message = new WakuMessage(new byte[] {1}, ContentTopic.parse("/a/1/b/c"), 1, -5, new byte[] {9}, new byte[] {7}, true);

        // 0x0a payload(1,LEN) 0x12 content_topic(2,LEN) 0x18 version(3,VARINT) 0x50 timestamp(10,VARINT zigzag)
        // 0x5a meta(11,LEN) 0xaa01 proof(21,LEN) 0xf801 ephemeral(31,VARINT)
        assertThat(HexFormat.of().formatHex(WakuMessages.encode(message)))
                .isEqualTo("0a0101" + "12082f612f312f622f63" + "1801" + "5009" + "5a0109" + "aa010107" + "f80101");
    }

    @Test
    void leavesOutAbsentOptionalFields() {
        var message = WakuMessage.of(new byte[] {1}, ContentTopic.parse("/a/1/b/c"), 0);

        assertThat(HexFormat.of().formatHex(WakuMessages.encode(message))).isEqualTo("0a0101" + "12082f612f312f622f63");
    }

    @Test
    void roundTripsRandomMessages() {
        var random = new Random(42);
        for (int i = 0; i < 500; i++) {
            var message = new WakuMessage(bytes(random, random.nextInt(300)), TOPIC, random.nextInt(), random.nextLong(),
                    bytes(random, random.nextInt(65)), bytes(random, random.nextInt(40)), random.nextBoolean());

            assertThat(WakuMessages.decode(WakuMessages.encode(message))).isEqualTo(message);
        }
    }

    @Test
    void roundTripsGenerationPrefixedTopics() {
        var message = WakuMessage.of(new byte[] {1}, ContentTopic.parse("/0/wakuchat/1/inbox/proto"), 5);

        assertThat(WakuMessages.decode(WakuMessages.encode(message)).contentTopic()).hasToString("/0/wakuchat/1/inbox/proto");
    }

    @Test
    void rejectsGarbageWithAClearError() {
        assertThatThrownBy(() -> WakuMessages.decode(new byte[] {(byte) 0xff, (byte) 0xff, 0x01}))
                .isInstanceOf(InvalidWakuMessageException.class).hasMessageContaining("not a Waku message");
        assertThatThrownBy(() -> WakuMessages.decode(new byte[] {0x0a, 0x05, 1}))
                .isInstanceOf(InvalidWakuMessageException.class);
    }

    @Test
    void rejectsMissingOrMalformedContentTopics() {
        byte[] noTopic = WakuMessageProto.WakuMessage.newBuilder().setPayload(ByteString.copyFrom(new byte[] {1})).build().toByteArray();
        byte[] badTopic = WakuMessageProto.WakuMessage.newBuilder().setContentTopic("test").build().toByteArray();

        assertThatThrownBy(() -> WakuMessages.decode(noTopic))
                .isInstanceOf(InvalidWakuMessageException.class).hasMessageContaining("content topic");
        assertThatThrownBy(() -> WakuMessages.decode(badTopic))
                .isInstanceOf(InvalidWakuMessageException.class).hasMessageContaining("test");
    }

    @Test
    void rejectsMetaLongerThan64Bytes() {
        byte[] bytes = WakuMessageProto.WakuMessage.newBuilder().setContentTopic(TOPIC.toString())
                .setMeta(ByteString.copyFrom(new byte[65])).build().toByteArray();

        assertThatThrownBy(() -> WakuMessages.decode(bytes))
                .isInstanceOf(InvalidWakuMessageException.class).hasMessageContaining("64");
    }

    @Test
    void readsTheEmptyMessageAsAllDefaultsExceptTheTopic() {
        byte[] bytes = WakuMessageProto.WakuMessage.newBuilder().setContentTopic(TOPIC.toString()).build().toByteArray();

        assertThat(WakuMessages.decode(bytes)).isEqualTo(WakuMessage.of(new byte[0], TOPIC, 0));
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
