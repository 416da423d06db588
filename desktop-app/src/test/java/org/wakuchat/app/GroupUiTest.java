package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.controls.Message;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.wakuchat.app.notify.Notice;
import org.wakuchat.core.ChatEvent.MissingState;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.account.AccountId;
import org.wakuchat.core.group.Group;
import org.wakuchat.core.group.GroupMember;
import org.wakuchat.core.group.GroupRole;

/** Groups through the real window over the demo engine: making one, its chat, its member panel. */
class GroupUiTest extends AppUiTest {

    private ConversationId alice;
    private ConversationId bob;
    private ConversationId carol;
    private final FakeAccounts accounts = FakeAccounts.existing(CLOCK, PASSPHRASE, engine -> {
        alice = engine.addContact("Alice", new byte[] {1, 2, 3}).id();
        engine.receive(alice, "hi");
        engine.markRead(alice);
        bob = engine.addContact("Bob", new byte[] {4, 5, 6}).id();
        carol = engine.addContact("Carol", new byte[] {7, 8, 9}).id();
    });

    @Override
    Optional<AccountsFactory> accounts() {
        return Optional.of(folder -> accounts);
    }

    private FakeChatEngine engine() {
        return accounts.engine();
    }

    private static boolean shows(FxRobot robot, String text) {
        return robot.lookup("#message-list").lookup((Node node) -> node.isVisible()
                && (node instanceof Labeled label && text.equals(label.getText())
                || node instanceof Text shown && text.equals(shown.getText()))).tryQuery().isPresent();
    }

    private static void check(FxRobot robot, String contact) {
        CheckBox box = robot.lookup("#group-contacts").lookup((CheckBox c) -> contact.equals(c.getText())).queryAs(CheckBox.class);
        robot.clickOn(box);
    }

    private Group groupWithAliceAndBob() {
        return engine().createGroup("Hike", List.of(alice, bob));
    }

    private AccountId member(Group group, String name) {
        return group.members().stream().filter(m -> m.name().equals(name)).map(GroupMember::id).findFirst().orElseThrow();
    }

    /** Opens the chat or group of this name from the conversation list. */
    private void openGroup(FxRobot robot, String name) {
        waitUntil(() -> robot.lookup("#conversation-list").lookup((Labeled l) -> name.equals(l.getText())).tryQuery().isPresent());
        robot.clickOn(robot.lookup("#conversation-list").lookup((Labeled l) -> name.equals(l.getText())).queryAs(Labeled.class));
        waitUntil(() -> text(robot, "#chat-title").equals(name));
    }

    @Test
    void newGroupFromTwoContactsOpensItsChatWithTheCreationLine(FxRobot robot) {
        unlock(robot);
        robot.clickOn("#new-group-button");
        waitUntil(() -> robot.lookup("#group-contacts").lookup(".group-contact").queryAll().size() == 3);
        robot.clickOn("#group-name").write("Weekend hike");
        check(robot, "Alice");
        check(robot, "Bob");
        assertThat(text(robot, "#group-count")).isEqualTo("3 of at most 50 members");
        robot.clickOn("#create-group");

        waitUntil(() -> text(robot, "#chat-title").equals("Weekend hike"));
        assertThat(engine().groups()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("Weekend hike");
            assertThat(g.members()).extracting(GroupMember::name).containsExactly("Me", "Alice", "Bob");
        });
        waitUntil(() -> shows(robot, "You created the group “Weekend hike” with Alice and Bob"));
        assertThat(text(robot, "#group-members-button")).isEqualTo("3 members");
        assertThat(robot.lookup("#group-member-avatars").lookup(".avatar").queryAll()).hasSize(3);
        assertThat(robot.lookup("#conversation-list").queryListView().getItems().getFirst().toString()).contains("Weekend hike");
    }

    @Test
    void whatTheEngineRefusesIsShownInTheDialog(FxRobot robot) {
        unlock(robot);
        robot.clickOn("#new-group-button");
        waitUntil(() -> robot.lookup(".group-contact").tryQuery().isPresent());
        check(robot, "Carol");
        robot.clickOn("#create-group");
        waitUntil(() -> robot.lookup("#group-dialog-error").query().isVisible());
        assertThat(robot.lookup("#group-dialog-error").queryAs(Message.class).getDescription()).isEqualTo("Give the group a name.");
        assertThat(engine().groups()).isEmpty();
    }

    @Test
    void aMembersMessageShowsItsNameAndCountsAsUnread(FxRobot robot) {
        unlock(robot);
        Group group = groupWithAliceAndBob();
        engine().receiveInGroup(group.id(), member(group, "Alice"), "Who brings the tent?");
        engine().receiveInGroup(group.id(), member(group, "Bob"), "I do");
        waitUntil(() -> stage.getTitle().equals("Waku Chat (2)"));
        waitUntil(() -> robot.lookup("#conversation-list").lookup(".unread-badge").queryAll().stream()
                .anyMatch(badge -> badge.isVisible() && "2".equals(((Labeled) badge).getText())));

        openGroup(robot, "Hike");
        waitUntil(() -> shows(robot, "Who brings the tent?") && shows(robot, "I do"));
        assertThat(robot.lookup("#message-list").lookup(".message-sender").queryAll().stream().filter(Node::isVisible)
                .map(n -> ((Labeled) n).getText())).containsExactly("Alice", "Bob");
        waitUntil(() -> stage.getTitle().equals("Waku Chat"));
    }

    @Test
    void myMessageSaysToHowManyMembersItWasDeliveredAndToWhom(FxRobot robot) {
        unlock(robot);
        Group group = groupWithAliceAndBob();
        openGroup(robot, "Hike");
        robot.clickOn("#composer").write("Tent is mine").type(KeyCode.ENTER);
        waitUntil(() -> engine().sent().size() == 1);
        ChatMessage sent = engine().sent().getFirst();
        waitUntil(() -> shows(robot, "Delivered to 0 of 2"));

        engine().confirmInGroup(sent.id(), member(group, "Alice"));
        waitUntil(() -> shows(robot, "Delivered to 1 of 2"));
        Labeled label = robot.lookup(".group-delivery").match(Node::isVisible).queryAs(Labeled.class);
        assertThat(label.getTooltip().getText()).isEqualTo("Delivered to: Alice\nWaiting for: Bob");

        engine().confirmInGroup(sent.id(), member(group, "Bob"));
        waitUntil(() -> shows(robot, "Delivered to 2 of 2"));
        waitUntil(() -> robot.lookup("#message-list").lookup(".delivery-delivered").tryQuery().isPresent());
        assertThat(label.getTooltip().getText()).isEqualTo("Delivered to: Alice, Bob");
    }

    @Test
    void theAdminSeesTheMembersAndARemovalBecomesASystemLine(FxRobot robot) {
        unlock(robot);
        groupWithAliceAndBob();
        openGroup(robot, "Hike");
        robot.clickOn("#group-members-button");
        waitUntil(() -> robot.lookup("#member-panel").query().isVisible());
        assertThat(text(robot, "#member-panel-title")).isEqualTo("Members (3)");
        assertThat(robot.lookup("#member-panel").lookup(".member-name").queryAll()).extracting(n -> ((Labeled) n).getText())
                .containsExactly("Me (you)", "Alice", "Bob");
        assertThat(robot.lookup("#member-panel").lookup(".admin-badge").queryAll()).hasSize(1);

        Node removeBob = robot.lookup(".remove-member").match((Node n) -> "Bob".equals(n.getUserData())).query();
        robot.clickOn(removeBob);
        waitUntil(() -> shows(robot, "You removed Bob"));
        waitUntil(() -> text(robot, "#member-panel-title").equals("Members (2)"));
        assertThat(text(robot, "#group-members-button")).isEqualTo("2 members");
    }

    @Test
    void renameAndLeaveFromTheMemberPanel(FxRobot robot) {
        unlock(robot);
        groupWithAliceAndBob();
        openGroup(robot, "Hike");
        robot.clickOn("#group-members-button");
        waitUntil(() -> robot.lookup("#rename-field").query().isVisible());
        robot.doubleClickOn("#rename-field").eraseText(10).write("Hike 2027");
        robot.clickOn("#rename-button");
        waitUntil(() -> text(robot, "#chat-title").equals("Hike 2027"));
        waitUntil(() -> shows(robot, "You renamed the group to “Hike 2027”"));

        robot.clickOn("#leave-group");
        waitUntil(() -> robot.lookup("#confirm-leave").query().isVisible());
        robot.clickOn("#confirm-leave");
        waitUntil(() -> shows(robot, "You left the group"));
        waitUntil(() -> robot.lookup("#composer").query().isDisabled());
        assertThat(text(robot, "#member-panel-status")).startsWith("You are no longer a member");
    }

    @Test
    void aPlainMemberCannotRemoveAnyoneAndSeesTheAdmin(FxRobot robot) {
        unlock(robot);
        Group group = engine().joinGroup("Book club", alice, List.of(bob));
        openGroup(robot, "Book club");
        robot.clickOn("#group-members-button");
        waitUntil(() -> robot.lookup("#member-panel").query().isVisible());
        assertThat(robot.lookup(".remove-member").queryAll()).isEmpty();
        assertThat(robot.lookup(".promote-member").queryAll()).isEmpty();
        assertThat(robot.lookup(".demote-member").queryAll()).isEmpty();
        assertThat(robot.lookup("#add-members").query().isVisible()).isFalse();
        assertThat(text(robot, "#member-panel-status")).isEqualTo("Only admins can add or remove members.");

        engine().removedByAdmin(group.id(), member(group, "Bob"));
        waitUntil(() -> shows(robot, "Alice removed Bob"));
    }

    /** The role button on {@code name}'s row of the member panel ({@code .promote-member} or {@code .demote-member}). */
    private static Node roleButton(FxRobot robot, String styleClass, String name) {
        return robot.lookup("#member-panel").lookup(styleClass).match((Node n) -> name.equals(n.getUserData())).query();
    }

    private static List<String> admins(FxRobot robot) {
        return robot.lookup("#member-panel").lookup(".member-row").queryAll().stream()
                .filter(row -> robot.from(row).lookup(".admin-badge").tryQuery().isPresent())
                .map(row -> ((Labeled) robot.from(row).lookup(".member-name").query()).getText()).toList();
    }

    @Test
    void anAdminMakesBobAdminThenNotAndCannotStepDownAsTheOnlyAdmin(FxRobot robot) {
        unlock(robot);
        Group group = groupWithAliceAndBob();
        openGroup(robot, "Hike");
        robot.clickOn("#group-members-button");
        waitUntil(() -> robot.lookup("#member-panel").query().isVisible());
        assertThat(text(robot, "#member-panel-status")).isEqualTo("You are an admin: you add, remove, rename and choose the admins.");
        assertThat(admins(robot)).containsExactly("Me (you)");

        robot.clickOn(roleButton(robot, ".promote-member", "Bob"));
        waitUntil(() -> shows(robot, "You made Bob an admin"));
        waitUntil(() -> admins(robot).equals(List.of("Me (you)", "Bob")));
        assertThat(engine().group(group.id()).members()).filteredOn(GroupMember::admin).extracting(GroupMember::name)
                .containsExactly("Me", "Bob");
        assertThat(robot.lookup("#member-panel").lookup(".admin-badge").queryAs(Labeled.class).getText()).isEqualTo("Admin");
        assertThat(robot.lookup("#group-error").query().isVisible()).isFalse();

        robot.clickOn(roleButton(robot, ".demote-member", "Bob"));
        waitUntil(() -> shows(robot, "You made Bob a member (no longer admin)"));
        waitUntil(() -> admins(robot).equals(List.of("Me (you)")));

        // stepping down is on my own row; the engine refuses it while I am the only admin
        robot.clickOn(roleButton(robot, ".demote-member", "Me"));
        waitUntil(() -> robot.lookup("#group-error").query().isVisible());
        assertThat(text(robot, "#group-error")).isEqualTo("A group needs an admin: make someone else admin first.");
        assertThat(engine().group(group.id()).iAmAdmin()).isTrue();
        assertThat(admins(robot)).containsExactly("Me (you)");
    }

    @Test
    void aMemberMadeAdminByAnotherAdminGetsTheActionsAndMayStepDown(FxRobot robot) {
        unlock(robot);
        Group group = engine().joinGroup("Book club", alice, List.of(bob));
        openGroup(robot, "Book club");
        robot.clickOn("#group-members-button");
        waitUntil(() -> robot.lookup("#member-panel").query().isVisible());
        assertThat(admins(robot)).containsExactly("Alice");

        engine().roleSetByAdmin(group.id(), member(group, "Alice"), member(group, "Me"), GroupRole.ADMIN);
        waitUntil(() -> shows(robot, "Alice made you an admin"));
        waitUntil(() -> admins(robot).equals(List.of("Alice", "Me (you)")));
        assertThat(text(robot, "#member-panel-status")).isEqualTo("You are an admin: you add, remove, rename and choose the admins.");
        assertThat(robot.lookup("#add-members").query().isVisible()).isTrue();
        assertThat(robot.lookup(".remove-member").queryAll()).extracting(n -> ((Node) n).getUserData()).containsExactlyInAnyOrder("Alice", "Bob");
        assertThat(robot.lookup(".promote-member").queryAll()).extracting(n -> ((Node) n).getUserData()).containsExactlyInAnyOrder("Bob");

        robot.clickOn(roleButton(robot, ".demote-member", "Me"));
        waitUntil(() -> shows(robot, "You stepped down as admin"));
        waitUntil(() -> text(robot, "#member-panel-status").equals("Only admins can add or remove members."));
        assertThat(admins(robot)).containsExactly("Alice");
        assertThat(robot.lookup(".remove-member").queryAll()).isEmpty();
        assertThat(robot.lookup(".demote-member").queryAll()).isEmpty();
        assertThat(robot.lookup("#add-members").query().isVisible()).isFalse();
    }

    @Test
    void missingMessagesAreReportedPerSender(FxRobot robot) {
        unlock(robot);
        Group group = groupWithAliceAndBob();
        openGroup(robot, "Hike");
        engine().announceGroupMissing(group.id(), member(group, "Bob"), 2, MissingState.LOST);
        waitUntil(() -> robot.lookup("#missing-banner").query().isVisible());
        assertThat(robot.lookup("#missing-banner").queryAs(Message.class).getDescription())
                .isEqualTo("2 messages from Bob could not be recovered.");
    }

    @Test
    void searchFindsAGroupByAMembersName(FxRobot robot) {
        unlock(robot);
        engine().createGroup("Hike", List.of(carol));
        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        robot.write("carol");
        waitUntil(() -> robot.lookup("#conversation-list").queryListView().getItems().size() == 2);
    }

    /** Where the row showing exactly this text is on screen (its top), if it is shown. */
    private static Optional<Double> top(FxRobot robot, String text) {
        return robot.lookup("#message-list").lookup((Node node) -> shownWithParents(node)
                        && (node instanceof Labeled label && text.equals(label.getText())
                        || node instanceof Text shown && text.equals(shown.getText()))).tryQuery()
                .map(node -> node.localToScene(node.getBoundsInLocal()).getMinY());
    }

    /** Visible, and so is every parent: a cell the list keeps for reuse is hidden, its contents are not. */
    private static boolean shownWithParents(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Waits until all these rows are on screen, then checks that they are in this order, top to bottom. */
    private static void assertShownInOrder(FxRobot robot, String... texts) {
        waitUntil(() -> java.util.Arrays.stream(texts).allMatch(t -> top(robot, t).isPresent()));
        List<Double> tops;
        try {
            tops = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> java.util.Arrays.stream(texts)
                    .map(t -> top(robot, t).orElseThrow()).toList()).get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception failed) {
            throw new AssertionError(failed);
        }
        assertThat(tops).as("tops of %s", List.of(texts)).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aLongGroupPagesBackToItsFirstMessageWithItsHistoryInPlace(FxRobot robot) {
        unlock(robot);
        Group group = groupWithAliceAndBob(); // "You created the group “Hike” …" at CLOCK's time
        java.time.Instant start = CLOCK.instant().plusSeconds(60);
        engine().addGroupHistory(group.id(), 5_000, start, java.time.Duration.ofMinutes(1));
        engine().renameGroupAt(group.id(), "Early", start.plusSeconds(30)); // between messages 1 and 2
        engine().renameGroupAt(group.id(), "Middle", start.plus(java.time.Duration.ofMinutes(2_499)).plusSeconds(30));
        engine().renameGroupAt(group.id(), "Long hike", start.plus(java.time.Duration.ofMinutes(4_999)).plusSeconds(30));
        engine().receiveInGroup(group.id(), member(group, "Alice"), "Newest of all", start.plus(java.time.Duration.ofDays(5)));

        openGroup(robot, "Long hike");
        assertShownInOrder(robot, "Group message 4999", "Group message 5000", "You renamed the group to “Long hike”",
                "Newest of all");
        var list = robot.lookup("#message-list").queryListView();
        assertThat(list.getItems()).hasSize(5_000 + 1 + 4); // every message and every system line

        // the middle, where the list had not been read at all yet
        robot.interact(() -> list.scrollTo(2_500));
        assertShownInOrder(robot, "Group message 2499", "Group message 2500", "You renamed the group to “Middle”",
                "Group message 2501");

        // the scroll bar's thumb dragged to the very top
        javafx.scene.control.ScrollBar bar = robot.lookup("#message-list").lookup(".scroll-bar").queryAll().stream()
                .map(javafx.scene.control.ScrollBar.class::cast)
                .filter(b -> b.getOrientation() == javafx.geometry.Orientation.VERTICAL && b.isVisible())
                .findFirst().orElseThrow();
        Node thumb = bar.lookup(".thumb");
        javafx.geometry.Bounds track = bar.localToScreen(bar.getBoundsInLocal());
        robot.drag(thumb, javafx.scene.input.MouseButton.PRIMARY)
                .moveTo(new javafx.geometry.Point2D(track.getCenterX(), track.getMinY() - 40))
                .release(javafx.scene.input.MouseButton.PRIMARY);
        assertShownInOrder(robot, "You created the group “Hike” with Alice and Bob", "Group message 1",
                "You renamed the group to “Early”", "Group message 2", "Group message 3");
        waitUntil(() -> top(robot, "Delivered to 2 of 2").isPresent()); // my first message's confirmations

        // a message while scrolled up: counted below, and after the newest when followed
        engine().receiveInGroup(group.id(), member(group, "Bob"), "Even newer");
        waitUntil(() -> robot.lookup("#new-messages-badge").query().isVisible());
        robot.clickOn("#new-messages-badge");
        assertShownInOrder(robot, "You renamed the group to “Long hike”", "Newest of all", "Even newer");
        assertThat(list.getItems()).hasSize(5_000 + 2 + 4);
    }

    @Test
    void aGroupMessageNotifiesWithTheGroupAndTheSender(FxRobot robot) {
        unlock(robot);
        Group group = groupWithAliceAndBob();
        openGroup(robot, "Alice");
        engine().receiveInGroup(group.id(), member(group, "Bob"), "On my way");
        waitUntil(() -> !desktop.shown().isEmpty());
        assertThat(desktop.shown().getFirst()).isEqualTo(new Notice(group.id(), "Hike", "Bob: On my way"));
    }
}
