package org.wakuchat.core.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** An event nwaku sends through {@code waku_set_event_callback}, parsed from its JSON. */
sealed interface NwakuEvent {

    /** A relay message on a shard we relay (not yet filtered by content topic). */
    record MessageArrived(ReceivedMessage message) implements NwakuEvent {
    }

    record PeerJoined(String peerId) implements NwakuEvent {
    }

    record PeerLeft(String peerId) implements NwakuEvent {
    }

    record TopicHealthChanged(PubsubTopic topic, String health) implements NwakuEvent {
    }

    /** Anything else, or an event we could not read; {@code reason} says which. */
    record Ignored(String reason) implements NwakuEvent {
    }

    static NwakuEvent parse(String json) {
        if (json == null) {
            // a callback with a null message pointer (found by NwakuJsonFuzzTest: Jackson threw)
            return new Ignored("event without text");
        }
        JsonNode event;
        try {
            event = NwakuMessageJson.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return new Ignored("malformed event JSON: " + e.getOriginalMessage());
        }
        if (event == null || !event.isObject()) {
            return new Ignored("event is not a JSON object");
        }
        String type = event.path("eventType").asText("");
        try {
            return switch (type) {
                case "message" -> message(event);
                case "connection_change" -> connection(event);
                case "relay_topic_health_change" -> new TopicHealthChanged(
                        new PubsubTopic(event.path("pubsubTopic").asText()), event.path("topicHealth").asText());
                default -> new Ignored("event type '" + type + "'");
            };
        } catch (RuntimeException e) {
            return new Ignored("bad " + type + " event: " + e.getMessage());
        }
    }

    private static NwakuEvent message(JsonNode event) {
        WakuMessage message = NwakuMessageJson.fromJson(event.get("wakuMessage"));
        MessageHash hash = MessageHash.fromHex(event.path("messageHash").asText());
        return new MessageArrived(new ReceivedMessage(new PubsubTopic(event.path("pubsubTopic").asText()), hash, message));
    }

    private static NwakuEvent connection(JsonNode event) {
        String peerId = event.path("peerId").asText("");
        if (peerId.isEmpty()) {
            return new Ignored("connection change without peer id");
        }
        return switch (event.path("peerEvent").asText("")) {
            case "Joined" -> new PeerJoined(peerId);
            case "Left" -> new PeerLeft(peerId);
            default -> new Ignored("peer event '" + event.path("peerEvent").asText() + "'");
        };
    }
}
