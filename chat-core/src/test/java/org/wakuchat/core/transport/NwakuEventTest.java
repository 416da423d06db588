package org.wakuchat.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class NwakuEventTest {

    /** Found by NwakuJsonFuzzTest: a null event text made Jackson throw IllegalArgumentException. */
    @Test
    void aCallbackWithoutTextIsIgnored() {
        assertThat(NwakuEvent.parse(null)).isInstanceOf(NwakuEvent.Ignored.class);
    }

    static final String HASH = "0x" + "ab".repeat(32);

    @Test
    void relayMessageEvent() {
        String json = """
                {"eventType":"message","messageHash":"%s","pubsubTopic":"/waku/2/rs/42/0",
                 "wakuMessage":{"payload":"%s","contentTopic":"/wakuchat/1/inbox/proto","version":0,
                  "timestamp":1764000000123456789,"ephemeral":false,"meta":"AQI=","proof":""}}"""
                .formatted(HASH, Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8)));

        NwakuEvent event = NwakuEvent.parse(json);

        assertThat(event).isInstanceOf(NwakuEvent.MessageArrived.class);
        ReceivedMessage received = ((NwakuEvent.MessageArrived) event).message();
        assertThat(received.hash()).isEqualTo(MessageHash.fromHex(HASH));
        assertThat(received.pubsubTopic()).isEqualTo(PubsubTopic.shard(42, 0));
        assertThat(new String(received.message().payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(received.message().contentTopic()).isEqualTo(ContentTopic.parse("/wakuchat/1/inbox/proto"));
        assertThat(received.message().timestampNanos()).isEqualTo(1764000000123456789L);
        assertThat(received.message().meta()).containsExactly(1, 2);
        assertThat(received.message().proof()).isEmpty();
    }

    @Test
    void connectionChanges() {
        assertThat(NwakuEvent.parse("{\"eventType\":\"connection_change\",\"peerId\":\"16UA\",\"peerEvent\":\"Joined\"}"))
                .isEqualTo(new NwakuEvent.PeerJoined("16UA"));
        assertThat(NwakuEvent.parse("{\"eventType\":\"connection_change\",\"peerId\":\"16UA\",\"peerEvent\":\"Left\"}"))
                .isEqualTo(new NwakuEvent.PeerLeft("16UA"));
        assertThat(NwakuEvent.parse("{\"eventType\":\"connection_change\",\"peerId\":\"16UA\",\"peerEvent\":\"Identified\"}"))
                .isInstanceOf(NwakuEvent.Ignored.class);
    }

    @Test
    void topicHealth() {
        assertThat(NwakuEvent.parse("{\"eventType\":\"relay_topic_health_change\",\"pubsubTopic\":\"/waku/2/rs/42/0\",\"topicHealth\":\"MinimallyHealthy\"}"))
                .isEqualTo(new NwakuEvent.TopicHealthChanged(PubsubTopic.shard(42, 0), "MinimallyHealthy"));
    }

    @Test
    void unreadableEventsAreIgnoredWithAReason() {
        assertThat(NwakuEvent.parse("not json")).isInstanceOf(NwakuEvent.Ignored.class);
        assertThat(NwakuEvent.parse("[1,2]")).isInstanceOf(NwakuEvent.Ignored.class);
        assertThat(NwakuEvent.parse("{\"eventType\":\"waku_not_responding\"}"))
                .isEqualTo(new NwakuEvent.Ignored("event type 'waku_not_responding'"));
        assertThat(NwakuEvent.parse("""
                {"eventType":"message","messageHash":"%s","pubsubTopic":"/waku/2/rs/42/0",
                 "wakuMessage":{"payload":"***","contentTopic":"/a/1/b/proto"}}""".formatted(HASH)))
                .isInstanceOfSatisfying(NwakuEvent.Ignored.class, ignored -> assertThat(ignored.reason()).contains("base64"));
        assertThat(NwakuEvent.parse("""
                {"eventType":"message","messageHash":"0x12","pubsubTopic":"/waku/2/rs/42/0",
                 "wakuMessage":{"payload":"","contentTopic":"/a/1/b/proto"}}"""))
                .isInstanceOf(NwakuEvent.Ignored.class);
    }

    @Test
    void publishJsonRoundTripsThroughTheEventReader() throws Exception {
        WakuMessage message = new WakuMessage(new byte[] {0, 1, (byte) 0xff}, ContentTopic.parse("/wakuchat/1/x/proto"), 0,
                42L, new byte[] {9}, null, true);

        String published = NwakuMessageJson.toPublishJson(message);

        assertThat(NwakuMessageJson.fromJson(NwakuMessageJson.JSON.readTree(published))).isEqualTo(message);
        assertThat(published).contains("\"payload\":\"AAH/\"").doesNotContain("proof");
    }
}
