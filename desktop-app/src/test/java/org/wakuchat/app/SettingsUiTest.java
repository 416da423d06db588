package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Optional;
import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.wakuchat.app.common.UiSettings;
import org.wakuchat.app.common.UiSettingsStore;
import org.wakuchat.app.common.NetworkSettings;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.SealedSettings;
import org.wakuchat.core.transport.NetworkConfig;
import org.wakuchat.core.transport.RlnProblems;
import java.nio.file.Path;

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

    @Test
    @SuppressWarnings("unchecked")
    void theWakuNetworkTakesAnRlnMembershipAndSealsItsPassword(FxRobot robot) throws Exception {
        unlock(robot);
        robot.clickOn("#settings-button");
        waitUntil(() -> robot.lookup("#network-choice").tryQuery().isPresent());
        assertThat(robot.lookup("#network-choice").queryAs(ComboBox.class).getValue())
                .as("new accounts start on the community network").isEqualTo(UiSettings.NetworkPreset.COMMUNITY);
        assertThat(robot.lookup("#rln-fields").query().isVisible()).isFalse();

        robot.interact(() -> robot.lookup("#network-choice").queryAs(ComboBox.class)
                .setValue(UiSettings.NetworkPreset.THE_WAKU_NETWORK));
        waitUntil(() -> robot.lookup("#rln-fields").query().isVisible());
        robot.interact(() -> {
            robot.lookup("#rln-keystore").queryTextInputControl().setText("/home/me/rlnKeystore.json");
            robot.lookup("#rln-membership-index").queryTextInputControl().setText("2");
            robot.lookup("#rln-eth-rpc").queryTextInputControl().setText("https://rpc.example.org, https://rpc2.example.org");
            robot.lookup("#rln-password").queryTextInputControl().setText("keystore secret");
        });
        robot.interact(() -> robot.lookup("#rln-password-save").queryButton().fire()); // below the fold of the dialog

        waitUntil(() -> accounts.engine().sealedSettings().get(SealedSettings.RLN_KEYSTORE_PASSWORD).isPresent());
        assertThat(accounts.engine().sealedSettings().get(SealedSettings.RLN_KEYSTORE_PASSWORD)).contains("keystore secret");
        assertThat(text(robot, "#rln-password-state")).isEqualTo("Password saved, encrypted with your account.");
        assertThat(robot.lookup("#rln-password").queryTextInputControl().getText()).isEmpty();
        waitUntil(() -> new UiSettingsStore(dataFolder).load().rln().keystore().equals("/home/me/rlnKeystore.json"));
        assertThat(Files.readString(dataFolder.resolve("ui-settings.properties"))).doesNotContain("keystore secret");

        UiSettings saved = new UiSettingsStore(dataFolder).load();
        NetworkConfig network = NetworkSettings.withRlnPassword(NetworkSettings.network(saved), "keystore secret");
        assertThat(network.clusterId()).isEqualTo(1);
        assertThat(network.rln().keystore()).contains(Path.of("/home/me/rlnKeystore.json"));
        assertThat(network.rln().membershipIndex()).hasValue(2);
        assertThat(network.rln().ethClientUrls()).containsExactly("https://rpc.example.org", "https://rpc2.example.org");
        assertThat(network.rln().keystorePassword()).isEqualTo("keystore secret");
        assertThat(RlnProblems.missingMembership(network)).isEmpty();
        assertThat(text(robot, "#network-note")).contains("take effect when your node restarts");
    }

    @Test
    void theStatusLineSaysTheWakuNetworkNeedsAMembershipAndHowToGetOne(FxRobot robot) {
        unlock(robot);
        String explanation = RlnProblems.missingMembership(NetworkConfig.theWakuNetwork()).orElseThrow();
        accounts.engine().setStatus(new EngineStatus(EngineStatus.State.UNAVAILABLE, 0, explanation, Optional.empty(), false,
                Optional.empty(), 2));

        waitUntil(() -> text(robot, "#status-headline").equals("The Waku Network needs an RLN membership"));
        assertThat(text(robot, "#status-detail")).isEqualTo("Messages are kept. Add yours in Settings → Network, "
                + "or choose the community network.");
        robot.clickOn("#status-how-to-fix");
        waitUntil(() -> robot.lookup("#status-explanation").tryQuery().isPresent());
        assertThat(robot.lookup("#status-explanation").queryTextInputControl().getText())
                .contains("Settings → Network → The Waku Network", "docs/rln.md");
        robot.interact(() -> ((javafx.stage.Stage) robot.lookup("#status-explanation").query().getScene().getWindow()).close());

        String noRln = RlnProblems.explainCreateFailure("waku_new failed (code 1): failed to mount WakuRlnRelay: "
                + "could not create RLN instance: error in parameters generation").orElseThrow();
        accounts.engine().setStatus(new EngineStatus(EngineStatus.State.UNAVAILABLE, 0, noRln, Optional.empty(), false,
                Optional.empty(), 2));
        waitUntil(() -> text(robot, "#status-headline").equals("This libwaku has no RLN support"));
    }
}
