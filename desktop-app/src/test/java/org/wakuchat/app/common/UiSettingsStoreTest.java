package org.wakuchat.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiSettingsStoreTest {

    @TempDir
    Path folder;

    @Test
    void savedSettingsComeBack() {
        UiSettingsStore store = new UiSettingsStore(folder);
        UiSettings settings = UiSettings.defaults().withTheme(UiSettings.Theme.DARK).withTextSize(UiSettings.TextSize.LARGE)
                .withNotifications(false).withNetwork(UiSettings.NetworkPreset.PRIVATE_CLUSTER, "66", "enrtree://x")
                .withWindow(new UiSettings.WindowBounds(10, 20, 900, 600, false)).withCamera("/dev/video2")
                .withKeepInTray(true).withListenOn("127.0.0.1:60001");
        store.save(settings);
        assertThat(new UiSettingsStore(folder).load()).isEqualTo(settings);
    }

    @Test
    void aMissingOrDamagedFileGivesDefaults() throws Exception {
        assertThat(new UiSettingsStore(folder).load()).isEqualTo(UiSettings.defaults());
        Files.writeString(folder.resolve("ui-settings.properties"), "theme=PURPLE\nnotifications=maybe\nwindow.x=left\ntextSize=\\u12");
        assertThat(new UiSettingsStore(folder).load()).isEqualTo(UiSettings.defaults());
    }

    @Test
    void aDamagedEarlierJsonFileGivesDefaults() throws Exception {
        Files.writeString(folder.resolve("ui-settings.json"), "{\"theme\": \"PURPLE\", ");
        assertThat(new UiSettingsStore(folder).load()).isEqualTo(UiSettings.defaults());
    }

    @Test
    void settingsOfEarlierVersionsAreMovedOverOnce() throws Exception {
        Files.writeString(folder.resolve("ui-settings.json"), """
                {"theme": "DARK", "textSize": "LARGE", "notifications": false, "network": "PRIVATE_CLUSTER",
                 "clusterId": "66", "bootstrapNodes": "enrtree://x",
                 "window": {"x": 10.0, "y": 20.0, "width": 900.0, "height": 600.0, "maximized": true}}""");
        UiSettings loaded = new UiSettingsStore(folder).load();
        assertThat(loaded).isEqualTo(UiSettings.defaults().withTheme(UiSettings.Theme.DARK).withTextSize(UiSettings.TextSize.LARGE)
                .withNotifications(false).withNetwork(UiSettings.NetworkPreset.PRIVATE_CLUSTER, "66", "enrtree://x")
                .withWindow(new UiSettings.WindowBounds(10, 20, 900, 600, true)));
        assertThat(folder.resolve("ui-settings.json")).doesNotExist();
        assertThat(new UiSettingsStore(folder).load()).isEqualTo(loaded);
    }

    @Test
    void fieldsLeftOutOfTheFileTakeDefaults() throws Exception {
        Files.writeString(folder.resolve("ui-settings.properties"), "theme=LIGHT\n");
        UiSettings loaded = new UiSettingsStore(folder).load();
        assertThat(loaded.theme()).isEqualTo(UiSettings.Theme.LIGHT);
        assertThat(loaded.textSize()).isEqualTo(UiSettings.TextSize.NORMAL);
        assertThat(loaded.network()).isEqualTo(UiSettings.NetworkPreset.THE_WAKU_NETWORK);
        assertThat(loaded.camera()).as("files from before the camera setting").isEmpty();
    }

    @Test
    void aFileFromBeforeTheTraySettingKeepsTheWindowClosingTheApp() throws Exception {
        Files.writeString(folder.resolve("ui-settings.properties"), "theme=DARK\nnotifications=true\n");
        UiSettings loaded = new UiSettingsStore(folder).load();
        assertThat(loaded.keepInTray()).isFalse();
        assertThat(loaded.theme()).isEqualTo(UiSettings.Theme.DARK);
    }
}
