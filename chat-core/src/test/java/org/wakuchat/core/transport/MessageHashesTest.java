package org.wakuchat.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.crypto.Crypto;

/** The test vectors published in 14/WAKU2-MESSAGE, "Deterministic message hashing". */
class MessageHashesTest {

    private static final PubsubTopic SPEC_PUBSUB_TOPIC = new PubsubTopic("/waku/2/default-waku/proto");
    private static final ContentTopic SPEC_CONTENT_TOPIC = ContentTopic.parse("/waku/2/default-content/proto");
    private static final byte[] SPEC_PAYLOAD = hex("010203045445535405060708");
    private static final long SPEC_TIMESTAMP = 0x175789bfa23f8400L;

    @Test
    void metaOf12Bytes() {
        var message = message(SPEC_PAYLOAD, hex("73757065722d736563726574"), SPEC_TIMESTAMP);

        assertThat(MessageHashes.of(SPEC_PUBSUB_TOPIC, message).hex())
                .isEqualTo("0x64cce733fed134e83da02b02c6f689814872b1a0ac97ea56b76095c3c72bfe05");
    }

    @Test
    void metaOf64Bytes() {
        byte[] meta = new byte[64];
        for (int i = 0; i < meta.length; i++) {
            meta[i] = (byte) i;
        }
        var message = message(SPEC_PAYLOAD, meta, SPEC_TIMESTAMP);

        assertThat(MessageHashes.of(SPEC_PUBSUB_TOPIC, message).hex())
                .isEqualTo("0x7158b6498753313368b9af8f6e0a0a05104f68f972981da42a43bc53fb0c1b27");
    }

    @Test
    void metaAbsent() {
        var message = message(SPEC_PAYLOAD, null, SPEC_TIMESTAMP);

        assertThat(MessageHashes.of(SPEC_PUBSUB_TOPIC, message).hex())
                .isEqualTo("0xa2554498b31f5bcdfcbf7fa58ad1c2d45f0254f3f8110a85588ec3cf10720fd8");
    }

    @Test
    void emptyPayload() {
        var message = message(new byte[0], hex("73757065722d736563726574"), SPEC_TIMESTAMP);

        assertThat(MessageHashes.of(SPEC_PUBSUB_TOPIC, message).hex())
                .isEqualTo("0x483ea950cb63f9b9d6926b262bb36194d3f40a0463ce8446228350bd44e96de4");
    }

    @Test
    void versionProofAndEphemeralAreNotHashed() {
        var plain = message(SPEC_PAYLOAD, hex("73757065722d736563726574"), SPEC_TIMESTAMP);
        var decorated = new WakuMessage(SPEC_PAYLOAD, SPEC_CONTENT_TOPIC, 7, SPEC_TIMESTAMP,
                hex("73757065722d736563726574"), new byte[] {1, 2, 3}, true);

        assertThat(MessageHashes.of(SPEC_PUBSUB_TOPIC, decorated)).isEqualTo(MessageHashes.of(SPEC_PUBSUB_TOPIC, plain));
    }

    @Test
    void zeroTimestampIsHashedAsEightZeroBytesLikeNwaku() {
        var message = message(SPEC_PAYLOAD, null, 0);
        byte[] expected = Crypto.sha256(utf8(SPEC_PUBSUB_TOPIC.value()), SPEC_PAYLOAD,
                utf8(SPEC_CONTENT_TOPIC.toString()), new byte[8]);

        assertThat(MessageHashes.of(SPEC_PUBSUB_TOPIC, message).bytes()).isEqualTo(expected);
    }

    @Test
    void negativeTimestampIsHashedAsTwosComplement() {
        var message = message(SPEC_PAYLOAD, null, -1);
        byte[] expected = Crypto.sha256(utf8(SPEC_PUBSUB_TOPIC.value()), SPEC_PAYLOAD,
                utf8(SPEC_CONTENT_TOPIC.toString()), ByteBuffer.allocate(8).putLong(-1).array());

        assertThat(MessageHashes.of(SPEC_PUBSUB_TOPIC, message).bytes()).isEqualTo(expected);
    }

    @Test
    void pubsubTopicAndGenerationPrefixChangeTheHash() {
        var message = message(SPEC_PAYLOAD, null, SPEC_TIMESTAMP);
        var withGeneration = new WakuMessage(SPEC_PAYLOAD, ContentTopic.parse("/0/waku/2/default-content/proto"), 0,
                SPEC_TIMESTAMP, null, null, false);

        assertThat(MessageHashes.of(PubsubTopic.shard(1, 0), message)).isNotEqualTo(MessageHashes.of(SPEC_PUBSUB_TOPIC, message));
        assertThat(MessageHashes.of(SPEC_PUBSUB_TOPIC, withGeneration)).isNotEqualTo(MessageHashes.of(SPEC_PUBSUB_TOPIC, message));
    }

    private static WakuMessage message(byte[] payload, byte[] meta, long timestamp) {
        return new WakuMessage(payload, SPEC_CONTENT_TOPIC, 0, timestamp, meta, null, false);
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
