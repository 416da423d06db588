package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.controls.Message;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.wakuchat.app.camera.CameraDevice;
import org.wakuchat.app.camera.CameraException;
import org.wakuchat.app.common.UiSettingsStore;
import org.wakuchat.app.demo.DemoChatEngine;

/** Add contact from a camera, through the real UI, with {@link FakeCameraSource} as the cameras. */
class AddContactCameraUiTest extends AppUiTest {

    private static final CameraDevice FRONT = new CameraDevice("/dev/video0", "Front camera");
    private static final CameraDevice BACK = new CameraDevice("/dev/video2", "USB webcam");

    private final FakeAccounts accounts = FakeAccounts.existing(CLOCK, PASSPHRASE, engine -> { });

    @Override
    Optional<AccountsFactory> accounts() {
        return Optional.of(folder -> accounts);
    }

    private void pressCamera(FxRobot robot) {
        robot.clickOn("#add-contact-button");
        waitUntil(() -> robot.lookup("#camera").tryQuery().map(Node::isVisible).orElse(false));
        robot.clickOn("#camera");
    }

    /** The node and all around it are visible. */
    private static boolean showing(FxRobot robot, String query) {
        Optional<Node> node = robot.lookup(query).tryQuery();
        for (Node at = node.orElse(null); at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return node.isPresent();
    }

    private static String feedback(FxRobot robot) {
        return robot.lookup("#add-contact-feedback").queryAs(Message.class).getDescription();
    }

    private static boolean previewShown(FxRobot robot) {
        return showing(robot, "#camera-panel") && robot.lookup("#camera-preview").queryAs(ImageView.class).getImage() != null;
    }

    @Test
    void scansAnInviteAndStopsTheCamera(FxRobot robot) {
        unlock(robot);
        robot.clickOn("#add-contact-button");
        waitUntil(() -> showing(robot, "#camera"));
        assertThat(cameras.listings.get()).as("no camera work before the button is pressed").isZero();
        robot.clickOn("#camera");
        waitUntil(() -> previewShown(robot) && text(robot, "#camera-status").equals("Looking for a QR code…"));
        assertThat(showing(robot, "#camera-picker")).as("no picker for a single camera").isFalse();
        assertThat(showing(robot, "#open-image")).as("the other ways in make room for the camera").isFalse();

        cameras.showing = FakeCameraSource.qr(DemoChatEngine.inviteLinkFor("Bob"));

        waitUntil(() -> showing(robot, "#invite-preview") && text(robot, "#invite-preview").equals("Start a chat with Bob?"));
        waitUntil(() -> cameras.openNow.get() == 0);
        assertThat(showing(robot, "#camera-panel")).isFalse();
        assertThat(cameras.opened).containsExactly(cameras.devices.getFirst());

        robot.clickOn("#accept-invite");
        waitUntil(() -> text(robot, "#chat-title").equals("Bob"));
    }

    @Test
    void aForeignCodeIsExplainedAndScanningGoesOn(FxRobot robot) {
        cameras.showing = FakeCameraSource.qr("https://example.com/menu");
        unlock(robot);
        pressCamera(robot);

        waitUntil(() -> showing(robot, "#add-contact-feedback") && feedback(robot).equals("This QR code is not a Waku Chat invite."));
        assertThat(showing(robot, "#camera-panel")).isTrue();
        assertThat(cameras.openNow.get()).isEqualTo(1);

        cameras.showing = FakeCameraSource.qr(DemoChatEngine.inviteLinkFor("Carol"));
        waitUntil(() -> showing(robot, "#invite-preview") && text(robot, "#invite-preview").equals("Start a chat with Carol?"));
        waitUntil(() -> cameras.openNow.get() == 0);
    }

    @Test
    void withoutACameraItSaysWhatToDoInstead(FxRobot robot) {
        cameras.devices = List.of();
        unlock(robot);
        pressCamera(robot);

        waitUntil(() -> showing(robot, "#add-contact-feedback"));
        assertThat(feedback(robot)).isEqualTo("No camera found. Connect one, or open an image of the QR code instead.");
        assertThat(showing(robot, "#camera-panel")).isFalse();
        assertThat(showing(robot, "#open-image")).isTrue();
        assertThat(cameras.opened).isEmpty();
    }

    @Test
    void withoutGStreamerItSaysHowToInstallIt(FxRobot robot) {
        cameras.listFailure = new CameraException(CameraException.Reason.NOT_INSTALLED,
                "The camera needs GStreamer, which is not installed. Install it with: sudo apt install gstreamer1.0-plugins-good");
        unlock(robot);
        pressCamera(robot);

        waitUntil(() -> showing(robot, "#add-contact-feedback"));
        assertThat(feedback(robot)).contains("sudo apt install gstreamer1.0-plugins-good");
        assertThat(showing(robot, "#camera-panel")).isFalse();
        assertThat(showing(robot, "#open-image")).isTrue();
    }

    @Test
    void aCameraThatMayNotBeUsedIsExplained(FxRobot robot) {
        cameras.openFailure = new CameraException(CameraException.Reason.PERMISSION_DENIED,
                "Waku Chat may not use this camera. Allow it in System Settings › Privacy & Security › Camera.");
        unlock(robot);
        pressCamera(robot);

        waitUntil(() -> showing(robot, "#add-contact-feedback"));
        assertThat(feedback(robot)).startsWith("Waku Chat may not use this camera.");
        assertThat(showing(robot, "#camera-panel")).isFalse();
    }

    @Test
    void cancelStopsTheCamera(FxRobot robot) {
        unlock(robot);
        pressCamera(robot);
        waitUntil(() -> previewShown(robot));

        robot.clickOn("#camera-cancel");

        waitUntil(() -> cameras.openNow.get() == 0);
        assertThat(showing(robot, "#camera-panel")).isFalse();
        assertThat(showing(robot, "#open-image")).isTrue();
        assertThat(showing(robot, "#add-contact-dialog")).isTrue();
    }

    @Test
    void closingTheDialogWithEscStopsTheCamera(FxRobot robot) {
        unlock(robot);
        pressCamera(robot);
        waitUntil(() -> previewShown(robot));

        robot.type(KeyCode.ESCAPE);

        waitUntil(() -> robot.lookup("#add-contact-dialog").tryQuery().isEmpty());
        waitUntil(() -> cameras.openNow.get() == 0);
    }

    @Test
    void theChosenCameraIsRememberedForNextTime(FxRobot robot) {
        cameras.devices = List.of(FRONT, BACK);
        unlock(robot);
        pressCamera(robot);
        waitUntil(() -> previewShown(robot) && showing(robot, "#camera-picker"));
        @SuppressWarnings("unchecked")
        ComboBox<CameraDevice> picker = robot.lookup("#camera-picker").queryAs(ComboBox.class);
        assertThat(picker.getItems()).containsExactly(FRONT, BACK);
        assertThat(cameras.opened).containsExactly(FRONT);

        robot.interact(() -> picker.getSelectionModel().select(BACK));

        waitUntil(() -> cameras.opened.size() == 2 && cameras.openNow.get() == 1
                && text(robot, "#camera-status").equals("Looking for a QR code…"));
        assertThat(cameras.opened).containsExactly(FRONT, BACK);
        assertThat(new UiSettingsStore(dataFolder).load().camera()).isEqualTo(BACK.id());

        robot.clickOn("#dialog-close");
        waitUntil(() -> cameras.openNow.get() == 0 && robot.lookup("#add-contact-dialog").tryQuery().isEmpty());
        pressCamera(robot);

        waitUntil(() -> cameras.opened.size() == 3 && previewShown(robot));
        assertThat(cameras.opened.getLast()).isEqualTo(BACK);
        assertThat(robot.lookup("#camera-picker").queryAs(ComboBox.class).getValue()).isEqualTo(BACK);
    }
}
