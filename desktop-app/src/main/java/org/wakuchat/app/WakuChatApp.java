package org.wakuchat.app;

import java.time.Clock;
import java.util.Optional;
import javafx.application.Application;
import javafx.stage.Stage;
import org.wakuchat.app.common.SystemFileDialogs;
import org.wakuchat.app.demo.DemoAccounts;
import org.wakuchat.core.time.SystemScheduler;

/** The JavaFX application: picks the engine and hands over to {@link AppRoot}. */
public final class WakuChatApp extends Application {

    static final String SMOKE_TEST_PROPERTY = "wakuchat.smokeTest";

    private AppRoot root;
    private final SystemScheduler scheduler = new SystemScheduler();

    @Override
    public void start(Stage stage) {
        LaunchOptions options = LaunchOptions.parse(getParameters().getRaw());
        Clock clock = Clock.systemDefaultZone();
        root = new AppRoot(stage, accounts(options, clock), options.dataFolder(), new SystemFileDialogs(),
                uri -> getHostServices().showDocument(uri), clock);
        root.start();
        if (Boolean.getBoolean(SMOKE_TEST_PROPERTY)) {
            closeSoonAfterTheFirstFrame(stage);
        }
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
