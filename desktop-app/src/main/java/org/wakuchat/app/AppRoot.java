package org.wakuchat.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.wakuchat.app.camera.CameraSource;
import org.wakuchat.app.camera.GStreamerCameraSource;
import org.wakuchat.app.common.AppServices;
import org.wakuchat.app.common.Controller;
import org.wakuchat.app.common.DesktopLinks;
import org.wakuchat.app.common.FileDialogs;
import org.wakuchat.app.common.TimeFormat;
import org.wakuchat.app.common.Toaster;
import org.wakuchat.app.common.UiExecutor;
import org.wakuchat.app.common.UiSettings;
import org.wakuchat.app.common.UiSettingsStore;
import org.wakuchat.app.main.MainController;
import org.wakuchat.app.notify.DesktopIntegration;
import org.wakuchat.app.notify.DesktopShell;
import org.wakuchat.app.onboarding.OnboardingController;
import org.wakuchat.app.status.StatusController;
import org.wakuchat.core.Accounts;
import org.wakuchat.core.ChatEngine;

/**
 * The composition root: one window with the current screen (onboarding, then the main window)
 * above the always-visible status bar. Owns the engine, the background executor and the settings.
 */
public final class AppRoot {

    private final Stage stage;
    private final Optional<AccountsFactory> accounts;
    private final UiSettingsStore settingsStore;
    private final ObjectProperty<UiSettings> settings = new SimpleObjectProperty<>();
    private final UiExecutor executor = new UiExecutor();
    private final StackPane content = new StackPane();
    private final StackPane toastLayer = new StackPane();
    private final StatusController status;
    private final AppServices services;
    private final DesktopIntegration desktop;
    private Controller screen;
    private MainController main;
    private String pendingInvite;
    private ChatEngine engine;
    private javafx.util.Subscription colorSchemeWatch;
    private final PauseTransition settle = new PauseTransition(Duration.seconds(3));
    /** The settings as last read or written: unchanged settings are not written again (at start, for one). */
    private UiSettings saved;
    private String themeStylesheet;

    public AppRoot(Stage stage, Optional<AccountsFactory> accounts, Path dataFolder, FileDialogs files,
                   DesktopLinks links, Clock clock) {
        this(stage, accounts, dataFolder, files, links, clock, new GStreamerCameraSource(), DesktopShell.forThisSystem());
    }

    /**
     * With these cameras (GStreamer loads only when the user opens the camera) and the desktop's
     * notifications and tray from {@code shell}.
     */
    public AppRoot(Stage stage, Optional<AccountsFactory> accounts, Path dataFolder, FileDialogs files,
                   DesktopLinks links, Clock clock, CameraSource cameras, DesktopShell shell) {
        this.stage = stage;
        this.accounts = accounts;
        this.settingsStore = new UiSettingsStore(dataFolder);
        settings.set(settingsStore.load());
        saved = settings.get();
        // The theme before the first control is made: Control's class initialiser loads JavaFX's own
        // Modena stylesheet when no user-agent stylesheet is set, only for the theme to replace it.
        applyTheme(settings.get());
        Toaster toaster = new Toaster(toastLayer);
        this.status = new StatusController(clock, toaster::show);
        this.services = new AppServices(executor, new TimeFormat(clock), files, links, toaster, settings, dataFolder,
                cameras);
        this.desktop = new DesktopIntegration(stage, settings, toaster, clock, shell);
    }

    /** Shows the window at once; opening the account store and the first screen come right after. */
    public void start() {
        BorderPane frame = new BorderPane(content);
        frame.setBottom(status.view());
        toastLayer.setPickOnBounds(false);
        StackPane root = new StackPane(frame, toastLayer);
        root.getStyleClass().add("app-root");
        Scene scene = new Scene(root, 1000, 680);
        scene.getStylesheets().add(Objects.requireNonNull(AppRoot.class.getResource("app.css")).toExternalForm());
        WindowPlacement.restore(stage, settings.get().window());
        stage.setScene(scene);
        stage.titleProperty().unbind();
        stage.setTitle("Waku Chat");
        stage.setMinWidth(640);
        stage.setMinHeight(420);
        settings.subscribe(this::apply);
        colorSchemeWatch = Platform.getPreferences().colorSchemeProperty().subscribe(scheme -> apply(settings.get()));
        stage.setOnCloseRequest(event -> settings.set(settings.get().withWindow(WindowPlacement.of(stage))));
        stage.show();
        desktop.start();
        Platform.runLater(this::showOnboarding);
    }

    /**
     * Brings the window forward and, with a link, opens Add contact with it; before the account is
     * unlocked the link waits until it is. Call on the FX thread.
     */
    public void open(Optional<String> inviteLink) {
        stage.setIconified(false);
        stage.toFront();
        stage.requestFocus();
        inviteLink.ifPresent(link -> {
            if (main != null) {
                main.addContact(link);
            } else {
                pendingInvite = link;
            }
        });
    }

    public void shutdown() {
        settle.stop();
        if (colorSchemeWatch != null) {
            colorSchemeWatch.unsubscribe();
        }
        if (screen != null) {
            screen.onDeactivate();
        }
        status.onDeactivate();
        desktop.close();
        save(settings.get());
        if (engine != null) {
            ChatEngine closing = engine;
            executor.run(closing::close);
        }
        executor.close();
    }

    private void showOnboarding() {
        Optional<Accounts> store = accounts.map(factory -> factory.open(services.dataFolder()));
        if (store.isEmpty()) {
            status.showNoEngine();
        }
        show(new OnboardingController(store, executor, this::onUnlocked));
    }

    private void onUnlocked(ChatEngine unlocked) {
        engine = unlocked;
        status.follow(unlocked);
        main = new MainController(unlocked, services);
        MainController opened = main;
        status.offerReliabilityReport(opened::reliabilityReport);
        stage.titleProperty().bind(main.title());
        show(main);
        desktop.follow(unlocked, main);
        executor.run(unlocked::start);
        // The passphrase's key derivation left 64 MiB of garbage in the old generation, and building
        // the main window adds more; one full collection once that has settled hands it back to the
        // system (the heap would otherwise stay that large while idle).
        settle.setOnFinished(done -> executor.run(System::gc));
        settle.playFromStart();
        if (pendingInvite != null) {
            String link = pendingInvite;
            pendingInvite = null;
            Platform.runLater(() -> opened.addContact(link)); // once the main window has had its first layout
        }
    }

    private void show(Controller next) {
        if (screen != null) {
            screen.onDeactivate();
        }
        screen = next;
        Parent view = next.view();
        content.getChildren().setAll(view);
        next.onActivate();
    }

    private void apply(UiSettings current) {
        if (current == null) {
            return;
        }
        applyTheme(current);
        if (stage.getScene() != null) {
            stage.getScene().getRoot().setStyle("-fx-font-size: " + current.textSize().points() + "px;");
        }
        save(current);
    }

    /** Sets the theme's stylesheet when it differs from the one set: setting it again restyles every window. */
    private void applyTheme(UiSettings current) {
        boolean dark = switch (current.theme()) {
            case DARK -> true;
            case LIGHT -> false;
            case SYSTEM -> Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
        };
        // the pre-compiled (binary) form of the theme: parsing its CSS text delayed the first window
        String stylesheet = dark ? new PrimerDark().getUserAgentStylesheetBSS()
                : new PrimerLight().getUserAgentStylesheetBSS();
        if (!stylesheet.equals(themeStylesheet)) {
            Application.setUserAgentStylesheet(stylesheet);
            themeStylesheet = stylesheet;
        }
    }

    private void save(UiSettings current) {
        if (!current.equals(saved)) {
            settingsStore.save(current);
            saved = current;
        }
    }
}
