package org.wakuchat.app.settings;

import atlantafx.base.controls.Tile;
import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import java.nio.file.Path;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.material2.Material2AL;
import org.wakuchat.app.common.DesktopLinks;
import org.wakuchat.app.common.DialogFrame;
import org.wakuchat.app.common.Icons;
import org.wakuchat.app.common.UiSettings;
import org.wakuchat.app.common.UiSettings.NetworkPreset;
import org.wakuchat.app.common.UiSettings.TextSize;
import org.wakuchat.app.common.UiSettings.Theme;

/** Settings as AtlantaFX tiles; each control writes the settings property directly. */
final class SettingsView {

    private final VBox root;

    SettingsView(ObjectProperty<UiSettings> settings, Path dataFolder, DesktopLinks desktop, Runnable onAbout,
                 Runnable onClose) {
        ComboBox<Theme> theme = choice(Theme.values(), settings.get().theme(), t -> switch (t) {
            case SYSTEM -> "Follow the system";
            case LIGHT -> "Light";
            case DARK -> "Dark";
        });
        theme.setId("theme-choice");
        theme.valueProperty().subscribe(t -> settings.set(settings.get().withTheme(t)));

        ComboBox<TextSize> size = choice(TextSize.values(), settings.get().textSize(), s -> switch (s) {
            case SMALL -> "Small";
            case NORMAL -> "Normal";
            case LARGE -> "Large";
            case LARGER -> "Larger";
        });
        size.valueProperty().subscribe(s -> settings.set(settings.get().withTextSize(s)));

        ToggleSwitch notifications = new ToggleSwitch();
        notifications.setSelected(settings.get().notifications());
        notifications.selectedProperty().subscribe(on -> settings.set(settings.get().withNotifications(on)));

        ToggleSwitch keepInTray = new ToggleSwitch();
        keepInTray.setId("keep-in-tray");
        keepInTray.setSelected(settings.get().keepInTray());
        keepInTray.selectedProperty().subscribe(on -> settings.set(settings.get().withKeepInTray(on)));

        ComboBox<NetworkPreset> network = choice(NetworkPreset.values(), settings.get().network(), n ->
                n == NetworkPreset.THE_WAKU_NETWORK ? "The Waku Network" : "Private cluster");
        TextField cluster = new TextField(settings.get().clusterId());
        cluster.setPromptText("Cluster id, e.g. 66");
        cluster.setPrefColumnCount(6);
        TextField bootstrap = new TextField(settings.get().bootstrapNodes());
        bootstrap.setPromptText("Bootstrap nodes (enrtree:// or multiaddrs, comma separated)");
        VBox privateFields = new VBox(8, cluster, bootstrap);
        privateFields.visibleProperty().bind(network.valueProperty().isEqualTo(NetworkPreset.PRIVATE_CLUSTER));
        privateFields.managedProperty().bind(privateFields.visibleProperty());
        Runnable saveNetwork = () -> settings.set(settings.get().withNetwork(network.getValue(), cluster.getText().strip(),
                bootstrap.getText().strip()));
        network.valueProperty().addListener((obs, old, now) -> saveNetwork.run());
        cluster.textProperty().addListener((obs, old, now) -> saveNetwork.run());
        bootstrap.textProperty().addListener((obs, old, now) -> saveNetwork.run());

        TextField listenOn = new TextField(settings.get().listenOn());
        listenOn.setId("listen-on");
        listenOn.setPromptText("0.0.0.0:60000");
        listenOn.setPrefColumnCount(14);
        listenOn.textProperty().addListener((obs, old, now) -> settings.set(settings.get().withListenOn(now.strip())));

        Button openFolder = new Button("Open folder", Icons.icon(Material2AL.FOLDER_OPEN));
        openFolder.setOnAction(event -> desktop.open(dataFolder.toUri().toString()));
        Button openLog = new Button("Open log file", Icons.icon(Material2AL.DESCRIPTION));
        openLog.setOnAction(event -> desktop.open(dataFolder.resolve("wakuchat.log").toUri().toString()));

        Button about = new Button("About", Icons.icon(Material2AL.INFO));
        about.setId("about-button");
        about.setOnAction(event -> onAbout.run());

        Label networkNote = new Label("Network changes take effect the next time Waku Chat starts.");
        networkNote.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);

        VBox body = new VBox(4,
                section("Appearance"),
                tile("Theme", "Light, dark, or as the system is set.", theme),
                tile("Text size", "Size of text throughout the app.", size),
                new Separator(),
                section("Notifications"),
                tile("Show notifications", "A short note when a message arrives in another chat.", notifications),
                tile("Keep running in the tray when the window is closed",
                        "Messages keep arriving; open the window from the tray icon. Only where the desktop shows one.",
                        keepInTray),
                new Separator(),
                section("Network"),
                tile("Network", "Where your node connects.", network),
                privateFields,
                tile("Listen on", "Address and port of your node, e.g. 127.0.0.1:60001 for this computer only.", listenOn),
                networkNote,
                new Separator(),
                section("Data"),
                tile("Data folder", dataFolder.toString(), openFolder),
                tile("Log file", "For bug reports; contains no message text.", openLog),
                new Separator(),
                tile("About Waku Chat", "Versions, and the licences of everything the app includes.", about));
        body.setPrefWidth(560);
        body.setPadding(new javafx.geometry.Insets(0, 12, 0, 0));
        // Taller than a small window: the settings scroll rather than run off the bottom.
        ScrollPane scroll = new ScrollPane(body);
        scroll.setId("settings-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setPrefViewportHeight(520);
        scroll.getStyleClass().add("edge-to-edge");
        root = DialogFrame.of("Settings", scroll, onClose);
        root.setId("settings-dialog");
    }

    private static Label section(String title) {
        Label label = new Label(title);
        label.getStyleClass().addAll(Styles.TEXT_BOLD, Styles.ACCENT);
        return label;
    }

    private static Tile tile(String title, String description, javafx.scene.Node action) {
        Tile tile = new Tile(title, description);
        tile.setAction(action);
        tile.setActionHandler(null);
        return tile;
    }

    private static <T> ComboBox<T> choice(T[] values, T selected, java.util.function.Function<T, String> label) {
        ComboBox<T> box = new ComboBox<>(FXCollections.observableArrayList(values));
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : label.apply(value);
            }

            @Override
            public T fromString(String text) {
                return null;
            }
        });
        box.setValue(selected);
        box.setPrefWidth(200);
        return box;
    }

    VBox root() {
        return root;
    }
}
