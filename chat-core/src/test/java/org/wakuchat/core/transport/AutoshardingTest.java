package org.wakuchat.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.crypto.Crypto;

/** Shard indices published in js-waku's sharding tests (8 shards unless said otherwise). */
class AutoshardingTest {

    @ParameterizedTest
    @CsvSource({
            "/toychat/2/huilong/proto, 8, 3",
            "/0/toychat/2/huilong/proto, 8, 3",
            "/myapp/1/latest/proto, 8, 0",
            "/waku/2/content/test.js, 8, 1",
            "/statusim/1/community/cbor, 8, 4",
            "/0/statusim/1/community/cbor, 8, 4",
            "/app/22/sometopic/someencoding, 8, 2",
            "/app/27/sometopic/someencoding, 8, 5",
            "/app/20/sometopic/someencoding, 8, 7",
            "/app/29/sometopic/someencoding, 8, 6",
            "/app/20/sometopic/someencoding, 16, 15",
            "/app/20/sometopic/someencoding, 2, 1",
            "/app/20/sometopic/someencoding, 1, 0"})
    void publishedShardIndices(String topic, int numShards, int expectedShard) {
        assertThat(Autosharding.shardOf(ContentTopic.parse(topic), numShards)).isEqualTo(expectedShard);
    }

    @Test
    void onlyApplicationAndVersionChooseTheShard() {
        assertThat(Autosharding.shardOf(ContentTopic.parse("/myapp/1/latest/proto"), 8))
                .isEqualTo(Autosharding.shardOf(ContentTopic.parse("/myapp/1/other/json"), 8));
    }

    @Test
    void nonPowerOfTwoShardCountsUseTheTrueModulo() {
        // nwaku's "and (count - 1)" would differ here; the spec and js-waku take the remainder.
        for (String app : new String[] {"a", "b", "c", "d", "wakuchat", "toychat"}) {
            var topic = new ContentTopic(app, "1", "n", "proto");
            long last64 = ByteBuffer.wrap(Crypto.sha256((app + "1").getBytes(StandardCharsets.UTF_8)), 24, 8).getLong();

            assertThat(Autosharding.shardOf(topic, 5)).isEqualTo((int) Long.remainderUnsigned(last64, 5));
            assertThat(Autosharding.shardOf(topic, 1000)).isEqualTo((int) Long.remainderUnsigned(last64, 1000));
        }
    }

    @Test
    void pubsubTopicNamesClusterAndShard() {
        assertThat(Autosharding.pubsubTopic(1, 8, ContentTopic.parse("/toychat/2/huilong/proto")))
                .isEqualTo(new PubsubTopic("/waku/2/rs/1/3"));
    }

    @Test
    void rejectsGenerationsAboveZeroAndEmptyNetworks() {
        assertThatThrownBy(() -> Autosharding.shardOf(ContentTopic.parse("/1/toychat/2/huilong/proto"), 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("generation 0");
        assertThatThrownBy(() -> Autosharding.shardOf(ContentTopic.parse("/toychat/2/huilong/proto"), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
