package org.wakuchat.app;

import java.time.Clock;
import java.util.Optional;
import javafx.application.Application;
import javafx.stage.Stage;
import org.wakuchat.app.common.SystemFileDialogs;
import org.wakuchat.app.demo.DemoAccounts;

/** The JavaFX application: picks the engine and hands over to {@link AppRoot}. */
public final class WakuChatApp extends Application {

    private AppRoot root;

    @Override
    public void start(Stage stage) {
        LaunchOptions options = LaunchOptions.parse(getParameters().getRaw());
        Clock clock = Clock.systemDefaultZone();
        root = new AppRoot(stage, accounts(options, clock), options.dataFolder(), new SystemFileDialogs(),
                uri -> getHostServices().showDocument(uri), clock);
        root.start();
    }

    @Override
    public void stop() {
        if (root != null) {
            root.shutdown();
        }
    }

    /**
     * The real engine is not part of this build yet; then the app says so. {@code --demo} runs an
     * in-memory stand-in instead. When chat-core ships its {@code Accounts} implementation, return
     * it here.
     */
    private static Optional<AccountsFactory> accounts(LaunchOptions options, Clock clock) {
        if (options.demo()) {
            return Optional.of(dataFolder -> DemoAccounts.withSampleChats(clock));
        }
        return Optional.empty();
    }
}
