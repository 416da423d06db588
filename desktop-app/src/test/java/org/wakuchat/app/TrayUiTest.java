package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import javafx.application.Platform;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.wakuchat.app.notify.DesktopShell;
import org.wakuchat.core.ConversationId;

/** The tray icon: unread count, and keeping the app running when the window is closed. */
class TrayUiTest extends AppUiTest {

    private final FakeDesktop tray = FakeDesktop.withTray();
    private ConversationId alice;
    private final FakeAccounts accounts = FakeAccounts.existing(CLOCK, PASSPHRASE, engine ->
            alice = engine.addContact("Alice", new byte[] {1, 2, 3}).id());

    @Override
    Optional<AccountsFactory> accounts() {
        return Optional.of(folder -> accounts);
    }

    @Override
    DesktopShell shell() {
        return tray;
    }

    @Override
    void afterShutdown() {
        Platform.setImplicitExit(false); // as TestFX keeps it: the next tests need the toolkit
    }

    @Test
    void theTrayFollowsTheUnreadCount(FxRobot robot) {
        unlock(robot);
        waitUntil(tray::trayShown);

        accounts.engine().receive(alice, "hello");

        waitUntil(() -> tray.unreadShown().contains(1));
    }

    @Test
    void withKeepInTrayOnClosingTheWindowHidesItAndTheTrayBringsItBack(FxRobot robot) {
        unlock(robot);
        waitUntil(tray::trayShown);
        robot.clickOn("#settings-button");
        waitUntil(() -> robot.lookup("#keep-in-tray").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#keep-in-tray").queryAs(atlantafx.base.controls.ToggleSwitch.class)
                .setSelected(true));
        waitUntil(() -> new org.wakuchat.app.common.UiSettingsStore(dataFolder).load().keepInTray() && !Platform.isImplicitExit());

        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        waitUntil(() -> !stage.isShowing());

        tray.clickTray();
        waitUntil(stage::isShowing);
        assertThat(stage.isIconified()).isFalse();
    }
}
