package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

class OnboardingUiTest extends AppUiTest {

    private final FakeAccounts accounts = FakeAccounts.fresh(CLOCK);

    @Override
    Optional<AccountsFactory> accounts() {
        return Optional.of(folder -> accounts);
    }

    @Test
    void createsTheAccountAndOpensTheMainWindow(FxRobot robot) {
        waitUntil(() -> text(robot, "#onboarding-submit").equals("Create account"));
        // the cursor starts in the display name; Tab goes on to the passphrase
        try {
            waitUntil(() -> stage.getScene().getFocusOwner() != null && "display-name".equals(stage.getScene().getFocusOwner().getId()));
        } catch (AssertionError e) {
            throw new AssertionError("focus owner " + stage.getScene().getFocusOwner() + " focused=" + stage.isFocused() + " showing=" + stage.isShowing(), e);
        }
        robot.write("Alice").type(KeyCode.TAB).write("correct horse battery staple");
        waitUntil(() -> text(robot, "#strength-label").startsWith("Very strong") || text(robot, "#strength-label").startsWith("Strong"));
        robot.clickOn("#confirm-passphrase").write("correct horse battery staple").type(KeyCode.ENTER);

        waitUntil(() -> robot.lookup("#new-chat-button").tryQuery().isPresent());
        assertThat(accounts.exists()).isTrue();
        assertThat(accounts.engine().account().displayName()).isEqualTo("Alice");
        assertThat(stage.getTitle()).isEqualTo("Waku Chat");
    }

    @Test
    void aStrongPassphraseSubmittedBeforeItsRatingShowsIsAccepted(FxRobot robot) {
        waitUntil(() -> text(robot, "#onboarding-submit").equals("Create account"));
        robot.interact(() -> { // typed and submitted within one frame, as a fast typist or a password manager does
            robot.lookup("#display-name").queryTextInputControl().setText("Alice");
            robot.lookup("#passphrase").queryTextInputControl().setText("correct horse battery staple");
            robot.lookup("#confirm-passphrase").queryTextInputControl().setText("correct horse battery staple");
            robot.lookup("#onboarding-submit").queryButton().fire();
        });
        waitUntil(() -> robot.lookup("#new-chat-button").tryQuery().isPresent());
        assertThat(accounts.engine().account().displayName()).isEqualTo("Alice");
    }

    @Test
    void refusesAWeakPassphraseWithAnInlineMessage(FxRobot robot) {
        waitUntil(() -> text(robot, "#onboarding-submit").equals("Create account"));
        robot.clickOn("#display-name").write("Alice");
        robot.clickOn("#passphrase").write("password");
        robot.clickOn("#confirm-passphrase").write("password");
        waitUntil(() -> text(robot, "#strength-label").startsWith("Very weak"));
        robot.clickOn("#onboarding-submit");

        waitUntil(() -> robot.lookup("#onboarding-error").query().isVisible());
        assertThat(accounts.exists()).isFalse();
    }

    @Test
    void refusesDifferingConfirmation(FxRobot robot) {
        waitUntil(() -> text(robot, "#onboarding-submit").equals("Create account"));
        robot.clickOn("#display-name").write("Alice");
        robot.clickOn("#passphrase").write("correct horse battery staple");
        robot.clickOn("#confirm-passphrase").write("correct horse battery stapler");
        waitUntil(() -> !text(robot, "#strength-label").isEmpty());
        robot.clickOn("#onboarding-submit");

        waitUntil(() -> robot.lookup("#onboarding-error").query().isVisible());
        assertThat(robot.lookup("#onboarding-error").queryAs(atlantafx.base.controls.Message.class).getDescription())
                .contains("differ");
        assertThat(accounts.exists()).isFalse();
    }
}
