package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import javafx.scene.control.Button;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

class NoEngineUiTest extends AppUiTest {

    @Override
    Optional<AccountsFactory> accounts() {
        return Optional.empty();
    }

    @Test
    void saysTheEngineIsNotAvailableAndOffersNoAccount(FxRobot robot) {
        waitUntil(() -> robot.lookup("#no-engine-message").query().isVisible());
        assertThat(text(robot, "#status-headline")).isEqualTo("Chat engine not available yet");
        assertThat(text(robot, "#status-detail")).contains("--demo");
        assertThat(robot.lookup("#onboarding-submit").queryAs(Button.class).isDisabled()).isTrue();
    }
}
