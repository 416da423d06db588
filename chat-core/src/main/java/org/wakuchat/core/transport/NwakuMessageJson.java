package org.wakuchat.core.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/**
 * Waku messages in nwaku's JSON: base64 byte fields when publishing and in relay events; Store
 * answers carry the same fields as arrays of byte values, which {@link #fromJson} also reads.
 */
final class NwakuMessageJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private NwakuMessageJson() {
    }

    /** The {@code jsonWakuMessage} argument of {@code waku_relay_publish}. */
    static String toPublishJson(WakuMessage message) {
        ObjectNode json = JSON.createObjectNode();
        json.put("payload", Base64.getEncoder().encodeToString(message.payload()));
        json.put("contentTopic", message.contentTopic().toString());
        json.put("version", message.version());
        if (message.timestampNanos() != 0) {
            json.put("timestamp", message.timestampNanos());
        }
        json.put("ephemeral", message.ephemeral());
        if (message.meta().length > 0) {
            json.put("meta", Base64.getEncoder().encodeToString(message.meta()));
        }
        if (message.proof().length > 0) {
            json.put("proof", Base64.getEncoder().encodeToString(message.proof()));
        }
        return json.toString();
    }

    /** Reads a message object; throws {@link IllegalArgumentException} when it is not one. */
    static WakuMessage fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("not a Waku message object: " + json);
        }
        JsonNode topic = json.get("contentTopic");
        if (topic == null || !topic.isTextual()) {
            throw new IllegalArgumentException("Waku message without content topic");
        }
        return new WakuMessage(bytes(json.get("payload"), "payload"), ContentTopic.parse(topic.asText()),
                json.path("version").asInt(0), longValue(json.get("timestamp")),
                bytes(json.get("meta"), "meta"), bytes(json.get("proof"), "proof"), json.path("ephemeral").asBoolean(false));
    }

    /** Bytes given as base64 text or as an array of values 0..255; absent or null is empty. */
    static byte[] bytes(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return new byte[0];
        }
        if (node.isTextual()) {
            return base64(node.asText(), field);
        }
        if (node.isArray()) {
            byte[] bytes = new byte[node.size()];
            for (int i = 0; i < bytes.length; i++) {
                JsonNode value = node.get(i);
                if (!value.canConvertToInt() || value.asInt() < 0 || value.asInt() > 255) {
                    throw new IllegalArgumentException(field + "[" + i + "] is not a byte value: " + value);
                }
                bytes[i] = (byte) value.asInt();
            }
            return bytes;
        }
        throw new IllegalArgumentException(field + " is neither base64 nor a byte array: " + node.getNodeType());
    }

    /** Nanosecond timestamps may come as numbers or as decimal text. */
    static long longValue(JsonNode node) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isTextual()) {
            try {
                return Long.parseLong(node.asText().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a timestamp: " + node.asText(), e);
            }
        }
        throw new IllegalArgumentException("not a timestamp: " + node);
    }

    private static byte[] base64(String text, String field) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException standard) {
            try {
                return Base64.getUrlDecoder().decode(text);
            } catch (IllegalArgumentException urlSafe) {
                throw new IllegalArgumentException(field + " is not base64", standard);
            }
        }
    }
}
