package org.wakuchat.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class TransportPropertiesTest {

    @Property(tries = 500)
    void contentTopicsPrintAndParseToThemselves(@ForAll("segments") String app, @ForAll("segments") String version,
                                                @ForAll("segments") String name, @ForAll("segments") String encoding) {
        var topic = new ContentTopic(app, version, name, encoding);

        assertThat(ContentTopic.parse(topic.toString())).isEqualTo(topic);
        assertThat(ContentTopic.parse("/0" + topic).toString()).isEqualTo("/0" + topic);
        var message = WakuMessage.of(new byte[] {1}, topic, 1);
        assertThat(WakuMessages.decode(WakuMessages.encode(message))).isEqualTo(message);
    }

    @Property(tries = 1000)
    void garbageNeverDecodesIntoAnythingButAClearError(@ForAll @Size(max = 200) byte[] bytes) {
        try {
            var message = WakuMessages.decode(bytes);
            assertThat(WakuMessages.decode(WakuMessages.encode(message))).isEqualTo(message);
        } catch (InvalidWakuMessageException expected) {
            assertThat(expected).hasMessageNotContaining("null");
        }
    }

    @Property(tries = 300)
    void shardsStayWithinTheCluster(@ForAll("segments") String app, @ForAll("segments") String version,
                                    @ForAll @IntRange(min = 1, max = 1024) int numShards) {
        int shard = Autosharding.shardOf(new ContentTopic(app, version, "n", "proto"), numShards);

        assertThat(shard).isBetween(0, numShards - 1);
    }

    @Provide
    Arbitrary<String> segments() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(20)
                .filter(s -> !s.contains("/") && s.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE));
    }
}
