package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.controls.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.wakuchat.core.ChatEvent.MissingState;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.EngineStatus;

class ChatUiTest extends AppUiTest {

    private ConversationId alice;
    private ConversationId bob;
    private ConversationId carol;
    private final FakeAccounts accounts = FakeAccounts.existing(CLOCK, PASSPHRASE, engine -> {
        Instant now = CLOCK.instant();
        alice = engine.addContact("Alice", new byte[] {1, 2, 3}).id();
        engine.receive(alice, "Hi! Are you there?", now.minus(Duration.ofMinutes(5)));
        engine.receive(alice, "See https://waku.org", now.minus(Duration.ofMinutes(4)));
        bob = engine.addContact("Bob", new byte[] {4, 5, 6}).id();
        engine.receive(bob, "Yo", now.minus(Duration.ofDays(2)));
        engine.markRead(bob);
        carol = engine.addContact("Carol", new byte[] {7, 8, 9}).id();
        engine.addHistory(carol, 10_000, now.minus(Duration.ofDays(30)), Duration.ofMinutes(4));
    });

    @Override
    Optional<AccountsFactory> accounts() {
        return Optional.of(folder -> accounts);
    }

    private FakeChatEngine engine() {
        return accounts.engine();
    }

    private void open(FxRobot robot, String name) {
        robot.clickOn(name);
        waitUntil(() -> text(robot, "#chat-title").equals(name));
    }

    private static boolean shows(FxRobot robot, String messageText) {
        return robot.lookup("#message-list").lookup(".message-text").queryAllAs(Text.class).stream()
                .anyMatch(text -> text.getText().equals(messageText) && text.isVisible());
    }

    private static boolean hasIcon(FxRobot robot, DeliveryState state) {
        return robot.lookup("#message-list").lookup(".delivery-" + state.name().toLowerCase()).tryQuery().isPresent();
    }

    @Test
    void unreadCountIsInTheTitleUntilTheConversationIsOpened(FxRobot robot) {
        unlock(robot);
        waitUntil(() -> stage.getTitle().equals("Waku Chat (2)"));
        open(robot, "Alice");
        waitUntil(() -> stage.getTitle().equals("Waku Chat"));
        assertVisible(robot, ".unread-divider");
    }

    @Test
    void linksInMessagesOpenInTheBrowser(FxRobot robot) {
        unlock(robot);
        open(robot, "Alice");
        waitUntil(() -> robot.lookup(".message-link").tryQuery().isPresent());
        robot.clickOn(".message-link");
        waitUntil(() -> openedLinks.contains("https://waku.org"));
    }

    @Test
    void partOfAMessageCanBeSelectedAndCopied(FxRobot robot) {
        unlock(robot);
        open(robot, "Alice");
        waitUntil(() -> shows(robot, "Hi! Are you there?"));
        Text message = messageText(robot, "Hi! Are you there?");
        javafx.geometry.Bounds bounds = message.localToScreen(message.getBoundsInLocal());
        double y = bounds.getCenterY();

        robot.drag(new javafx.geometry.Point2D(bounds.getMinX() + 1, y), javafx.scene.input.MouseButton.PRIMARY)
                .moveTo(new javafx.geometry.Point2D(bounds.getMinX() + bounds.getWidth() * 0.5, y)).release(javafx.scene.input.MouseButton.PRIMARY);
        robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
        String copied = clipboardText(robot);
        assertThat(copied).as("the first half, not the whole message").startsWith("Hi").isNotEqualTo("Hi! Are you there?");
        assertThat("Hi! Are you there?").startsWith(copied);

        robot.doubleClickOn(new javafx.geometry.Point2D(bounds.getMinX() + bounds.getWidth() * 0.8, y));
        robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
        assertThat(clipboardText(robot)).as("double-click selects a word").isIn("you", "there");
    }

    @Test
    void draggingAcrossALinkSelectsInsteadOfOpeningIt(FxRobot robot) {
        unlock(robot);
        open(robot, "Alice");
        waitUntil(() -> robot.lookup(".message-link").tryQuery().isPresent());
        Text link = robot.lookup(".message-link").queryAs(Text.class);
        javafx.geometry.Bounds bounds = link.localToScreen(link.getBoundsInLocal());
        robot.drag(new javafx.geometry.Point2D(bounds.getMinX() + 2, bounds.getCenterY()), javafx.scene.input.MouseButton.PRIMARY)
                .moveTo(new javafx.geometry.Point2D(bounds.getMaxX() - 2, bounds.getCenterY())).release(javafx.scene.input.MouseButton.PRIMARY);
        robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
        assertThat(clipboardText(robot)).startsWith("https://waku").isSubstringOf("https://waku.org");
        assertThat(openedLinks).isEmpty();
    }

    private static Text messageText(FxRobot robot, String content) {
        return robot.lookup("#message-list").lookup(".message-text").queryAllAs(Text.class).stream()
                .filter(text -> text.getText().equals(content) && text.isVisible()).findFirst().orElseThrow();
    }

    private static String clipboardText(FxRobot robot) {
        var copied = new java.util.concurrent.atomic.AtomicReference<String>();
        robot.interact(() -> copied.set(javafx.scene.input.Clipboard.getSystemClipboard().getString()));
        return copied.get();
    }

    @Test
    void markingAsVerifiedShowsInTheHeader(FxRobot robot) {
        unlock(robot);
        open(robot, "Bob");
        robot.clickOn("#verify-button");
        waitUntil(() -> !text(robot, "#safety-number").isEmpty());
        assertThat(text(robot, "#safety-number")).matches("(\\d{5}[ \n]){11}\\d{5}");
        robot.clickOn("#mark-verified");
        waitUntil(() -> engine().conversation(bob).verified());
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> text(robot, "#verify-button").equals("Safety number"));
    }

    @Test
    void enterSendsAndTheDeliveryIconFollowsTheMessage(FxRobot robot) {
        unlock(robot);
        open(robot, "Alice");
        robot.clickOn("#composer").write("Hello Alice").type(KeyCode.ENTER);

        waitUntil(() -> engine().sent().size() == 1 && shows(robot, "Hello Alice") && hasIcon(robot, DeliveryState.QUEUED));
        assertThat(robot.lookup("#composer").queryAs(TextArea.class).getText()).isEmpty();
        ChatMessage sent = engine().sent().getFirst();
        assertThat(sent.text()).isEqualTo("Hello Alice");

        engine().setDelivery(sent.id(), DeliveryState.SENT);
        waitUntil(() -> hasIcon(robot, DeliveryState.SENT) && !hasIcon(robot, DeliveryState.QUEUED));
        engine().setDelivery(sent.id(), DeliveryState.DELIVERED);
        waitUntil(() -> hasIcon(robot, DeliveryState.DELIVERED) && !hasIcon(robot, DeliveryState.SENT));
    }

    @Test
    void failedMessageOffersRetry(FxRobot robot) {
        unlock(robot);
        open(robot, "Alice");
        robot.clickOn("#composer").write("Lost one").type(KeyCode.ENTER);
        waitUntil(() -> engine().sent().size() == 1);
        engine().setDelivery(engine().sent().getFirst().id(), DeliveryState.FAILED);
        waitUntil(() -> hasIcon(robot, DeliveryState.FAILED));

        robot.clickOn(".retry-link");
        waitUntil(() -> hasIcon(robot, DeliveryState.QUEUED) && !hasIcon(robot, DeliveryState.FAILED));
    }

    @Test
    void shiftEnterStartsANewLineInsteadOfSending(FxRobot robot) {
        unlock(robot);
        open(robot, "Alice");
        robot.clickOn("#composer").write("first");
        robot.press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT);
        robot.write("second");

        assertThat(robot.lookup("#composer").queryAs(TextArea.class).getText()).isEqualTo("first\nsecond");
        assertThat(engine().sent()).isEmpty();
    }

    @Test
    void draftStaysWithItsConversation(FxRobot robot) {
        unlock(robot);
        open(robot, "Alice");
        robot.clickOn("#composer").write("half a thought");
        open(robot, "Bob");
        assertThat(robot.lookup("#composer").queryAs(TextArea.class).getText()).isEmpty();
        open(robot, "Alice");
        assertThat(robot.lookup("#composer").queryAs(TextArea.class).getText()).isEqualTo("half a thought");
    }

    @Test
    void missingMessagesBannerAppearsAndGoesWhenRecovered(FxRobot robot) {
        unlock(robot);
        open(robot, "Alice");
        assertThat(robot.lookup("#missing-banner").query().isVisible()).isFalse();

        engine().announceMissing(alice, 2, MissingState.RECOVERING);
        waitUntil(() -> robot.lookup("#missing-banner").query().isVisible());
        assertThat(robot.lookup("#missing-banner").queryAs(Message.class).getDescription())
                .isEqualTo("2 messages from Alice may be missing — recovering…");

        engine().announceMissing(alice, 2, MissingState.RECOVERED);
        waitUntil(() -> !robot.lookup("#missing-banner").query().isVisible());
    }

    @Test
    void missingMessagesThatAreLostSaySo(FxRobot robot) {
        unlock(robot);
        open(robot, "Alice");
        engine().announceMissing(alice, 1, MissingState.LOST);
        waitUntil(() -> robot.lookup("#missing-banner").query().isVisible());
        assertThat(robot.lookup("#missing-banner").queryAs(Message.class).getDescription())
                .startsWith("1 message from Alice could not be recovered");
    }

    @Test
    void tenThousandMessagesOpenAtTheNewestWithFewCells(FxRobot robot) {
        unlock(robot);
        open(robot, "Carol");
        waitUntil(() -> shows(robot, "Message number 10000"));

        Set<Node> cells = robot.lookup("#message-list").lookup((java.util.function.Predicate<Node>) node -> node instanceof ListCell<?>).queryAll();
        assertThat(cells.size()).isLessThan(100);
        assertThat(shows(robot, "Message number 1")).isFalse();
    }

    @Test
    void incomingMessageWhileScrolledUpShowsTheNewMessagesBadge(FxRobot robot) {
        unlock(robot);
        open(robot, "Carol");
        waitUntil(() -> shows(robot, "Message number 10000"));
        robot.interact(() -> robot.lookup("#message-list").queryListView().scrollTo(5000));
        waitUntil(() -> !shows(robot, "Message number 10000"));

        engine().receive(carol, "Are you still there?");
        waitUntil(() -> robot.lookup("#new-messages-badge").query().isVisible());
        assertThat(text(robot, "#new-messages-badge")).isEqualTo("1 new message");

        robot.clickOn("#new-messages-badge");
        waitUntil(() -> shows(robot, "Are you still there?") && !robot.lookup("#new-messages-badge").query().isVisible());
    }

    @Test
    void statusAreaFollowsTheEngine(FxRobot robot) {
        unlock(robot);
        engine().setStatus(new EngineStatus(EngineStatus.State.UNAVAILABLE, 0,
                "libwaku was not found. Put it in native-libs/linux-x86_64/, or set WAKUCHAT_LIBWAKU to its path.", Optional.empty(), false, Optional.empty(), 0));
        waitUntil(() -> text(robot, "#status-headline").equals("Chat engine unavailable — libwaku not found"));
        assertThat(robot.lookup("#status-bar").queryAs(javafx.scene.layout.Region.class).getHeight())
                .as("the status bar stays one line high").isLessThan(60);
        robot.clickOn("#status-how-to-fix");
        waitUntil(() -> robot.lookup("#status-explanation").tryQuery().isPresent());
        assertThat(robot.lookup("#status-explanation").queryTextInputControl().getText()).contains("WAKUCHAT_LIBWAKU");
        robot.interact(() -> ((javafx.stage.Stage) robot.lookup("#status-explanation").query().getScene().getWindow()).close());

        engine().setStatus(new EngineStatus(EngineStatus.State.OFFLINE, 0, "", Optional.of(CLOCK.instant()), false, Optional.empty(), 3));
        waitUntil(() -> text(robot, "#status-headline").equals("Offline since 10:15 — messages are queued (3)"));

        engine().setStatus(new EngineStatus(EngineStatus.State.CONNECTED, 7, "", Optional.empty(), false, Optional.empty(), 0));
        waitUntil(() -> text(robot, "#status-headline").equals("Connected to 7 peers"));

        engine().finishCatchUp(4, Optional.empty());
        waitUntil(() -> robot.lookup(".toast").queryAll().stream()
                .anyMatch(toast -> "Fetched 4 messages".equals(((atlantafx.base.controls.Notification) toast).getMessage())));
    }

    @Test
    void ctrlKJumpsToAConversation(FxRobot robot) {
        unlock(robot);
        robot.press(KeyCode.CONTROL).type(KeyCode.K).release(KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#switcher-query").tryQuery().isPresent());
        robot.write("bob").type(KeyCode.ENTER);
        waitUntil(() -> text(robot, "#chat-title").equals("Bob"));
    }

    @Test
    void searchFiltersTheConversationList(FxRobot robot) {
        unlock(robot);
        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        robot.write("car");
        waitUntil(() -> robot.lookup("#conversation-list").queryListView().getItems().size() == 1);
        assertThat(robot.lookup("#conversation-list").queryListView().getItems().getFirst().toString()).contains("Carol");
    }
}
