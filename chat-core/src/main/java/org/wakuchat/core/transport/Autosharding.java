package org.wakuchat.core.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.wakuchat.core.crypto.Crypto;

/**
 * Autosharding (51/WAKU2-RELAY-SHARDING, generation 0): a content topic's shard is the last
 * 64 bits of SHA-256(application || version), read as an unsigned big-endian number, modulo the
 * number of shards.
 *
 * <p>Modulo, as the spec, js-waku ({@code contentTopicToShardIndex}: BigInt {@code %}) and go-waku
 * say. nwaku computes {@code value and (count - 1)}, which is the same only when the shard count
 * is a power of two (The Waku Network's 8 shards are); for other counts nwaku disagrees with the
 * spec and the other clients, so Waku Chat networks should use a power-of-two shard count.
 */
public final class Autosharding {

    private Autosharding() {
    }

    /**
     * @throws IllegalArgumentException for fewer than one shard, or a topic of generation &gt; 0,
     *                                  for which the spec defines no shard mapping yet
     */
    public static int shardOf(ContentTopic topic, int numShards) {
        if (numShards < 1) {
            throw new IllegalArgumentException("a network has at least one shard");
        }
        if (topic.generation().orElse(0) != 0) {
            throw new IllegalArgumentException("autosharding is only defined for generation 0: " + topic);
        }
        byte[] hash = Crypto.sha256(topic.application().getBytes(StandardCharsets.UTF_8),
                topic.version().getBytes(StandardCharsets.UTF_8));
        long value = ByteBuffer.wrap(hash, 24, 8).getLong();
        return (int) Long.remainderUnsigned(value, numShards);
    }

    public static PubsubTopic pubsubTopic(int clusterId, int numShards, ContentTopic topic) {
        return PubsubTopic.shard(clusterId, shardOf(topic, numShards));
    }
}
