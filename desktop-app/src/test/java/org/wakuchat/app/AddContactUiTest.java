package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.controls.Message;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.wakuchat.app.common.QrCodes;
import org.wakuchat.app.demo.DemoChatEngine;

class AddContactUiTest extends AppUiTest {

    private final FakeAccounts accounts = FakeAccounts.existing(CLOCK, PASSPHRASE, engine -> { });

    @Override
    Optional<AccountsFactory> accounts() {
        return Optional.of(folder -> accounts);
    }

    private Path qrPng(String content) throws Exception {
        Path file = Files.createTempFile(dataFolder, "qr", ".png");
        QrCodes.savePng(QrCodes.matrix(content), 4, file);
        return file;
    }

    private String feedback(FxRobot robot) {
        return robot.lookup("#add-contact-feedback").queryAs(Message.class).getDescription();
    }

    private void openImage(FxRobot robot, Path image) {
        files.nextImage = image;
        robot.clickOn("#add-contact-button");
        waitUntil(() -> robot.lookup("#open-image").tryQuery().isPresent());
        robot.clickOn("#open-image");
    }

    @Test
    void addsAContactFromAQrCodeImage(FxRobot robot) throws Exception {
        unlock(robot);
        openImage(robot, qrPng(DemoChatEngine.inviteLinkFor("Bob")));

        waitUntil(() -> text(robot, "#invite-preview").equals("Start a chat with Bob?"));
        robot.clickOn("#accept-invite");

        waitUntil(() -> text(robot, "#chat-title").equals("Bob"));
        assertThat(accounts.engine().conversations()).extracting(c -> c.displayName()).containsExactly("Bob");
        waitUntil(() -> robot.lookup("#add-contact-dialog").tryQuery().isEmpty());
    }

    @Test
    void anInviteLinkOpenedByTheSystemOpensAddContactWithIt(FxRobot robot) {
        String link = DemoChatEngine.inviteLinkFor("Dora");
        robot.interact(() -> root.open(Optional.of(link))); // before unlocking: waits for the account
        unlock(robot);
        waitUntil(() -> robot.lookup("#invite-preview").tryQuery().isPresent()
                && text(robot, "#invite-preview").equals("Start a chat with Dora?"));
        assertThat(robot.lookup("#invite-input").queryTextInputControl().getText()).isEqualTo(link);

        robot.clickOn("#dialog-close");
        waitUntil(() -> robot.lookup("#add-contact-dialog").tryQuery().isEmpty());
        robot.interact(() -> root.open(Optional.of(DemoChatEngine.inviteLinkFor("Erin")))); // while running
        waitUntil(() -> robot.lookup("#invite-preview").tryQuery().isPresent()
                && text(robot, "#invite-preview").equals("Start a chat with Erin?"));
    }

    @Test
    void aForeignQrCodeIsNotTakenForAnInvite(FxRobot robot) throws Exception {
        unlock(robot);
        openImage(robot, qrPng("https://example.com/menu"));
        waitUntil(() -> robot.lookup("#add-contact-feedback").query().isVisible());
        assertThat(feedback(robot)).isEqualTo("This QR code is not a Waku Chat invite.");
        assertThat(text(robot, "#invite-preview")).isEmpty();
    }

    @Test
    void anImageWithoutQrCodeSaysSo(FxRobot robot) throws Exception {
        unlock(robot);
        Path blank = dataFolder.resolve("blank.png");
        ImageIO.write(new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB), "png", blank.toFile());
        openImage(robot, blank);
        waitUntil(() -> robot.lookup("#add-contact-feedback").query().isVisible());
        assertThat(feedback(robot)).startsWith("No QR code found in this image");
    }

    @Test
    void aFileThatIsNoImageSaysSo(FxRobot robot) throws Exception {
        unlock(robot);
        Path garbage = dataFolder.resolve("garbage.png");
        Files.write(garbage, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        openImage(robot, garbage);
        waitUntil(() -> robot.lookup("#add-contact-feedback").query().isVisible());
        assertThat(feedback(robot)).startsWith("This file is not an image");
    }

    @Test
    void aPastedLinkIsPreviewedAndABrokenOneExplained(FxRobot robot) {
        unlock(robot);
        robot.clickOn("#add-contact-button");
        robot.clickOn("#invite-input").write("wakuchat://invite/!!!").clickOn("#check-invite");
        waitUntil(() -> robot.lookup("#add-contact-feedback").query().isVisible());
        assertThat(feedback(robot)).isEqualTo("This is not a Waku Chat invite.");

        robot.interact(() -> robot.lookup("#invite-input").queryTextInputControl().setText(DemoChatEngine.inviteLinkFor("Dora")));
        robot.clickOn("#check-invite");
        waitUntil(() -> text(robot, "#invite-preview").equals("Start a chat with Dora?"));
    }
}
