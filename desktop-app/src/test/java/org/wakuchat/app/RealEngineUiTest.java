package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.controls.Message;
import java.nio.file.Files;
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
import javafx.scene.control.Labeled;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.engine.DeliveryPolicy;
import org.wakuchat.core.engine.EngineConfig;
import org.wakuchat.core.engine.LocalAccounts;
import org.wakuchat.core.simulator.SimulatedNetwork;
import org.wakuchat.core.store.KdfParams;
import org.wakuchat.core.time.SystemScheduler;
import org.wakuchat.core.transport.LibWakuNode;
import org.wakuchat.core.transport.NetworkConfig;
import org.wakuchat.libwaku.LibWakuNotFound;

/**
 * Two people, two windows, the REAL engine: each {@link AppRoot} runs {@link LocalAccounts} over
 * one shared real-time {@link SimulatedNetwork} (with an always-on relay node), driven through the UI.
 */
@ExtendWith(ApplicationExtension.class)
class RealEngineUiTest {

    private static final String PASSPHRASE = "correct horse battery staple";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path folder;
    private final SystemScheduler scheduler = new SystemScheduler();
    private final SimulatedNetwork network = new SimulatedNetwork(7, scheduler);
    private final AtomicInteger nodes = new AtomicInteger();
    private final Window alice = new Window("alice");
    private final Window bob = new Window("bob");

    /** One app window with its own data folder and file dialogs. */
    private final class Window {
        final String name;
        final AppUiTest.AnswerDialogs files = new AppUiTest.AnswerDialogs();
        AppRoot root;
        Stage stage;

        Window(String name) {
            this.name = name;
        }

        Path dataFolder() {
            return folder.resolve(name);
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

        /** Keyboard input goes to the focused window: bring this one forward first. */
        void focus(FxRobot robot) {
            robot.interact(() -> {
                stage.toFront();
                stage.requestFocus();
            });
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
        scheduler.close();
    }

    private AccountsFactory onTheSimulator(String name, DeliveryPolicy delivery) {
        return dataFolder -> new LocalAccounts(EngineConfig.of(dataFolder,
                () -> network.addNode(name + "-" + nodes.incrementAndGet()), scheduler)
                .withKdf(KdfParams.FAST_FOR_TESTS).withDelivery(delivery));
    }

    /** The headless screen is 1000 px square: Alice's window on top, Bob's below, never overlapping. */
    private void open(FxRobot robot, Window window, AccountsFactory accounts, double y) throws TimeoutException {
        Stage stage = window == alice ? FxToolkit.registerPrimaryStage() : window.stage;
        robot.interact(() -> {
            window.stage = stage != null ? stage : new Stage();
            window.root = new AppRoot(window.stage, Optional.of(accounts), window.dataFolder(), window.files,
                    uri -> { }, Clock.systemDefaultZone(), new org.wakuchat.app.camera.GStreamerCameraSource(),
                    org.wakuchat.app.notify.DesktopShell.none());
            window.root.start();
            window.stage.setX(0);
            window.stage.setY(y);
            window.stage.setWidth(700);
            window.stage.setHeight(490);
        });
    }

    private void createAccount(FxRobot robot, Window window, String displayName) {
        waitUntil(() -> window.has(robot, "#onboarding-submit") && window.text(robot, "#onboarding-submit").equals("Create account"));
        window.focus(robot);
        robot.clickOn(window.node(robot, "#display-name")).write(displayName);
        robot.clickOn(window.node(robot, "#passphrase")).write(PASSPHRASE);
        robot.clickOn(window.node(robot, "#confirm-passphrase")).write(PASSPHRASE);
        robot.clickOn(window.node(robot, "#onboarding-submit"));
        waitUntil(() -> window.has(robot, "#new-chat-button"));
    }

    private void unlock(FxRobot robot, Window window) {
        waitUntil(() -> window.has(robot, "#passphrase") && window.text(robot, "#onboarding-title").startsWith("Unlock"));
        window.focus(robot);
        robot.clickOn(window.node(robot, "#passphrase")).write(PASSPHRASE);
        robot.clickOn(window.node(robot, "#onboarding-submit"));
        waitUntil(() -> window.has(robot, "#new-chat-button"));
    }

    /** Alice saves her invite QR as PNG; Bob adds her from that image and accepts the preview. */
    private void bobAddsAliceFromHerQrCode(FxRobot robot) {
        alice.focus(robot);
        robot.clickOn(alice.node(robot, "#new-chat-button"));
        waitUntil(() -> alice.lookup(robot, "#invite-qr").queryAs(ImageView.class).getImage() != null);
        assertThat(alice.text(robot, "#invite-expiry")).startsWith("Expires in 7 days");
        assertThat(alice.lookup(robot, "#invite-dialog").queryAll()).as("one invite dialog").hasSize(1);
        Path png = folder.resolve("alice-invite.png");
        alice.files.nextSave = png;
        press(robot, alice.node(robot, "#save-qr")); // below the fold of the small test window
        waitUntil(() -> Files.exists(png));
        press(robot, alice.node(robot, "#dialog-close"));

        bob.focus(robot);
        bob.files.nextImage = png;
        robot.clickOn(bob.node(robot, "#add-contact-button"));
        waitUntil(() -> bob.has(robot, "#open-image"));
        robot.clickOn(bob.node(robot, "#open-image"));
        waitUntil(() -> bob.text(robot, "#invite-preview").equals("Start a chat with Alice?"));
        robot.clickOn(bob.node(robot, "#accept-invite"));
        waitUntil(() -> bob.has(robot, "#chat-title") && bob.text(robot, "#chat-title").equals("Alice"));
    }

    private static void press(FxRobot robot, Node button) {
        robot.interact(((javafx.scene.control.ButtonBase) button)::fire);
    }

    private void bobTypes(FxRobot robot, String message) {
        bob.focus(robot);
        robot.clickOn(bob.node(robot, "#composer")).write(message).type(KeyCode.ENTER);
    }

    private boolean showsMessage(FxRobot robot, Window window, String text) {
        return window.lookup(robot, "#message-list").lookup((Node node) -> node.isVisible()
                && (node instanceof Labeled label && text.equals(label.getText())
                || node instanceof javafx.scene.text.Text shown && text.equals(shown.getText())))
                .tryQuery().isPresent();
    }

    private void aliceOpensTheChatWithBob(FxRobot robot) {
        waitUntil(() -> alice.lookup(robot, ".conversation-cell").lookup((Labeled label) -> "Bob".equals(label.getText()))
                .tryQuery().isPresent());
        alice.focus(robot);
        Node bobInTheList = alice.lookup(robot, ".conversation-cell")
                .lookup((Labeled label) -> "Bob".equals(label.getText())).query();
        robot.clickOn(bobInTheList);
        waitUntil(() -> alice.text(robot, "#chat-title").equals("Bob"));
    }

    private boolean bobsTick(FxRobot robot, String state) {
        return bob.lookup(robot, "#message-list").lookup(".delivery-" + state).tryQuery().isPresent();
    }

    @Test
    void bobAddsAliceFromHerQrCodeAndHisMessageIsDelivered(FxRobot robot) throws Exception {
        open(robot, alice, onTheSimulator("alice", DeliveryPolicy.DEFAULT), 0);
        open(robot, bob, onTheSimulator("bob", DeliveryPolicy.DEFAULT), 500);
        createAccount(robot, alice, "Alice");
        createAccount(robot, bob, "Bob");

        bobAddsAliceFromHerQrCode(robot);
        bobTypes(robot, "Hello Alice, it's Bob");

        aliceOpensTheChatWithBob(robot);
        waitUntil(() -> showsMessage(robot, alice, "Hello Alice, it's Bob"));
        waitUntil(() -> bobsTick(robot, "delivered"));
        FontIcon tick = bob.lookup(robot, "#message-list").lookup(".delivery-delivered").queryAs(FontIcon.class);
        assertThat(tick.isVisible()).isTrue();
        assertThat(tick.getProperties().values()).filteredOn(javafx.scene.control.Tooltip.class::isInstance)
                .extracting(tooltip -> ((javafx.scene.control.Tooltip) tooltip).getText())
                .containsExactly("Delivered — their device confirmed it.");
    }

    @Test
    void aMessageLostOnTheWayShowsTheMissingBannerUntilItIsGivenUp(FxRobot robot) throws Exception {
        DeliveryPolicy oneAttemptShortPatience = new DeliveryPolicy(Duration.ofSeconds(3), Duration.ofMinutes(5), 1,
                Duration.ofMillis(150), Duration.ofSeconds(4));
        open(robot, alice, onTheSimulator("alice", oneAttemptShortPatience), 0);
        open(robot, bob, onTheSimulator("bob", oneAttemptShortPatience), 500);
        createAccount(robot, alice, "Alice");
        createAccount(robot, bob, "Bob");
        bobAddsAliceFromHerQrCode(robot);
        bobTypes(robot, "hello");
        aliceOpensTheChatWithBob(robot);
        waitUntil(() -> showsMessage(robot, alice, "hello"));
        waitUntil(() -> bobsTick(robot, "delivered"));

        AtomicInteger toDrop = new AtomicInteger(1);
        network.dropIf(message -> toDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0);
        bobTypes(robot, "never arrives");
        waitUntil(() -> toDrop.get() == 0);
        bobTypes(robot, "after the gap");

        waitUntil(() -> showsMessage(robot, alice, "after the gap"));
        waitUntil(() -> alice.has(robot, "#missing-banner") && banner(robot).contains("may be missing — recovering…"));
        assertThat(banner(robot)).isEqualTo("1 message from Bob may be missing — recovering…");
        waitUntil(() -> banner(robot).contains("could not be recovered"));
        assertThat(showsMessage(robot, alice, "never arrives")).isFalse();
    }

    /** What a window shows, for the failure message. */
    private static String describe(Window window) {
        if (window.stage == null || window.stage.getScene() == null) {
            return window.name + ": -";
        }
        StringBuilder shown = new StringBuilder(window.name + ": ");
        collect(window.stage.getScene().getRoot(), shown);
        return shown.toString();
    }

    private static void collect(javafx.scene.Parent parent, StringBuilder shown) {
        for (Node child : parent.getChildrenUnmodifiable()) {
            if (!child.isVisible()) {
                continue;
            }
            if (child instanceof javafx.scene.control.ListView<?> list) {
                shown.append("<list ").append(child.getId()).append(" items=").append(list.getItems().size())
                        .append(" h=").append(list.getHeight()).append("> ");
            }
            if (child.getStyleClass().contains("delivery-icon")) {
                shown.append(child.getStyleClass()).append(' ');
            } else if (child instanceof Labeled label && label.getText() != null && !label.getText().isBlank()) {
                shown.append('[').append(label.getText()).append("] ");
            } else if (child instanceof javafx.scene.text.Text text && !text.getText().isBlank()) {
                shown.append('"').append(text.getText()).append("\" ");
            } else if (child instanceof javafx.scene.control.TextInputControl input) {
                shown.append('{').append(input.getText()).append("} ");
            }
            if (child instanceof javafx.scene.Parent nested) {
                collect(nested, shown);
            }
        }
    }

    private String banner(FxRobot robot) {
        return alice.lookup(robot, "#missing-banner").queryAs(Message.class).getDescription();
    }

    @Test
    void withoutLibwakuTheStatusSaysSoAndATypedMessageStaysQueued(FxRobot robot) throws Exception {
        ChatEngine carol = new LocalAccounts(EngineConfig.of(folder.resolve("carol"),
                () -> network.addNode("carol"), scheduler).withKdf(KdfParams.FAST_FOR_TESTS))
                .create("Carol", PASSPHRASE.toCharArray());
        String carolsInvite = carol.currentInvite().link();
        carol.close();
        AccountsFactory noLibwaku = dataFolder -> new LocalAccounts(EngineConfig.of(dataFolder,
                () -> new LibWakuNode(NetworkConfig.theWakuNetwork(), () -> {
                    throw new LibWakuNotFound("libwaku not found.\nInstall it from …\nor set WAKUCHAT_LIBWAKU.");
                }), scheduler).withKdf(KdfParams.FAST_FOR_TESTS));
        open(robot, bob, noLibwaku, 0);
        createAccount(robot, bob, "Bob");
        waitUntil(() -> bob.text(robot, "#status-headline").startsWith("Chat engine unavailable"));

        bob.focus(robot);
        robot.clickOn(bob.node(robot, "#add-contact-button"));
        robot.clickOn(bob.node(robot, "#invite-input")).write(carolsInvite);
        robot.clickOn(bob.node(robot, "#check-invite"));
        waitUntil(() -> bob.text(robot, "#invite-preview").equals("Start a chat with Carol?"));
        robot.clickOn(bob.node(robot, "#accept-invite"));
        waitUntil(() -> bob.has(robot, "#chat-title") && bob.text(robot, "#chat-title").equals("Carol"));
        bobTypes(robot, "are you there?");
        waitUntil(() -> bobsTick(robot, "queued"));

        robot.interact(bob.root::shutdown);
        bob.root = null;
        open(robot, bob, noLibwaku, 0);
        unlock(robot, bob);
        robot.clickOn(bob.node(robot, ".conversation-cell"));
        waitUntil(() -> showsMessage(robot, bob, "are you there?") && bobsTick(robot, "queued"));
        assertThat(bob.text(robot, "#status-headline")).startsWith("Chat engine unavailable");
    }

    private void waitUntil(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS, () -> {
                try {
                    return condition.call();
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
        } catch (TimeoutException timeout) {
            throw new AssertionError("condition not met within " + WAIT + "; on screen: " + describe(alice) + " | "
                    + describe(bob), timeout);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
