package org.wakuchat.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NwakuStoreJsonTest {

    private static final ContentTopic TOPIC = ContentTopic.parse("/wakuchat/1/inbox/proto");
    private static final MessageHash HASH = MessageHash.fromHex("0x" + "0c".repeat(32));
    private static final MessageHash CURSOR = MessageHash.fromHex("0x" + "cc".repeat(32));

    @Test
    void topicQueryCarriesEverythingStoreV3Needs() throws Exception {
        StoreQuery query = StoreQuery.byTopics(List.of(TOPIC), 1_000L, 2_000L).nextPage(CURSOR);
        UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");

        JsonNode json = NwakuMessageJson.JSON.readTree(NwakuStoreJson.request(query, Optional.of(PubsubTopic.shard(42, 0)), id));

        assertThat(json.get("requestId").asText()).isEqualTo(id.toString());
        assertThat(json.get("includeData").asBoolean()).isTrue();
        assertThat(json.get("paginationForward").asBoolean()).isTrue();
        assertThat(json.get("paginationLimit").asInt()).isEqualTo(100);
        assertThat(json.get("pubsubTopic").asText()).isEqualTo("/waku/2/rs/42/0");
        assertThat(json.get("contentTopics").toString()).isEqualTo("[\"/wakuchat/1/inbox/proto\"]");
        assertThat(json.get("timeStart").asLong()).isEqualTo(1_000L);
        assertThat(json.get("timeEnd").asLong()).isEqualTo(2_000L);
        assertThat(json.get("paginationCursor").asText()).isEqualTo(CURSOR.hex());
        assertThat(json.has("messageHashes")).isFalse();
    }

    @Test
    void hashQuery() throws Exception {
        JsonNode json = NwakuMessageJson.JSON.readTree(
                NwakuStoreJson.request(StoreQuery.byHashes(List.of(HASH)), Optional.empty(), UUID.randomUUID()));

        assertThat(json.get("messageHashes").toString()).isEqualTo("[\"" + HASH.hex() + "\"]");
        assertThat(json.has("pubsubTopic")).isFalse();
        assertThat(json.has("contentTopics")).isFalse();
    }

    @Test
    void answerWithByteArrayPayloadsAndACursor() {
        String answer = """
                {"requestId":"r1","statusCode":200,"statusDesc":"OK",
                 "messages":[{"messageHash":"%s","pubsubTopic":"/waku/2/rs/42/0",
                   "message":{"payload":[104,105,255],"contentTopic":"/wakuchat/1/inbox/proto","meta":[],
                              "version":0,"timestamp":1764000000000000000,"ephemeral":false,"proof":[]}}],
                 "paginationCursor":"%s"}""".formatted(HASH.hex(), CURSOR.hex());

        StorePage page = NwakuStoreJson.page(answer, Optional.of(PubsubTopic.shard(42, 0)));

        assertThat(page.messages()).hasSize(1);
        ReceivedMessage message = page.messages().getFirst();
        assertThat(message.hash()).isEqualTo(HASH);
        assertThat(message.message().payload()).containsExactly(104, 105, 255);
        assertThat(message.message().timestampNanos()).isEqualTo(1764000000000000000L);
        assertThat(page.cursor()).contains(CURSOR);
    }

    @Test
    void lastPageHasNoCursor() {
        StorePage page = NwakuStoreJson.page("{\"statusCode\":200,\"messages\":[],\"paginationCursor\":null}", Optional.empty());

        assertThat(page.messages()).isEmpty();
        assertThat(page.cursor()).isEmpty();
    }

    @Test
    void refusalsAndGarbageFailClearly() {
        assertThatThrownBy(() -> NwakuStoreJson.page("{\"statusCode\":429,\"statusDesc\":\"rate limit exceeded\"}", Optional.empty()))
                .hasMessageContaining("429").hasMessageContaining("rate limit");
        assertThatThrownBy(() -> NwakuStoreJson.page("<html>", Optional.empty())).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> NwakuStoreJson.page("""
                {"statusCode":200,"messages":[{"messageHash":"%s","message":{"payload":[300],"contentTopic":"/a/1/b/c"}}]}"""
                .formatted(HASH.hex()), Optional.of(PubsubTopic.shard(1, 0))))
                .hasMessageContaining("byte value");
    }
}
