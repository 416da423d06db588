package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.wakuchat.app.common.QrCodes;

class InviteUiTest extends AppUiTest {

    private final FakeAccounts accounts = FakeAccounts.existing(CLOCK, PASSPHRASE, engine -> { });

    @Override
    Optional<AccountsFactory> accounts() {
        return Optional.of(folder -> accounts);
    }

    @Test
    void showsTheInviteAsAScannableQrCodeAndCopiesTheLink(FxRobot robot) {
        unlock(robot);
        robot.clickOn("#new-chat-button");
        waitUntil(() -> robot.lookup("#invite-qr").queryAs(ImageView.class).getImage() != null);

        String link = accounts.engine().currentInvite().link();
        ImageView qr = robot.lookup("#invite-qr").queryAs(ImageView.class);
        assertThat(QrCodes.decode(qr.getImage())).contains(link);
        assertThat(robot.lookup("#invite-link").queryTextInputControl().getText()).isEqualTo(link);
        assertThat(robot.lookup("#invite-expiry").queryLabeled().getText()).startsWith("Expires in 7 days");

        robot.clickOn("#copy-invite");
        AtomicReference<String> copied = new AtomicReference<>();
        robot.interact(() -> copied.set(Clipboard.getSystemClipboard().getString()));
        assertThat(copied.get()).isEqualTo(link);
        waitUntil(() -> robot.lookup(".toast").tryQuery().isPresent());
    }

    @Test
    void savesTheQrCodeAsPng(FxRobot robot) throws Exception {
        unlock(robot);
        robot.clickOn("#new-chat-button");
        waitUntil(() -> robot.lookup("#invite-qr").queryAs(ImageView.class).getImage() != null);
        files.nextSave = dataFolder.resolve("invite");

        robot.clickOn("#save-qr");
        waitUntil(() -> java.nio.file.Files.exists(dataFolder.resolve("invite.png")));
        assertThat(QrCodes.decode(dataFolder.resolve("invite.png"))).contains(accounts.engine().currentInvite().link());
    }

    @Test
    void newInviteRevokesTheOlderOnesOnlyWhenAsked(FxRobot robot) {
        unlock(robot);
        robot.clickOn("#new-chat-button");
        waitUntil(() -> robot.lookup("#invite-qr").queryAs(ImageView.class).getImage() != null);

        robot.clickOn("#rotate-invite");
        waitUntil(() -> accounts.engine().rotations().size() == 1);
        robot.clickOn("#revoke-older-invites");
        robot.clickOn("#rotate-invite");
        waitUntil(() -> accounts.engine().rotations().size() == 2);

        assertThat(accounts.engine().rotations()).containsExactly(false, true);
        String link = accounts.engine().currentInvite().link();
        waitUntil(() -> robot.lookup("#invite-link").queryTextInputControl().getText().equals(link));
        assertThat(QrCodes.decode(robot.lookup("#invite-qr").queryAs(ImageView.class).getImage())).contains(link);
    }

    @Test
    void ctrlNOpensAndEscapeClosesTheInvite(FxRobot robot) {
        unlock(robot);
        robot.press(KeyCode.CONTROL).type(KeyCode.N).release(KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#invite-dialog").tryQuery().isPresent());
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#invite-dialog").tryQuery().isEmpty());
    }
}
