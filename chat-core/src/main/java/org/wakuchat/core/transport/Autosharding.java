package org.wakuchat.core.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.wakuchat.core.crypto.Crypto;

/**
 * Autosharding (51/WAKU2-RELAY-SHARDING, generation 0): a content topic's shard is the last
 * 64 bits of SHA-256(application || version), big-endian, modulo the number of shards.
 */
public final class Autosharding {

    private Autosharding() {
    }

    public static int shardOf(ContentTopic topic, int numShards) {
        if (numShards < 1) {
            throw new IllegalArgumentException("a network has at least one shard");
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
