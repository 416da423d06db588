package org.wakuchat.app.settings;

import atlantafx.base.controls.Tile;
import javafx.scene.layout.Region;
import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import java.nio.file.Path;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
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

    /** Whether the account has an RLN keystore password sealed, and how to seal a new one. */
    record RlnPassword(boolean saved, java.util.function.Consumer<String> save) {
    }

    SettingsView(ObjectProperty<UiSettings> settings, RlnPassword rlnPassword, Path dataFolder, DesktopLinks desktop,
                 Runnable onAbout, Runnable onReliabilityReport, Runnable onClose) {
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

        ComboBox<NetworkPreset> network = choice(NetworkPreset.values(), settings.get().network(), n -> switch (n) {
            case COMMUNITY -> "Waku Chat community";
            case THE_WAKU_NETWORK -> "The Waku Network";
            case PRIVATE_CLUSTER -> "Custom cluster";
        });
        network.setId("network-choice");
        TextField cluster = new TextField(settings.get().clusterId());
        cluster.setId("cluster-id");
        cluster.setPromptText("Cluster id, e.g. 66");
        cluster.setPrefColumnCount(6);
        TextField bootstrap = new TextField(settings.get().bootstrapNodes());
        bootstrap.setId("bootstrap-nodes");
        bootstrap.setPromptText("Your own peers: multiaddrs (or an enrtree:// URL), comma separated");
        Tile clusterTile = tile("Cluster id", "The cluster of your own nodes.", cluster);
        clusterTile.visibleProperty().bind(network.valueProperty().isEqualTo(NetworkPreset.PRIVATE_CLUSTER));
        clusterTile.managedProperty().bind(clusterTile.visibleProperty());
        Tile bootstrapTile = tile("Peers", "Nodes to connect to, besides those the network brings. Invites add theirs here.",
                null);
        VBox privateFields = new VBox(8, clusterTile, bootstrapTile, bootstrap);
        Runnable saveNetwork = () -> settings.set(settings.get().withNetwork(network.getValue(), cluster.getText().strip(),
                bootstrap.getText().strip()));
        network.valueProperty().addListener((obs, old, now) -> saveNetwork.run());
        cluster.textProperty().addListener((obs, old, now) -> saveNetwork.run());
        bootstrap.textProperty().addListener((obs, old, now) -> saveNetwork.run());
        // The app changes the peers too (Join from an invite) while the dialog may be open.
        settings.addListener((obs, old, now) -> {
            if (now != null && !now.bootstrapNodes().equals(bootstrap.getText().strip())) {
                bootstrap.setText(now.bootstrapNodes());
            }
        });

        VBox rlnFields = rlnFields(settings, rlnPassword);
        rlnFields.visibleProperty().bind(network.valueProperty().isEqualTo(NetworkPreset.THE_WAKU_NETWORK));
        rlnFields.managedProperty().bind(rlnFields.visibleProperty());

        TextField listenOn = new TextField(settings.get().listenOn());
        listenOn.setId("listen-on");
        listenOn.setPromptText("0.0.0.0:60000");
        listenOn.setPrefColumnCount(14);
        listenOn.textProperty().addListener((obs, old, now) -> settings.set(settings.get().withListenOn(now.strip())));

        Button openFolder = new Button("Open folder", Icons.icon(Material2AL.FOLDER_OPEN));
        openFolder.setOnAction(event -> desktop.open(dataFolder.toUri().toString()));
        Button openLog = new Button("Open log file", Icons.icon(Material2AL.DESCRIPTION));
        openLog.setOnAction(event -> desktop.open(dataFolder.resolve("wakuchat.log").toUri().toString()));

        Button report = new Button("Open report", Icons.icon(Material2AL.INSERT_CHART));
        report.setId("reliability-report-button");
        report.setOnAction(event -> onReliabilityReport.run());

        Button about = new Button("About", Icons.icon(Material2AL.INFO));
        about.setId("about-button");
        about.setOnAction(event -> onAbout.run());

        Label networkNote = new Label("Network changes take effect when your node restarts: the next time Waku Chat "
                + "starts. Messages you write meanwhile stay queued; nothing is lost.");
        networkNote.setId("network-note");
        networkNote.setWrapText(true);
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
                tile("Network", "Where your node connects. The community network is the default; "
                        + "The Waku Network needs an RLN membership.", network),
                privateFields,
                rlnFields,
                tile("Listen on", "Address and port of your node, e.g. 127.0.0.1:60001 for this computer only.", listenOn),
                networkNote,
                new Separator(),
                section("Data"),
                tile("Data folder", dataFolder.toString(), openFolder),
                tile("Log file", "For bug reports; contains no message text.", openLog),
                tile("Reliability report", "Whether your messages arrived and how fast; export it for a bug report.",
                        report),
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

    /** Keystore file, its password (sealed in the account), membership index, Ethereum RPC URLs. */
    private static VBox rlnFields(ObjectProperty<UiSettings> settings, RlnPassword rlnPassword) {
        UiSettings.RlnMembership saved = settings.get().rln();
        TextField keystore = new TextField(saved.keystore());
        keystore.setId("rln-keystore");
        keystore.setPromptText("RLN keystore file (rlnKeystore.json)");
        HBox.setHgrow(keystore, javafx.scene.layout.Priority.ALWAYS);
        Button choose = new Button("Choose…");
        choose.setId("rln-keystore-choose");
        choose.setOnAction(event -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle("RLN keystore");
            chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("RLN keystore (JSON)", "*.json"));
            java.io.File file = chooser.showOpenDialog(choose.getScene().getWindow());
            if (file != null) {
                keystore.setText(file.getAbsolutePath());
            }
        });
        PasswordField password = new PasswordField();
        password.setId("rln-password");
        password.setPromptText(rlnPassword.saved() ? "Saved (type to replace)" : "Keystore password");
        Label passwordState = new Label(rlnPassword.saved() ? "Password saved, encrypted with your account." : "");
        passwordState.setId("rln-password-state");
        passwordState.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        Button savePassword = new Button("Save password");
        savePassword.setId("rln-password-save");
        savePassword.disableProperty().bind(password.textProperty().isEmpty());
        savePassword.setOnAction(event -> {
            rlnPassword.save().accept(password.getText());
            password.clear();
            password.setPromptText("Saved (type to replace)");
            passwordState.setText("Password saved, encrypted with your account.");
        });
        TextField index = new TextField(saved.membershipIndex());
        index.setId("rln-membership-index");
        index.setPromptText("0");
        index.setPrefColumnCount(4);
        TextField ethRpc = new TextField(saved.ethRpcUrls());
        ethRpc.setId("rln-eth-rpc");
        ethRpc.setPromptText("Ethereum RPC URL(s), comma separated (Linea Sepolia)");
        Runnable save = () -> settings.set(settings.get().withRln(
                new UiSettings.RlnMembership(keystore.getText(), index.getText(), ethRpc.getText())));
        keystore.textProperty().addListener((obs, old, now) -> save.run());
        index.textProperty().addListener((obs, old, now) -> save.run());
        ethRpc.textProperty().addListener((obs, old, now) -> save.run());
        Label how = new Label("The Waku Network relays only messages with an RLN proof: 100 messages per 10 minutes "
                + "per membership. How to get a membership, what it costs and on which chain: docs/rln.md.");
        how.setId("rln-how");
        how.setWrapText(true);
        how.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        HBox passwordRow = new HBox(8, password, savePassword);
        passwordRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(password, javafx.scene.layout.Priority.ALWAYS);
        VBox fields = new VBox(8,
                tile("RLN membership", "Your keystore, its password and which membership to use.", null),
                new HBox(8, keystore, choose), passwordRow, passwordState,
                tile("Membership index", "Which membership of the keystore (usually 0).", index),
                tile("Ethereum RPC", "Endpoints to follow the membership contract (nwaku's ethClientUrls).", null),
                ethRpc, how);
        fields.setId("rln-fields");
        return fields;
    }

    private static Label section(String title) {
        Label label = new Label(title);
        label.getStyleClass().addAll(Styles.TEXT_BOLD, Styles.ACCENT);
        return label;
    }

    private static Tile tile(String title, String description, javafx.scene.Node action) {
        Tile tile = new Tile(title, description);
        if (action != null) {
            tile.setAction(action);
        }
        tile.setActionHandler(null);
        // In the scrolling form a squeezed tile cuts its wrapped description off; keep its full height.
        tile.setMinHeight(Region.USE_PREF_SIZE);
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
