package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.controls.Message;
import java.util.Optional;
import javafx.scene.control.PasswordField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

class UnlockUiTest extends AppUiTest {

    private final FakeAccounts accounts = FakeAccounts.existing(CLOCK, PASSPHRASE, engine -> { });

    @Override
    Optional<AccountsFactory> accounts() {
        return Optional.of(folder -> accounts);
    }

    @Test
    void wrongPassphraseSaysSoAndKeepsTheUnlockScreen(FxRobot robot) {
        waitUntil(() -> text(robot, "#onboarding-title").equals("Unlock Waku Chat"));
        robot.clickOn("#passphrase").write("not it").type(KeyCode.ENTER);

        waitUntil(() -> robot.lookup("#onboarding-error").query().isVisible());
        assertThat(robot.lookup("#onboarding-error").queryAs(Message.class).getTitle()).isEqualTo("Wrong passphrase");
        assertThat(robot.lookup("#passphrase").queryAs(PasswordField.class).getText()).isEmpty();
        assertThat(robot.lookup("#new-chat-button").tryQuery()).isEmpty();
    }

    @Test
    void rightPassphraseOpensTheMainWindow(FxRobot robot) {
        unlock(robot);
        assertVisible(robot, "#conversation-list");
    }

    @Test
    void theStatusLineGoesStraightToStartingNeverStopped(FxRobot robot) {
        waitUntil(() -> robot.lookup("#status-headline").tryQuery().isPresent());
        java.util.List<String> shown = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> robot.lookup("#status-headline").queryLabeled().textProperty()
                .subscribe(text -> shown.add(text == null ? "" : text)));
        unlock(robot);

        waitUntil(() -> shown.contains("Starting…"));
        assertThat(shown).doesNotContain("Stopped");
    }
}
