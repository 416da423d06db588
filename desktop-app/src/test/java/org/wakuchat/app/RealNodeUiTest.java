package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;
import org.wakuchat.app.common.UiSettings;
import org.wakuchat.app.common.UiSettingsStore;
import org.wakuchat.app.notify.Notice;
import org.wakuchat.cli.CliHarness;
import org.wakuchat.core.time.SystemScheduler;
import org.wakuchat.core.transport.LibWakuNode;
import org.wakuchat.cli.RealLibWaku;
import org.wakuchat.libwaku.LibWaku;

/**
 * The real app — its controllers, the real engine and a real nwaku node (libwaku) on 127.0.0.1 in
 * a private cluster, configured through its settings file as a user would — chatting with
 * {@code wakuchat-cli listen --commands} on a second real node in this JVM. Skipped, naming every
 * place the loader looked, where libwaku is not found.
 */
@Tag("libwaku")
@ExtendWith(ApplicationExtension.class)
class RealNodeUiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path folder;
    private final SystemScheduler scheduler = new SystemScheduler();
    private final ExecutorService runner = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory());
    private final FakeDesktop desktop = new FakeDesktop();
    private final Keyboard bobsKeyboard = new Keyboard();
    private final ByteArrayOutputStream bobsTerminal = new ByteArrayOutputStream();
    private CliHarness cli;
    private CompletableFuture<CliHarness.Result> bobListens;
    private AppRoot root;
    private Stage stage;

    @BeforeEach
    void requireLibWaku() {
        LibWaku lib = RealLibWaku.loadOrSkip();
        cli = new CliHarness(config -> new LibWakuNode(config, () -> lib), scheduler, folder.resolve("cli"));
    }

    @AfterEach
    void closeAll(FxRobot robot) throws Exception {
        bobsKeyboard.end(); // --exit-on-eof: listen stops at the end of its input; its node closes while the app's does
        if (root != null) {
            robot.interact(root::shutdown);
        }
        if (bobListens != null) {
            CliHarness.Result listened = bobListens.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(listened.code()).as("Bob's listen: " + listened.err()).isZero();
        }
        runner.shutdownNow();
        scheduler.close();
    }

    @Test
    void theAppChatsWithACliOnAnotherRealNode(FxRobot robot) throws Exception {
        cli.as("bob", "init", "--name", "Bob");
        String bobsInvite = cli.as("bob", "invite", "--json").jsonLine().get("link").asText();
        cli.as("carol", "init", "--name", "Carol"); // a second contact, who stays offline
        String carolsInvite = cli.as("carol", "invite", "--json").jsonLine().get("link").asText();
        String bobsAddress = bobListens();

        Path aliceFolder = folder.resolve("alice");
        new UiSettingsStore(aliceFolder).save(UiSettings.defaults()
                .withNetwork(UiSettings.NetworkPreset.PRIVATE_CLUSTER, "42", bobsAddress).withListenOn("127.0.0.1:0"));
        stage = FxToolkit.registerPrimaryStage();
        robot.interact(() -> {
            root = new AppRoot(stage, Optional.of(new NwakuAccounts(scheduler)), aliceFolder, new AppUiTest.AnswerDialogs(),
                    uri -> { }, Clock.systemDefaultZone(), new FakeCameraSource(), desktop);
            root.start();
        });
        createAccount(robot, "Alice");
        waitUntil(() -> text(robot, "#status-headline").equals("Connected to 1 peer"));

        addContact(robot, bobsInvite, "Bob");

        robot.clickOn(node(robot, "#composer")).write("Hi Bob, from the app").type(KeyCode.ENTER);
        waitUntil(() -> bobsLines("message").stream().anyMatch(line -> line.get("direction").asText().equals("in")
                && line.get("text").asText().equals("Hi Bob, from the app")));
        waitUntil(() -> lookup(robot, "#message-list").lookup(".delivery-delivered").tryQuery().isPresent());
        FontIcon tick = lookup(robot, "#message-list").lookup(".delivery-delivered").queryAs(FontIcon.class);
        assertThat(tick.isVisible()).isTrue();
        assertThat(tick.getProperties().values()).filteredOn(Tooltip.class::isInstance)
                .extracting(tooltip -> ((Tooltip) tooltip).getText())
                .containsExactly("Delivered — their device confirmed it.");

        // Alice moves on to another chat: Bob's answer must notify her.
        addContact(robot, carolsInvite, "Carol");
        bobsKeyboard.type("send Alice Hi Alice, from the terminal");

        waitUntil(() -> desktop.shown().stream().anyMatch(notice -> notice.title().equals("Bob")));
        Notice notice = desktop.shown().getFirst();
        assertThat(notice.body()).isEqualTo("Hi Alice, from the terminal");
        waitUntil(() -> bobsLines("delivery").stream().anyMatch(line -> line.get("state").asText().equals("DELIVERED")));
        desktop.click(notice);
        waitUntil(() -> text(robot, "#chat-title").equals("Bob") && showsMessage(robot, "Hi Alice, from the terminal"));
        assertThat(text(robot, "#status-headline")).isEqualTo("Connected to 1 peer");
    }

    /** Starts Bob's {@code listen --commands} on 127.0.0.1; returns the address it prints. */
    private String bobListens() throws InterruptedException {
        String[] listen = {"listen", "--json", "--commands", "--exit-on-eof", "--preset", "private",
            "--listen-address", "127.0.0.1", "--tcp-port", "0", "--node-log-level", "ERROR"};
        bobListens = CompletableFuture.supplyAsync(() -> cli.as("bob", bobsKeyboard, bobsTerminal, listen), runner);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline && !bobListens.isDone()) {
            Optional<String> address = bobsLines("node").stream().filter(line -> line.has("listenAddress"))
                    .map(line -> line.get("listenAddress").asText()).findFirst();
            if (address.isPresent()) {
                return address.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Bob's listen printed no listen address: " + bobsTerminal.toString(StandardCharsets.UTF_8)
                + (bobListens.isDone() ? bobListens.join() : ""));
    }

    /** The JSON lines of this type that Bob's listen printed so far (nwaku's own output is skipped). */
    private List<JsonNode> bobsLines(String type) {
        return bobsTerminal.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("{\""))
                .map(CliHarness::parse).filter(line -> line.path("type").asText().equals(type)).toList();
    }

    private void createAccount(FxRobot robot, String displayName) {
        waitUntil(() -> has(robot, "#onboarding-submit") && text(robot, "#onboarding-submit").equals("Create account"));
        String passphrase = "correct horse battery staple";
        robot.clickOn(node(robot, "#display-name")).write(displayName);
        robot.clickOn(node(robot, "#passphrase")).write(passphrase);
        robot.clickOn(node(robot, "#confirm-passphrase")).write(passphrase);
        robot.clickOn(node(robot, "#onboarding-submit"));
        waitUntil(() -> has(robot, "#new-chat-button"));
    }

    /** Pastes the invite link into Add contact, accepts, and waits for the new chat to open. */
    private void addContact(FxRobot robot, String invite, String name) {
        robot.clickOn(node(robot, "#add-contact-button"));
        robot.clickOn(node(robot, "#invite-input")).write(invite);
        robot.clickOn(node(robot, "#check-invite"));
        waitUntil(() -> text(robot, "#invite-preview").equals("Start a chat with " + name + "?"));
        robot.clickOn(node(robot, "#accept-invite"));
        waitUntil(() -> has(robot, "#chat-title") && text(robot, "#chat-title").equals(name));
    }

    private NodeQuery lookup(FxRobot robot, String query) {
        return robot.from(stage.getScene().getRoot()).lookup(query);
    }

    private Node node(FxRobot robot, String query) {
        return lookup(robot, query).query();
    }

    private String text(FxRobot robot, String query) {
        return lookup(robot, query).queryAs(Labeled.class).getText();
    }

    private boolean has(FxRobot robot, String query) {
        return stage.getScene() != null && lookup(robot, query).tryQuery().map(Node::isVisible).orElse(false);
    }

    private boolean showsMessage(FxRobot robot, String text) {
        return lookup(robot, "#message-list").lookup((Node node) -> node.isVisible()
                && (node instanceof Labeled label && text.equals(label.getText())
                || node instanceof javafx.scene.text.Text shown && text.equals(shown.getText())))
                .tryQuery().isPresent();
    }

    /** Polls on the FX thread; on timeout the failure names the status line and Bob's output. */
    private void waitUntil(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS, () -> {
                try {
                    return Boolean.TRUE.equals(WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS));
                } catch (Exception notYet) {
                    return false;
                }
            });
        } catch (TimeoutException timeout) {
            String status = Optional.ofNullable(stage).map(s -> s.getScene()).map(scene -> scene.lookup("#status-headline"))
                    .map(n -> ((Labeled) n).getText()).orElse("-");
            throw new AssertionError("condition not met within " + PATIENCE + "; status: " + status + "; notices: "
                    + desktop.shown() + "; Bob printed: " + bobsTerminal.toString(StandardCharsets.UTF_8), timeout);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Bob's standard input: lines typed by the test, then the end of input. */
    private static final class Keyboard extends InputStream {
        private static final int END = -1;
        private final BlockingQueue<Integer> bytes = new LinkedBlockingQueue<>();

        void type(String line) {
            for (byte b : (line + "\n").getBytes(StandardCharsets.UTF_8)) {
                bytes.add(b & 0xff);
            }
        }

        void end() {
            bytes.add(END);
        }

        @Override
        public int read() throws InterruptedIOException {
            try {
                int next = bytes.take();
                if (next == END) {
                    bytes.add(END); // every later read sees the end too
                }
                return next;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
        }

        /** Blocks for the first byte only, then returns what is there: a reader must not wait for a full buffer. */
        @Override
        public int read(byte[] buffer, int offset, int length) throws InterruptedIOException {
            if (length == 0) {
                return 0;
            }
            int first = read();
            if (first == END) {
                return END;
            }
            buffer[offset] = (byte) first;
            int count = 1;
            while (count < length) {
                Integer next = bytes.peek();
                if (next == null || next == END) {
                    break;
                }
                buffer[offset + count++] = (byte) (int) bytes.poll();
            }
            return count;
        }
    }
}
