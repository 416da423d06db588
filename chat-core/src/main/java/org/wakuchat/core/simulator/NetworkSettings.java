package org.wakuchat.core.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A simulated network's fixed parameters: the autosharding cluster and shard count, the
 * conditions every link starts with, and the Store's retention and answer delay. Messages larger
 * than {@code maxMessageBytes} (protobuf-encoded) are refused like nwaku's default 150 KiB limit.
 */
public record NetworkSettings(int clusterId, int numShards, LinkConditions conditions, Duration storeRetention,
                              Duration storeLatency, int maxMessageBytes) {

    public static final int NWAKU_MAX_MESSAGE_BYTES = 150 * 1024;

    public NetworkSettings {
        if (clusterId < 0 || clusterId > 0xFFFF) {
            throw new IllegalArgumentException("cluster id is a 16-bit number: " + clusterId);
        }
        if (numShards < 1 || numShards > 1024) {
            throw new IllegalArgumentException("a cluster has 1..1024 shards: " + numShards);
        }
        Objects.requireNonNull(conditions, "conditions");
        if (storeRetention.isNegative() || storeRetention.isZero() || storeLatency.isNegative()) {
            throw new IllegalArgumentException("store retention must be positive and store latency not negative");
        }
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maximum message size must be positive");
        }
    }

    /** Cluster 1 with 8 shards (The Waku Network), healthy links, nwaku's default 2-day Store retention. */
    public static NetworkSettings defaults() {
        return new NetworkSettings(1, 8, LinkConditions.healthy(), Duration.ofDays(2), Duration.ofMillis(50),
                NWAKU_MAX_MESSAGE_BYTES);
    }

    public NetworkSettings withConditions(LinkConditions newConditions) {
        return new NetworkSettings(clusterId, numShards, newConditions, storeRetention, storeLatency, maxMessageBytes);
    }

    public NetworkSettings withSharding(int newClusterId, int newNumShards) {
        return new NetworkSettings(newClusterId, newNumShards, conditions, storeRetention, storeLatency, maxMessageBytes);
    }

    public NetworkSettings withStore(Duration retention, Duration latency) {
        return new NetworkSettings(clusterId, numShards, conditions, retention, latency, maxMessageBytes);
    }
}
