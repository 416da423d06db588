package org.wakuchat.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.crypto.Crypto;

/**
 * Java against js-waku (@waku/message-hash, @waku/utils, @waku/proto from npm) on random inputs:
 * message hashes, autosharding and the WakuMessage protobuf must agree byte for byte.
 * Skipped, with the reason, only where node or the npm packages are missing.
 */
class JsWakuReferenceTest {

    private static final int CASES = 1_500;
    private static final long SEED = 0x5EEDL;
    private static final HexFormat HEX = HexFormat.of();

    private static JsReferencePeer peer;

    @BeforeAll
    static void startPeer() throws IOException {
        if (JsReferencePeer.unavailableReason().isEmpty()) {
            peer = JsReferencePeer.start();
        } else {
            System.err.println("JsWakuReferenceTest skipped: " + JsReferencePeer.unavailableReason().orElseThrow());
        }
    }

    @BeforeEach
    void requirePeer() {
        Assumptions.assumeTrue(peer != null,
                () -> "js-waku reference peer unavailable: " + JsReferencePeer.unavailableReason().orElse(""));
    }

    @AfterAll
    static void stopPeer() throws IOException {
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void messageHashesAgreeWithJsWaku() throws IOException {
        var random = new Random(SEED);
        List<PubsubTopic> pubsubTopics = new ArrayList<>();
        List<WakuMessage> messages = new ArrayList<>();
        List<Map<String, Object>> requests = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            var pubsubTopic = randomPubsubTopic(random);
            var message = randomMessage(random, nonZeroTimestamp(random));
            pubsubTopics.add(pubsubTopic);
            messages.add(message);
            requests.add(hashRequest(pubsubTopic, message));
        }

        List<JsonNode> answers = peer.ask(requests);

        for (int i = 0; i < CASES; i++) {
            assertThat(okText(answers.get(i), requests.get(i)))
                    .as("hash of %s on %s", messages.get(i), pubsubTopics.get(i))
                    .isEqualTo(HEX.formatHex(MessageHashes.of(pubsubTopics.get(i), messages.get(i)).bytes()));
        }
    }

    @Test
    void zeroTimestampIsWhereJsWakuAndNwakuDiffer() throws IOException {
        // js-waku leaves a zero timestamp out of the hash; nwaku (and MessageHashes) hash 8 zero bytes.
        var random = new Random(SEED + 1);
        for (int i = 0; i < 20; i++) {
            var pubsubTopic = randomPubsubTopic(random);
            var message = randomMessage(random, 0);
            byte[] withoutTimestamp = Crypto.sha256(utf8(pubsubTopic.value()), message.payload(),
                    utf8(message.contentTopic().toString()), message.meta());

            String js = okText(peer.ask(List.of(hashRequest(pubsubTopic, message))).getFirst(), message);

            byte[] withZeroTimestamp = Crypto.sha256(utf8(pubsubTopic.value()), message.payload(),
                    utf8(message.contentTopic().toString()), message.meta(), new byte[Long.BYTES]);

            assertThat(js).isEqualTo(HEX.formatHex(withoutTimestamp));
            assertThat(MessageHashes.of(pubsubTopic, message).bytes()).isEqualTo(withZeroTimestamp);
        }
    }

    @Test
    void autoshardingAgreesWithJsWakuForAnyShardCount() throws IOException {
        var random = new Random(SEED + 2);
        List<ContentTopic> topics = new ArrayList<>();
        List<Integer> shardCounts = new ArrayList<>();
        List<Map<String, Object>> requests = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            var topic = randomContentTopic(random);
            int numShards = random.nextInt(4) == 0 ? 1 << random.nextInt(11) : 1 + random.nextInt(1024);
            topics.add(topic);
            shardCounts.add(numShards);
            requests.add(Map.of("op", "shard", "contentTopic", topic.toString(), "numShards", numShards));
        }

        List<JsonNode> answers = peer.ask(requests);

        for (int i = 0; i < CASES; i++) {
            assertThat(ok(answers.get(i), requests.get(i)).asInt())
                    .as("shard of %s among %d", topics.get(i), shardCounts.get(i))
                    .isEqualTo(Autosharding.shardOf(topics.get(i), shardCounts.get(i)));
        }
    }

    @Test
    void protobufEncodingIsByteIdenticalToJsWaku() throws IOException {
        var random = new Random(SEED + 3);
        List<WakuMessage> messages = new ArrayList<>();
        List<Map<String, Object>> requests = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            long timestamp = random.nextInt(8) == 0 ? 0 : nonZeroTimestamp(random);
            var message = new WakuMessage(randomBytes(random, random.nextInt(600)), randomContentTopic(random),
                    random.nextInt(3) == 0 ? 0 : random.nextInt(Integer.MAX_VALUE), timestamp,
                    randomBytes(random, random.nextInt(3) == 0 ? 0 : random.nextInt(65)), null, random.nextBoolean());
            messages.add(message);
            requests.add(encodeRequest(message));
        }

        List<JsonNode> answers = peer.ask(requests);

        for (int i = 0; i < CASES; i++) {
            assertThat(okText(answers.get(i), requests.get(i)))
                    .as("protobuf of %s", messages.get(i))
                    .isEqualTo(HEX.formatHex(WakuMessages.encode(messages.get(i))));
        }
    }

    @Test
    void jsWakuDecodesWhatJavaEncodes() throws IOException {
        var random = new Random(SEED + 4);
        List<WakuMessage> messages = new ArrayList<>();
        List<Map<String, Object>> requests = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            var message = new WakuMessage(randomBytes(random, random.nextInt(300)), randomContentTopic(random),
                    random.nextInt(Integer.MAX_VALUE), nonZeroTimestamp(random), randomBytes(random, 1 + random.nextInt(64)),
                    null, true);
            messages.add(message);
            requests.add(Map.of("op", "decode", "bytes", HEX.formatHex(WakuMessages.encode(message))));
        }

        List<JsonNode> answers = peer.ask(requests);

        for (int i = 0; i < messages.size(); i++) {
            var message = messages.get(i);
            JsonNode decoded = ok(answers.get(i), requests.get(i));
            assertThat(decoded.get("payload").asText()).isEqualTo(HEX.formatHex(message.payload()));
            assertThat(decoded.get("contentTopic").asText()).isEqualTo(message.contentTopic().toString());
            assertThat(decoded.get("version").asInt()).isEqualTo(message.version());
            assertThat(decoded.get("timestamp").asText()).isEqualTo(Long.toString(message.timestampNanos()));
            assertThat(decoded.get("meta").asText()).isEqualTo(HEX.formatHex(message.meta()));
            assertThat(decoded.get("ephemeral").asBoolean()).isTrue();
        }
    }

    private static Map<String, Object> hashRequest(PubsubTopic pubsubTopic, WakuMessage message) {
        Map<String, Object> request = new HashMap<>();
        request.put("op", "hash");
        request.put("pubsubTopic", pubsubTopic.value());
        request.put("contentTopic", message.contentTopic().toString());
        request.put("payload", HEX.formatHex(message.payload()));
        request.put("meta", message.meta().length == 0 ? null : HEX.formatHex(message.meta()));
        request.put("timestamp", Long.toString(message.timestampNanos()));
        return request;
    }

    /** The same presence rules as WakuMessages.encode: defaults are left out. */
    private static Map<String, Object> encodeRequest(WakuMessage message) {
        Map<String, Object> request = new HashMap<>();
        request.put("op", "encode");
        request.put("payload", HEX.formatHex(message.payload()));
        request.put("contentTopic", message.contentTopic().toString());
        request.put("version", message.version() == 0 ? null : message.version());
        request.put("timestamp", message.timestampNanos() == 0 ? null : Long.toString(message.timestampNanos()));
        request.put("meta", message.meta().length == 0 ? null : HEX.formatHex(message.meta()));
        request.put("ephemeral", message.ephemeral() ? Boolean.TRUE : null);
        return request;
    }

    private static JsonNode ok(JsonNode answer, Object request) {
        assertThat(answer.has("error")).as("js-waku failed on %s: %s", request, answer.path("error").asText()).isFalse();
        return answer.get("ok");
    }

    private static String okText(JsonNode answer, Object request) {
        return ok(answer, request).asText();
    }

    private static WakuMessage randomMessage(Random random, long timestamp) {
        byte[] meta = random.nextInt(4) == 0 ? null : randomBytes(random, random.nextInt(65));
        return new WakuMessage(randomBytes(random, random.nextInt(1024)), randomContentTopic(random), 0, timestamp, meta, null, false);
    }

    private static long nonZeroTimestamp(Random random) {
        long timestamp = switch (random.nextInt(3)) {
            case 0 -> 1_600_000_000_000_000_000L + (random.nextLong() >>> 4) % 200_000_000_000_000_000L;
            case 1 -> random.nextLong();
            default -> random.nextInt();
        };
        return timestamp == 0 ? 1 : timestamp;
    }

    private static PubsubTopic randomPubsubTopic(Random random) {
        if (random.nextBoolean()) {
            return PubsubTopic.shard(random.nextInt(65536), random.nextInt(1024));
        }
        return new PubsubTopic("/" + randomSegment(random) + "/" + randomSegment(random));
    }

    private static ContentTopic randomContentTopic(Random random) {
        OptionalInt generation = random.nextInt(5) == 0 ? OptionalInt.of(0) : OptionalInt.empty();
        return new ContentTopic(generation, randomSegment(random), randomSegment(random), randomSegment(random), randomSegment(random));
    }

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789-_.~ äöüßé漢字ä";

    private static String randomSegment(Random random) {
        var segment = new StringBuilder();
        int length = 1 + random.nextInt(12);
        for (int i = 0; i < length; i++) {
            if (random.nextInt(20) == 0) {
                segment.appendCodePoint(0x1F600 + random.nextInt(50));
            } else {
                segment.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return segment.toString();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
