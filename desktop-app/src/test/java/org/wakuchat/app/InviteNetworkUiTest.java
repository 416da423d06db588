package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.wakuchat.app.common.UiSettings;
import org.wakuchat.app.common.UiSettingsStore;
import org.wakuchat.app.demo.DemoChatEngine;
import org.wakuchat.core.invite.InviteNetwork;

/** The invite preview tells when the inviter is on another network, and joins it on request. */
class InviteNetworkUiTest extends AppUiTest {

    static final String SERVICE_NODE = "/ip4/192.0.2.10/tcp/60000/p2p/16Uiu2HAmPLe7Mzm8TsYUubgCAW1aJoeFScxrLj8ppHFivPo97bUZ";
    static final String OTHER_NODE = "/dns4/node.example.org/tcp/60000/p2p/16Uiu2HAkv4gRqM4NDfzE2tGHvdA4QjoKGQMBVxPgSULZGFJg2mZk";

    private volatile Optional<InviteNetwork> invitersNetwork = Optional.empty();
    private final FakeAccounts accounts = FakeAccounts.existing(CLOCK, PASSPHRASE,
            engine -> engine.setPreviewedInviteNetwork(invitersNetwork));

    @Override
    Optional<AccountsFactory> accounts() {
        return Optional.of(folder -> accounts);
    }

    private void preview(FxRobot robot, String name) {
        robot.clickOn("#add-contact-button");
        waitUntil(() -> robot.lookup("#invite-input").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#invite-input").queryTextInputControl().setText(DemoChatEngine.inviteLinkFor(name)));
        robot.clickOn("#invite-input").type(javafx.scene.input.KeyCode.ENTER);
        waitUntil(() -> text(robot, "#invite-preview").equals("Start a chat with " + name + "?"));
    }

    @Test
    void anInviteFromAnotherNetworkSaysSoAndJoinsItFromTheNextStart(FxRobot robot) {
        unlock(robot);
        accounts.engine().setPreviewedInviteNetwork(Optional.of(new InviteNetwork(4242, List.of(SERVICE_NODE))));
        preview(robot, "Bob");

        assertThat(text(robot, "#invite-network-note")).isEqualTo("Bob is on cluster 4242; you are on the Waku Chat "
                + "community network. To reach them, join their network (their invite names 1 node to connect to). "
                + "It takes effect when your node restarts; nothing you write is lost.");
        assertThat(robot.lookup("#join-network").queryButton().getText()).isEqualTo("Join cluster 4242");
        assertThat(robot.lookup("#join-network").queryButton().isVisible()).isTrue();

        robot.interact(() -> robot.lookup("#join-network").queryButton().fire());

        waitUntil(() -> new UiSettingsStore(dataFolder).load().network() == UiSettings.NetworkPreset.PRIVATE_CLUSTER);
        UiSettings saved = new UiSettingsStore(dataFolder).load();
        assertThat(saved.clusterId()).isEqualTo("4242");
        assertThat(saved.bootstrapNodes()).isEqualTo(SERVICE_NODE);
        assertThat(text(robot, "#invite-network-note")).startsWith("You are joining cluster 4242. Your node connects there "
                + "the next time Waku Chat starts");
        assertThat(robot.lookup("#join-network").queryButton().isVisible()).isFalse();

        robot.clickOn("#accept-invite"); // the chat starts at once; the first message waits in the queue
        waitUntil(() -> text(robot, "#chat-title").equals("Bob"));
    }

    @Test
    void anInviteFromMyNetworkAddsItsNewNodesToMyPeersWhenIAcceptIt(FxRobot robot) {
        unlock(robot);
        int community = org.wakuchat.core.transport.CommunityNetwork.ofThisBuild().clusterId();
        accounts.engine().setPreviewedInviteNetwork(Optional.of(new InviteNetwork(community, List.of(SERVICE_NODE, OTHER_NODE))));
        preview(robot, "Carol");

        assertThat(text(robot, "#invite-network-note")).isEqualTo("Their invite names 2 nodes of your network that you do not "
                + "use yet; starting the chat adds them to your peers.");
        assertThat(robot.lookup("#join-network").queryButton().isVisible()).isFalse();

        robot.clickOn("#accept-invite");

        waitUntil(() -> new UiSettingsStore(dataFolder).load().bootstrapNodes().equals(SERVICE_NODE + ", " + OTHER_NODE));
        assertThat(new UiSettingsStore(dataFolder).load().network()).isEqualTo(UiSettings.NetworkPreset.COMMUNITY);
    }

    @Test
    void anInviteWithoutNetworkSaysNothingAboutIt(FxRobot robot) {
        unlock(robot);
        preview(robot, "Dora");

        assertThat(robot.lookup("#invite-network-note").query().isVisible()).isFalse();
        assertThat(robot.lookup("#join-network").query().isVisible()).isFalse();
    }
}
