package org.wakuchat.core.transport;

/** A pubsub topic, for Waku Chat always a static shard {@code /waku/2/rs/{cluster}/{shard}}. */
public record PubsubTopic(String value) {

    public PubsubTopic {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("empty pubsub topic");
        }
    }

    public static PubsubTopic shard(int clusterId, int shard) {
        return new PubsubTopic("/waku/2/rs/" + clusterId + "/" + shard);
    }

    @Override
    public String toString() {
        return value;
    }
}
