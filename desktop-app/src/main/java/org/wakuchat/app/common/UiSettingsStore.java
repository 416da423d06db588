package org.wakuchat.app.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and writes {@link UiSettings} as {@code ui-settings.json}; a damaged file falls back to defaults. */
public final class UiSettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(UiSettingsStore.class);

    private final Path file;
    private final ObjectMapper json = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public UiSettingsStore(Path dataFolder) {
        this.file = dataFolder.resolve("ui-settings.json");
    }

    public UiSettings load() {
        if (!Files.exists(file)) {
            return UiSettings.defaults();
        }
        try {
            UiSettings read = json.readValue(file.toFile(), UiSettings.class);
            return withDefaults(read);
        } catch (IOException damaged) {
            LOG.warn("Ignoring unreadable {}: {}", file, damaged.getMessage());
            return UiSettings.defaults();
        }
    }

    /** Writes atomically, so that a crash never leaves half a file. */
    public void save(UiSettings settings) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            json.writeValue(temp.toFile(), settings);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException failed) {
            LOG.warn("Could not save {}: {}", file, failed.getMessage());
        }
    }

    private static UiSettings withDefaults(UiSettings read) {
        UiSettings defaults = UiSettings.defaults();
        return new UiSettings(
                read.theme() == null ? defaults.theme() : read.theme(),
                read.textSize() == null ? defaults.textSize() : read.textSize(),
                read.notifications(),
                read.network() == null ? defaults.network() : read.network(),
                read.clusterId() == null ? "" : read.clusterId(),
                read.bootstrapNodes() == null ? "" : read.bootstrapNodes(),
                read.window(),
                read.keepInTray(),
                read.camera() == null ? "" : read.camera());
    }
}
