package org.wakuchat.app.common;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link UiSettings} as {@code ui-settings.properties}; a damaged file, a missing
 * or a wrong value falls back to the default. A plain properties file because it is read before the
 * first window: a JSON library's start-up took a noticeable part of the time to that window.
 * Settings from earlier versions ({@code ui-settings.json}) are read once and moved over.
 */
public final class UiSettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(UiSettingsStore.class);

    private final Path file;
    private final Path earlierJson;

    public UiSettingsStore(Path dataFolder) {
        this.file = dataFolder.resolve("ui-settings.properties");
        this.earlierJson = dataFolder.resolve("ui-settings.json");
    }

    public UiSettings load() {
        if (!Files.exists(file)) {
            return Files.exists(earlierJson) ? migrateEarlierJson() : UiSettings.defaults();
        }
        Properties values = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(in);
        } catch (IOException | IllegalArgumentException damaged) {
            LOG.warn("Ignoring unreadable {}: {}", file, damaged.getMessage());
            return UiSettings.defaults();
        }
        return fromProperties(values);
    }

    /** Writes atomically, so that a crash never leaves half a file. */
    public void save(UiSettings settings) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                toProperties(settings).store(out, "Waku Chat window and appearance settings");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException failed) {
            LOG.warn("Could not save {}: {}", file, failed.getMessage());
        }
    }

    static UiSettings fromProperties(Properties values) {
        UiSettings defaults = UiSettings.defaults();
        return new UiSettings(
                parse(values, "theme", UiSettings.Theme::valueOf, defaults.theme()),
                parse(values, "textSize", UiSettings.TextSize::valueOf, defaults.textSize()),
                parse(values, "notifications", UiSettingsStore::bool, defaults.notifications()),
                // A file without the preset is from before the community network: The Waku Network was the default then.
                parse(values, "network", UiSettings.NetworkPreset::valueOf, UiSettings.NetworkPreset.THE_WAKU_NETWORK),
                values.getProperty("clusterId", ""),
                values.getProperty("bootstrapNodes", ""),
                window(values),
                parse(values, "keepInTray", UiSettingsStore::bool, defaults.keepInTray()),
                values.getProperty("camera", ""),
                values.getProperty("listenOn", "").strip(),
                new UiSettings.RlnMembership(values.getProperty("rln.keystore", ""),
                        values.getProperty("rln.membershipIndex", ""), values.getProperty("rln.ethRpcUrls", "")));
    }

    static Properties toProperties(UiSettings settings) {
        Properties values = new Properties();
        values.setProperty("theme", settings.theme().name());
        values.setProperty("textSize", settings.textSize().name());
        values.setProperty("notifications", Boolean.toString(settings.notifications()));
        values.setProperty("network", settings.network().name());
        values.setProperty("clusterId", settings.clusterId());
        values.setProperty("bootstrapNodes", settings.bootstrapNodes());
        values.setProperty("keepInTray", Boolean.toString(settings.keepInTray()));
        values.setProperty("camera", settings.camera());
        values.setProperty("listenOn", settings.listenOn());
        values.setProperty("rln.keystore", settings.rln().keystore());
        values.setProperty("rln.membershipIndex", settings.rln().membershipIndex());
        values.setProperty("rln.ethRpcUrls", settings.rln().ethRpcUrls());
        UiSettings.WindowBounds window = settings.window();
        if (window != null) {
            values.setProperty("window.x", Double.toString(window.x()));
            values.setProperty("window.y", Double.toString(window.y()));
            values.setProperty("window.width", Double.toString(window.width()));
            values.setProperty("window.height", Double.toString(window.height()));
            values.setProperty("window.maximized", Boolean.toString(window.maximized()));
        }
        return values;
    }

    private static UiSettings.WindowBounds window(Properties values) {
        try {
            return new UiSettings.WindowBounds(Double.parseDouble(values.getProperty("window.x")),
                    Double.parseDouble(values.getProperty("window.y")), Double.parseDouble(values.getProperty("window.width")),
                    Double.parseDouble(values.getProperty("window.height")), bool(values.getProperty("window.maximized")));
        } catch (RuntimeException absentOrDamaged) {
            return null; // the window opens at its default place
        }
    }

    private static <T> T parse(Properties values, String key, Function<String, T> parser, T fallback) {
        String value = values.getProperty(key);
        if (value == null) {
            return fallback;
        }
        try {
            return parser.apply(value.strip());
        } catch (RuntimeException wrong) {
            LOG.warn("Ignoring setting {}={}", key, value);
            return fallback;
        }
    }

    private static boolean bool(String value) {
        if (!"true".equalsIgnoreCase(value) && !"false".equalsIgnoreCase(value)) {
            throw new IllegalArgumentException("not true or false: " + value);
        }
        return Boolean.parseBoolean(value);
    }

    private UiSettings migrateEarlierJson() {
        UiSettings settings = EarlierJsonSettings.read(earlierJson);
        save(settings);
        try {
            Files.deleteIfExists(earlierJson);
        } catch (IOException e) {
            LOG.debug("Could not remove {}: {}", earlierJson, e.toString());
        }
        return settings;
    }
}
