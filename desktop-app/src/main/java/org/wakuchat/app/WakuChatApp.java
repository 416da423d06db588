package org.wakuchat.app;

import java.time.Clock;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.wakuchat.app.common.SystemFileDialogs;
import org.wakuchat.app.demo.DemoAccounts;
import org.wakuchat.core.time.SystemScheduler;

/** The JavaFX application: picks the engine and hands over to {@link AppRoot}. */
public final class WakuChatApp extends Application {

    static final String SMOKE_TEST_PROPERTY = "wakuchat.smokeTest";

    private AppRoot root;
    private SingleInstance instance;
    private final SystemScheduler scheduler = new SystemScheduler();

    @Override
    public void start(Stage stage) {
        LaunchOptions options = LaunchOptions.parse(getParameters().getRaw());
        if (!claimDataFolder(options)) {
            Platform.exit(); // the running app got the request
            return;
        }
        Clock clock = Clock.systemDefaultZone();
        root = new AppRoot(stage, accounts(options, clock), options.dataFolder(), new SystemFileDialogs(),
                uri -> getHostServices().showDocument(uri), clock);
        root.start();
        root.open(options.inviteLink());
        MacOpenUriHandler.installOnMac(link -> Platform.runLater(() -> root.open(java.util.Optional.of(link))));
        if (Boolean.getBoolean(SMOKE_TEST_PROPERTY)) {
            closeSoonAfterTheFirstFrame(stage);
        }
    }

    /** True when this launch runs the app; false when it handed its request to the one already running. */
    private boolean claimDataFolder(LaunchOptions options) {
        try {
            instance = SingleInstance.claim(options.dataFolder(),
                    request -> Platform.runLater(() -> {
                        if (root != null) {
                            root.open(request.inviteLink());
                        }
                    })).orElse(null);
        } catch (java.io.IOException e) {
            return true; // no lock (read-only folder?): run anyway rather than not at all
        }
        return instance != null
                || !SingleInstance.forward(options.dataFolder(), new SingleInstance.Request(options.inviteLink()));
    }

    /** Packaging's smoke test and start-up cache training: show the first window, then quit cleanly. */
    private static void closeSoonAfterTheFirstFrame(Stage stage) {
        var pause = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(1));
        pause.setOnFinished(done -> javafx.application.Platform.exit());
        if (stage.isShowing()) {
            pause.play();
        } else {
            stage.setOnShown(shown -> pause.play());
        }
    }

    @Override
    public void stop() {
        if (root != null) {
            root.shutdown();
        }
        if (instance != null) {
            instance.close();
        }
        scheduler.close();
    }

    /** The real engine on an in-process nwaku node; {@code --demo} runs an in-memory stand-in with sample chats. */
    private Optional<AccountsFactory> accounts(LaunchOptions options, Clock clock) {
        if (options.demo()) {
            return Optional.of(dataFolder -> DemoAccounts.withSampleChats(clock));
        }
        return Optional.of(new NwakuAccounts(scheduler));
    }
}
