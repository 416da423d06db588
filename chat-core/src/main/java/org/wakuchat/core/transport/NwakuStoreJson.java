package org.wakuchat.core.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Store v3 queries and answers in the JSON {@code waku_store_query} speaks. */
final class NwakuStoreJson {

    static final int STATUS_OK = 200;

    private NwakuStoreJson() {
    }

    /** {@code pubsubTopic} is required by Store v3 whenever content topics are given. */
    static String request(StoreQuery query, Optional<PubsubTopic> pubsubTopic, UUID requestId) {
        ObjectNode json = NwakuMessageJson.JSON.createObjectNode();
        json.put("requestId", requestId.toString());
        json.put("includeData", true);
        json.put("paginationForward", query.forward());
        json.put("paginationLimit", query.pageSize());
        pubsubTopic.ifPresent(topic -> json.put("pubsubTopic", topic.value()));
        if (!query.contentTopics().isEmpty()) {
            ArrayNode topics = json.putArray("contentTopics");
            query.contentTopics().forEach(topic -> topics.add(topic.toString()));
        }
        query.timeStartNanos().ifPresent(start -> json.put("timeStart", start));
        query.timeEndNanos().ifPresent(end -> json.put("timeEnd", end));
        if (!query.messageHashes().isEmpty()) {
            ArrayNode hashes = json.putArray("messageHashes");
            query.messageHashes().forEach(hash -> hashes.add(hash.hex()));
        }
        query.cursor().ifPresent(cursor -> json.put("paginationCursor", cursor.hex()));
        return json.toString();
    }

    /**
     * Reads a Store answer. Throws {@link StoreAnswerException} when the Store node refused the
     * query, {@link IllegalArgumentException} when the answer is not readable.
     */
    static StorePage page(String answer, Optional<PubsubTopic> queriedTopic) {
        if (answer == null) {
            throw new IllegalArgumentException("Store answer without text");
        }
        JsonNode json;
        try {
            json = NwakuMessageJson.JSON.readTree(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Store answer is not JSON: " + e.getOriginalMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("Store answer is not a JSON object");
        }
        int status = json.path("statusCode").asInt(STATUS_OK);
        if (status != STATUS_OK) {
            throw new StoreAnswerException(status, json.path("statusDesc").asText(""));
        }
        List<ReceivedMessage> messages = new ArrayList<>();
        for (JsonNode entry : json.path("messages")) {
            if (entry.hasNonNull("message")) {
                messages.add(entry(entry, queriedTopic));
            }
        }
        JsonNode cursor = json.get("paginationCursor");
        Optional<MessageHash> next = cursor == null || cursor.isNull() || cursor.asText().isEmpty()
                ? Optional.empty() : Optional.of(MessageHash.fromHex(cursor.asText()));
        return new StorePage(messages, next);
    }

    private static ReceivedMessage entry(JsonNode entry, Optional<PubsubTopic> queriedTopic) {
        MessageHash hash = MessageHash.fromHex(entry.path("messageHash").asText());
        PubsubTopic topic = entry.hasNonNull("pubsubTopic") ? new PubsubTopic(entry.get("pubsubTopic").asText())
                : queriedTopic.orElseThrow(() -> new IllegalArgumentException("Store answer entry without pubsub topic"));
        return new ReceivedMessage(topic, hash, NwakuMessageJson.fromJson(entry.get("message")));
    }

    /** The Store node answered with a status other than 200. */
    static final class StoreAnswerException extends RuntimeException {
        final int status;

        StoreAnswerException(int status, String description) {
            super("Store node answered " + status + (description.isEmpty() ? "" : ": " + description));
            this.status = status;
        }
    }
}
