package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Application;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.wakuchat.app.common.UiSettings;
import org.wakuchat.app.common.UiSettingsStore;

/** What happens on the way to the first window, which must be quick: only what that window needs. */
class StartupUiTest extends AppUiTest {

    /** As an earlier version wrote it: fewer keys than now. */
    private static final String EARLIER_SETTINGS = "# Waku Chat window and appearance settings\ntheme=LIGHT\ntextSize=LARGE\n";

    private final FakeAccounts accounts = FakeAccounts.existing(CLOCK, PASSPHRASE, engine -> { });

    @Override
    Optional<AccountsFactory> accounts() {
        return Optional.of(folder -> accounts);
    }

    @Override
    void beforeStart() throws Exception {
        Files.writeString(settingsFile(), EARLIER_SETTINGS);
    }

    private Path settingsFile() {
        return dataFolder.resolve("ui-settings.properties");
    }

    @Test
    void startsWithTheSavedSettingsAndWritesThemOnlyWhenTheyChange(FxRobot robot) throws Exception {
        waitUntil(() -> robot.lookup("#onboarding-title").queryLabeled().getText().startsWith("Unlock"));
        assertThat(stage.getScene().getRoot().getStyle()).as("the saved text size").contains("16px");
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerLight().getUserAgentStylesheetBSS());
        assertThat(Files.readString(settingsFile())).as("unchanged settings are not written at start")
                .isEqualTo(EARLIER_SETTINGS);

        unlock(robot);
        robot.clickOn("#settings-button");
        waitUntil(() -> robot.lookup("#theme-choice").tryQuery().isPresent());
        robot.interact(() -> themeChoice(robot).setValue(UiSettings.Theme.DARK));
        waitUntil(() -> new UiSettingsStore(dataFolder).load().theme() == UiSettings.Theme.DARK);
        assertThat(Application.getUserAgentStylesheet()).containsIgnoringCase("dark");
        assertThat(new UiSettingsStore(dataFolder).load().textSize()).isEqualTo(UiSettings.TextSize.LARGE);
        robot.interact(() -> themeChoice(robot).setValue(UiSettings.Theme.LIGHT)); // the next tests' theme
        waitUntil(() -> new UiSettingsStore(dataFolder).load().theme() == UiSettings.Theme.LIGHT);
    }

    /** The tooltip is made on the first hover (not before the first window) and follows the status from then on. */
    @Test
    void theStatusDetailHasItsTooltipOnceThePointerComesOverIt(FxRobot robot) {
        waitUntil(() -> robot.lookup("#onboarding-title").queryLabeled().getText().startsWith("Unlock"));
        Label detail = robot.lookup("#status-detail").queryAs(Label.class);

        robot.moveTo(detail);

        waitUntil(() -> detail.getTooltip() != null);
        assertThat(detail.getTooltip().getText()).isEqualTo(expectedTooltip(robot));
        unlock(robot);
        waitUntil(() -> !text(robot, "#status-headline").startsWith("Locked"));
        waitUntil(() -> detail.getTooltip().getText().equals(expectedTooltip(robot)));
    }

    private static String expectedTooltip(FxRobot robot) {
        String detail = text(robot, "#status-detail");
        return detail.isBlank() ? text(robot, "#status-headline") : detail;
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<UiSettings.Theme> themeChoice(FxRobot robot) {
        return robot.lookup("#theme-choice").queryAs(ComboBox.class);
    }
}
