package org.wakuchat.app.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The settings file of earlier versions (JSON, same field names), read once when moving to the current one. */
final class EarlierJsonSettings {

    private static final Logger LOG = LoggerFactory.getLogger(EarlierJsonSettings.class);

    private EarlierJsonSettings() {
    }

    static UiSettings read(Path file) {
        try {
            JsonNode root = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readTree(file.toFile());
            Properties values = new Properties();
            for (Map.Entry<String, JsonNode> field : root.properties()) {
                if (field.getKey().equals("window") && field.getValue().isObject()) {
                    for (Map.Entry<String, JsonNode> bound : field.getValue().properties()) {
                        values.setProperty("window." + bound.getKey(), bound.getValue().asText());
                    }
                } else if (field.getValue().isValueNode()) {
                    values.setProperty(field.getKey(), field.getValue().asText());
                }
            }
            return UiSettingsStore.fromProperties(values);
        } catch (IOException | RuntimeException damaged) {
            LOG.warn("Ignoring unreadable {}: {}", file, damaged.getMessage());
            return UiSettings.defaults();
        }
    }
}
