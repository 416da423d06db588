package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Optional;
import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.wakuchat.app.common.UiSettings;
import org.wakuchat.app.common.UiSettingsStore;

class SettingsUiTest extends AppUiTest {

    private final FakeAccounts accounts = FakeAccounts.existing(CLOCK, PASSPHRASE, engine -> { });

    @Override
    Optional<AccountsFactory> accounts() {
        return Optional.of(folder -> accounts);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aChosenThemeIsAppliedAndSaved(FxRobot robot) {
        unlock(robot);
        robot.clickOn("#settings-button");
        waitUntil(() -> robot.lookup("#theme-choice").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#theme-choice").queryAs(ComboBox.class).setValue(UiSettings.Theme.DARK));

        waitUntil(() -> Files.exists(dataFolder.resolve("ui-settings.properties"))
                && new UiSettingsStore(dataFolder).load().theme() == UiSettings.Theme.DARK);
        assertThat(javafx.application.Application.getUserAgentStylesheet()).containsIgnoringCase("dark");
        robot.interact(() -> robot.lookup("#theme-choice").queryAs(ComboBox.class).setValue(UiSettings.Theme.LIGHT));
    }
}
