package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.engine.EngineConfig;
import org.wakuchat.core.group.GroupHistoryEntry;
import org.wakuchat.core.engine.LocalAccounts;
import org.wakuchat.core.simulator.SimulatedNetwork;
import org.wakuchat.core.store.KdfParams;
import org.wakuchat.core.time.SystemScheduler;

/**
 * A group of three over the REAL engine on one real-time {@link SimulatedNetwork}: Alice (the
 * admin) and Bob each in an app window driven through the UI, Carol a headless engine of the
 * same kind. Their 1:1 chats are made before the windows open (that part has its own UI tests).
 */
@ExtendWith(ApplicationExtension.class)
class RealGroupUiTest {

    private static final String PASSPHRASE = "correct horse battery staple";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path folder;
    private final SystemScheduler scheduler = new SystemScheduler();
    private final SimulatedNetwork network = new SimulatedNetwork(11, scheduler);
    private final AtomicInteger nodes = new AtomicInteger();
    private final Window alice = new Window("alice");
    private final Window bob = new Window("bob");
    private ChatEngine carol;

    private final class Window {
        final String name;
        AppRoot root;
        Stage stage;

        Window(String name) {
            this.name = name;
        }

        NodeQuery lookup(FxRobot robot, String query) {
            return robot.from(stage.getScene().getRoot()).lookup(query);
        }

        Node node(FxRobot robot, String query) {
            return lookup(robot, query).query();
        }

        String text(FxRobot robot, String query) {
            return lookup(robot, query).queryAs(Labeled.class).getText();
        }

        boolean has(FxRobot robot, String query) {
            return stage.getScene() != null && lookup(robot, query).tryQuery().map(Node::isVisible).orElse(false);
        }

        void focus(FxRobot robot) {
            robot.interact(() -> {
                stage.toFront();
                stage.requestFocus();
            });
        }

        /** Whether the message list shows this text (a message, a system line, a delivery label) visibly. */
        boolean shows(FxRobot robot, String text) {
            return lookup(robot, "#message-list").lookup((Node node) -> node.isVisible() && node.getParent() != null
                    && node.getParent().isVisible()
                    && (node instanceof Labeled label && text.equals(label.getText())
                    || node instanceof javafx.scene.text.Text shown && text.equals(shown.getText()))).tryQuery().isPresent();
        }

        void openFromList(FxRobot robot, String title) {
            waitUntil(() -> lookup(robot, ".conversation-cell").lookup((Labeled l) -> title.equals(l.getText())).tryQuery().isPresent());
            focus(robot);
            robot.clickOn(lookup(robot, ".conversation-cell").lookup((Labeled l) -> title.equals(l.getText())).queryAs(Node.class));
            waitUntil(() -> text(robot, "#chat-title").equals(title));
        }

        /** The unread badge of the list row titled {@code title} ("" when none is shown). */
        String unread(FxRobot robot, String title) {
            for (Node cell : lookup(robot, ".conversation-cell").queryAll()) {
                boolean titled = robot.from(cell).lookup((Labeled l) -> title.equals(l.getText())).tryQuery().isPresent();
                if (titled) {
                    return robot.from(cell).lookup(".unread-badge").tryQuery().filter(Node::isVisible)
                            .map(n -> ((Labeled) n).getText()).orElse("");
                }
            }
            return "";
        }
    }

    @BeforeEach
    void startNetwork() {
        network.addNode("relay").start();
    }

    @AfterEach
    void closeAll(FxRobot robot) {
        for (Window window : List.of(alice, bob)) {
            if (window.root != null) {
                robot.interact(window.root::shutdown);
            }
        }
        robot.interact(() -> {
            if (bob.stage != null) {
                bob.stage.close();
            }
        });
        if (carol != null) {
            carol.close();
        }
        scheduler.close();
    }

    private EngineConfig config(String name) {
        return EngineConfig.of(folder.resolve(name), () -> network.addNode(name + "-" + nodes.incrementAndGet()), scheduler)
                .withKdf(KdfParams.FAST_FOR_TESTS);
    }

    /** {@code other} accepts {@code inviter}'s invite and writes, so both have a confirmed session. */
    private void contacts(ChatEngine inviter, ChatEngine other) throws Exception {
        Conversation chat = other.acceptInvite(inviter.currentInvite().link());
        ChatMessage hi = other.sendText(chat.id(), "hi " + inviter.account().displayName());
        waitFor(() -> other.messages(chat.id(), 0, 10).stream().anyMatch(m -> m.id().equals(hi.id())
                && m.state() == DeliveryState.DELIVERED));
    }

    private void open(FxRobot robot, Window window, double y) throws TimeoutException {
        Stage stage = window == alice ? FxToolkit.registerPrimaryStage() : window.stage;
        AccountsFactory accounts = dataFolder -> new LocalAccounts(config(window.name));
        robot.interact(() -> {
            window.stage = stage != null ? stage : new Stage();
            window.root = new AppRoot(window.stage, Optional.of(accounts), folder.resolve(window.name),
                    new AppUiTest.AnswerDialogs(), uri -> { }, Clock.systemDefaultZone(),
                    new org.wakuchat.app.camera.GStreamerCameraSource(), org.wakuchat.app.notify.DesktopShell.none());
            window.root.start();
            window.stage.setX(0);
            window.stage.setY(y);
            window.stage.setWidth(900);
            window.stage.setHeight(490);
        });
        waitUntil(() -> window.has(robot, "#passphrase") && window.text(robot, "#onboarding-title").startsWith("Unlock"));
        window.focus(robot);
        robot.clickOn(window.node(robot, "#passphrase")).write(PASSPHRASE);
        robot.clickOn(window.node(robot, "#onboarding-submit"));
        waitUntil(() -> window.has(robot, "#new-chat-button"));
    }

    @Test
    void aliceMakesAGroupInTheAppAndTheThreeOfThemChat(FxRobot robot) throws Exception {
        ChatEngine aliceEngine = new LocalAccounts(config("alice")).create("Alice", PASSPHRASE.toCharArray());
        ChatEngine bobEngine = new LocalAccounts(config("bob")).create("Bob", PASSPHRASE.toCharArray());
        carol = new LocalAccounts(config("carol")).create("Carol", PASSPHRASE.toCharArray());
        for (ChatEngine engine : List.of(aliceEngine, bobEngine, carol)) {
            engine.start();
        }
        contacts(aliceEngine, bobEngine);
        contacts(aliceEngine, carol);
        aliceEngine.close();
        bobEngine.close();
        open(robot, alice, 0);
        open(robot, bob, 500);

        // Alice: New group, name, two contacts
        alice.focus(robot);
        robot.clickOn(alice.node(robot, "#new-group-button"));
        waitUntil(() -> alice.lookup(robot, ".group-contact").queryAll().size() == 2);
        robot.clickOn(alice.node(robot, "#group-name")).write("Hiking");
        for (String name : List.of("Bob", "Carol")) {
            robot.clickOn(alice.lookup(robot, ".group-contact").lookup((CheckBox c) -> name.equals(c.getText())).queryAs(Node.class));
        }
        robot.clickOn(alice.node(robot, "#create-group"));
        waitUntil(() -> alice.has(robot, "#chat-title") && alice.text(robot, "#chat-title").equals("Hiking"));
        waitUntil(() -> alice.shows(robot, "You created the group “Hiking”"));

        // Carol (headless) writes once she is in; Bob sees it unread, then with her name
        waitFor(() -> carol.groups().size() == 1);
        ConversationId group = carol.groups().getFirst().id();
        // joins that arrive together share one change, so one line may name both
        waitUntil(() -> alice.shows(robot, "Bob joined") && alice.shows(robot, "Carol joined")
                || alice.shows(robot, "Bob and Carol joined") || alice.shows(robot, "Carol and Bob joined"));
        carol.sendText(group, "Saturday at 9?");
        waitUntil(() -> bob.unread(robot, "Hiking").equals("1"));
        bob.openFromList(robot, "Hiking");
        waitUntil(() -> bob.shows(robot, "Saturday at 9?") && bob.shows(robot, "Carol"));
        waitUntil(() -> alice.shows(robot, "Saturday at 9?") && alice.shows(robot, "Carol"));
        waitUntil(() -> bob.unread(robot, "Hiking").isEmpty());

        // Alice writes: both devices confirm
        alice.focus(robot);
        robot.clickOn(alice.node(robot, "#composer")).write("I bring water");
        waitUntil(() -> !alice.node(robot, "#send-button").isDisabled());
        robot.interact(((javafx.scene.control.ButtonBase) alice.node(robot, "#send-button"))::fire);
        waitUntil(() -> bob.shows(robot, "I bring water"));
        waitUntil(() -> alice.shows(robot, "Delivered to 2 of 2"));

        // the member list, and a removal every remaining member sees as a system line
        robot.clickOn(alice.node(robot, "#group-members-button"));
        waitUntil(() -> alice.has(robot, "#member-panel") && alice.text(robot, "#member-panel-title").equals("Members (3)"));
        assertThat(alice.lookup(robot, ".admin-badge").queryAll()).hasSize(1);
        robot.interact(((javafx.scene.control.ButtonBase) alice.lookup(robot, ".remove-member")
                .match((Node n) -> "Carol".equals(n.getUserData())).queryAs(Node.class))::fire);
        waitUntil(() -> alice.shows(robot, "You removed Carol"));
        waitUntil(() -> bob.shows(robot, "Alice removed Carol"));
        waitUntil(() -> alice.text(robot, "#member-panel-title").equals("Members (2)"));
        waitUntil(() -> bob.text(robot, "#group-members-button").equals("2 members"));
        waitFor(() -> !carol.group(group).member());
    }

    @Test
    void aliceMakesBobAdminAndBobRenamesTheGroupFromHisWindow(FxRobot robot) throws Exception {
        ChatEngine aliceEngine = new LocalAccounts(config("alice")).create("Alice", PASSPHRASE.toCharArray());
        ChatEngine bobEngine = new LocalAccounts(config("bob")).create("Bob", PASSPHRASE.toCharArray());
        aliceEngine.start();
        bobEngine.start();
        contacts(aliceEngine, bobEngine);
        // the group is made and joined before the windows open (making one in the app has its own test)
        ConversationId group = aliceEngine.createGroup("Hiking", List.of(aliceEngine.conversations().getFirst().id())).id();
        waitFor(() -> aliceEngine.groupHistory(group).stream().anyMatch(e -> e.kind() == GroupHistoryEntry.Kind.KEY_REFRESHED
                && !e.subjects().isEmpty()));
        waitFor(() -> bobEngine.groups().size() == 1 && bobEngine.groups().getFirst().epoch() == aliceEngine.group(group).epoch());
        aliceEngine.close();
        bobEngine.close();
        open(robot, alice, 0);
        open(robot, bob, 500);
        alice.openFromList(robot, "Hiking");
        bob.openFromList(robot, "Hiking");

        robot.clickOn(alice.node(robot, "#group-members-button"));
        waitUntil(() -> alice.has(robot, "#member-panel") && alice.lookup(robot, ".promote-member").tryQuery().isPresent());
        robot.interact(((javafx.scene.control.ButtonBase) alice.lookup(robot, ".promote-member")
                .match((Node n) -> "Bob".equals(n.getUserData())).queryAs(Node.class))::fire);
        waitUntil(() -> alice.shows(robot, "You made Bob an admin"));
        waitUntil(() -> bob.shows(robot, "Alice made you an admin"));

        // Bob, now an admin, renames the group from his window; Alice's shows the new name
        bob.focus(robot);
        robot.clickOn(bob.node(robot, "#group-members-button"));
        waitUntil(() -> bob.has(robot, "#rename-field") && bob.lookup(robot, ".admin-badge").queryAll().size() == 2);
        robot.interact(() -> ((javafx.scene.control.TextField) bob.node(robot, "#rename-field")).setText("Hiking 2027"));
        robot.interact(((javafx.scene.control.ButtonBase) bob.node(robot, "#rename-button"))::fire);
        waitUntil(() -> bob.text(robot, "#chat-title").equals("Hiking 2027"));
        waitUntil(() -> alice.text(robot, "#chat-title").equals("Hiking 2027"));
        waitUntil(() -> alice.shows(robot, "Bob renamed the group to “Hiking 2027”"));
    }

    /** The texts in a window's message list, for the failure message. */
    private static String shown(Window window) {
        java.util.concurrent.atomic.AtomicReference<String> texts = new java.util.concurrent.atomic.AtomicReference<>("-");
        try {
            WaitForAsyncUtils.asyncFx(() -> {
                if (window.stage != null && window.stage.getScene() != null) {
                    StringBuilder out = new StringBuilder();
                    Node list = window.stage.getScene().getRoot().lookup("#message-list");
                    java.util.Set<Node> nodes = new java.util.LinkedHashSet<>(list.lookupAll(".label"));
                    nodes.addAll(list.lookupAll(".message-text"));
                    for (Node node : nodes) {
                        String text = node instanceof Labeled l ? l.getText() : node instanceof javafx.scene.text.Text t ? t.getText() : "";
                        if (node.isVisible() && text != null && !text.isBlank()) {
                            out.append('[').append(text).append("] ");
                        }
                    }
                    Node composer = window.stage.getScene().getRoot().lookup("#composer");
                    if (composer instanceof javafx.scene.control.TextArea area) {
                        out.append("{composer: ").append(area.getText()).append(area.isDisabled() ? " (disabled)" : "").append("} ");
                    }
                    for (String id : List.of("#send-error", "#group-error", "#member-panel-title")) {
                        Node error = window.stage.getScene().getRoot().lookup(id);
                        if (error instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
                            out.append('{').append(id).append(": ").append(l.getText()).append("} ");
                        }
                    }
                    texts.set(out.toString());
                }
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the failure message then says "-"
        }
        return texts.get();
    }

    private static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS, () -> {
            try {
                return condition.call();
            } catch (RuntimeException notYet) {
                return false;
            }
        });
    }

    private void waitUntil(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS, () -> {
                try {
                    return Boolean.TRUE.equals(WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS));
                } catch (Exception notYet) {
                    return false;
                }
            });
        } catch (TimeoutException timeout) {
            throw new AssertionError("condition not met within " + WAIT + "; Alice's chat shows: " + shown(alice)
                    + " | Bob's: " + shown(bob), timeout);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
