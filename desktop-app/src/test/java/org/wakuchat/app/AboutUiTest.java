package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

class AboutUiTest extends AppUiTest {

    private final FakeAccounts accounts = FakeAccounts.existing(CLOCK, PASSPHRASE, engine -> { });

    @Override
    Optional<AccountsFactory> accounts() {
        return Optional.of(folder -> accounts);
    }

    @Test
    void settingsOpenAboutWithTheLicencesOfEverythingBundled(FxRobot robot) {
        unlock(robot);
        robot.clickOn("#settings-button");
        waitUntil(() -> robot.lookup("#about-button").tryQuery().isPresent());
        robot.moveTo("#settings-scroll").scroll(30, javafx.geometry.VerticalDirection.DOWN);
        robot.clickOn("#about-button");
        waitUntil(() -> robot.lookup("#third-party-notices").tryQuery().isPresent());

        String notices = robot.lookup("#third-party-notices").queryAs(TextArea.class).getText();
        assertThat(notices).contains("nwaku's libwaku", "MIT licence", "Classpath Exception")
                .contains("AtlantaFX", "Bouncy Castle", "SQLite JDBC", "Java Native Access", "ZXing Core",
                        "Protocol Buffers");
        assertThat(robot.lookup("#about-dialog").tryQuery()).isPresent();
        robot.clickOn("#dialog-close");
        waitUntil(() -> robot.lookup("#about-dialog").tryQuery().isEmpty());
    }
}
