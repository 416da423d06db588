package org.wakuchat.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import org.wakuchat.app.common.QrCodes;
import org.wakuchat.app.demo.DemoChatEngine;
import org.wakuchat.core.ChatEvent.MissingState;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.crypto.Crypto;

/**
 * Renders the main screens into docs/screenshots in light and dark. Not part of the normal
 * build: run {@code desktop-app/screenshots.sh} (Xvfb, real GTK rendering).
 */
@Tag("screenshots")
@ExtendWith(ApplicationExtension.class)
class ScreenshotTour {

    @TempDir
    Path dataFolder;
    private final AppUiTest.AnswerDialogs files = new AppUiTest.AnswerDialogs();
    private AppRoot root;
    private Stage stage;
    private FakeAccounts accounts;
    private final FakeCameraSource cameras = new FakeCameraSource();
    private ConversationId alice;

    private static Path outputFolder() {
        return Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    }

    private void launch(FxRobot robot, String theme, Optional<AccountsFactory> factory) throws Exception {
        launch(robot, theme, factory, "THE_WAKU_NETWORK");
    }

    private void launch(FxRobot robot, String theme, Optional<AccountsFactory> factory, String network) throws Exception {
        Files.writeString(dataFolder.resolve("ui-settings.properties"),
                "theme=" + theme + "\ntextSize=NORMAL\nnotifications=true\nnetwork=" + network + "\n", StandardCharsets.UTF_8);
        stage = FxToolkit.registerPrimaryStage();
        robot.interact(() -> {
            root = new AppRoot(stage, factory, dataFolder, files, uri -> { }, AppUiTest.CLOCK,
                    cameras, org.wakuchat.app.notify.DesktopShell.none());
            root.start();
            stage.setWidth(1100);
            stage.setHeight(720);
        });
    }

    private void launchWithChats(FxRobot robot, String theme) throws Exception {
        launchWithChats(robot, theme, "THE_WAKU_NETWORK");
    }

    private void launchWithChats(FxRobot robot, String theme, String network) throws Exception {
        accounts = FakeAccounts.existing(AppUiTest.CLOCK, AppUiTest.PASSPHRASE, this::seed);
        launch(robot, theme, Optional.of(folder -> accounts), network);
        AppUiTest.waitUntil(() -> robot.lookup("#onboarding-title").queryLabeled().getText().startsWith("Unlock"));
        robot.clickOn("#passphrase").write(AppUiTest.PASSPHRASE).type(KeyCode.ENTER);
        AppUiTest.waitUntil(() -> robot.lookup("#new-chat-button").tryQuery().isPresent());
        accounts.engine().setStatus(new EngineStatus(EngineStatus.State.CONNECTED, 12, "", Optional.empty(), false, Optional.empty(), 0));
    }

    private void seed(FakeChatEngine engine) {
        Instant now = AppUiTest.CLOCK.instant();
        ConversationId bob = engine.addContact("Bob", key("bob")).id();
        engine.receive(bob, "See you at the meetup!", now.minus(Duration.ofDays(3)));
        engine.markRead(bob);
        ConversationId dora = engine.addContact("Dora Marquez", key("dora")).id();
        engine.receive(dora, "The slides are in the shared folder.", now.minus(Duration.ofHours(20)));
        engine.receive(dora, "Can you review them before Friday?", now.minus(Duration.ofHours(19)));
        alice = engine.addContact("Alice", key("alice")).id();
        engine.setVerified(alice, true);
        engine.receive(alice, "Hey! Did you get Waku Chat running?", now.minus(Duration.ofDays(1)).minus(Duration.ofHours(2)));
        delivered(engine, engine.send(alice, org.wakuchat.core.Payload.text("Yes — it connected in a few seconds.")), DeliveryState.DELIVERED);
        delivered(engine, engine.send(alice, org.wakuchat.core.Payload.text(
                "The release notes are at https://waku.org if you want the details. Messages stay queued while I'm offline "
                        + "and go out when the connection is back, so nothing is lost.")), DeliveryState.DELIVERED);
        engine.receive(alice, "Nice. Let's try a longer message to see how the bubbles wrap when the text goes on for a while.",
                now.minus(Duration.ofMinutes(30)));
        delivered(engine, engine.send(alice, org.wakuchat.core.Payload.text("Looks good here.")), DeliveryState.SENT);
        delivered(engine, engine.send(alice, org.wakuchat.core.Payload.text("This one did not make it.")), DeliveryState.FAILED);
        engine.send(alice, org.wakuchat.core.Payload.text("And this one waits for the network."));
        engine.markRead(alice);
        engine.receive(alice, "Lunch tomorrow at noon?", now.minus(Duration.ofMinutes(3)));
        engine.receive(alice, "I found a place with great ramen.", now.minus(Duration.ofMinutes(2)));
    }

    /** Drags across the first half of a message's text, as someone selecting a part to copy. */
    private static void selectPartOf(FxRobot robot, String content) {
        javafx.scene.text.Text text = robot.lookup("#message-list").lookup(".message-text").queryAllAs(javafx.scene.text.Text.class)
                .stream().filter(node -> node.getText().equals(content)).findFirst().orElseThrow();
        javafx.geometry.Bounds bounds = text.localToScreen(text.getBoundsInLocal());
        double y = bounds.getMinY() + 8;
        robot.drag(new javafx.geometry.Point2D(bounds.getMinX() + 40, y), javafx.scene.input.MouseButton.PRIMARY)
                .moveTo(new javafx.geometry.Point2D(bounds.getMinX() + bounds.getWidth() * 0.7, y))
                .release(javafx.scene.input.MouseButton.PRIMARY);
    }

    private static void delivered(FakeChatEngine engine, ChatMessage message, DeliveryState state) {
        engine.setDelivery(message.id(), state);
    }

    private static byte[] key(String seed) {
        return Crypto.sha256(seed.getBytes(StandardCharsets.UTF_8));
    }

    private void shoot(FxRobot robot, String name) {
        WaitForAsyncUtils.sleep(400, java.util.concurrent.TimeUnit.MILLISECONDS); // let transitions finish
        WaitForAsyncUtils.waitForFxEvents();
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> image.set(stage.getScene().snapshot(null)));
        try {
            Files.createDirectories(outputFolder());
            ImageIO.write(toBuffered(image.get()), "png", outputFolder().resolve(name + ".png").toFile());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    private static BufferedImage toBuffered(WritableImage image) {
        BufferedImage out = new BufferedImage((int) image.getWidth(), (int) image.getHeight(), BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        return out;
    }

    @AfterEach
    void shutdown(FxRobot robot) {
        if (root != null) {
            robot.interact(() -> root.shutdown());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"LIGHT", "DARK"})
    void firstRun(String theme, FxRobot robot) throws Exception {
        launch(robot, theme, Optional.of(folder -> FakeAccounts.fresh(AppUiTest.CLOCK)));
        AppUiTest.waitUntil(() -> robot.lookup("#onboarding-submit").queryLabeled().getText().equals("Create account"));
        robot.clickOn("#display-name").write("Alice");
        robot.clickOn("#passphrase").write("tulip orbit canyon");
        AppUiTest.waitUntil(() -> !robot.lookup("#strength-label").queryLabeled().getText().isEmpty());
        shoot(robot, "onboarding-" + theme.toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"LIGHT", "DARK"})
    void wrongPassphrase(String theme, FxRobot robot) throws Exception {
        accounts = FakeAccounts.existing(AppUiTest.CLOCK, AppUiTest.PASSPHRASE, engine -> { });
        launch(robot, theme, Optional.of(folder -> accounts));
        AppUiTest.waitUntil(() -> robot.lookup("#onboarding-title").queryLabeled().getText().startsWith("Unlock"));
        robot.clickOn("#passphrase").write("guess").type(KeyCode.ENTER);
        AppUiTest.waitUntil(() -> robot.lookup("#onboarding-error").query().isVisible());
        shoot(robot, "unlock-wrong-passphrase-" + theme.toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"LIGHT", "DARK"})
    void noEngine(String theme, FxRobot robot) throws Exception {
        launch(robot, theme, Optional.empty());
        AppUiTest.waitUntil(() -> robot.lookup("#no-engine-message").query().isVisible());
        shoot(robot, "no-engine-" + theme.toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"LIGHT", "DARK"})
    void conversation(String theme, FxRobot robot) throws Exception {
        launchWithChats(robot, theme);
        robot.clickOn("Alice");
        AppUiTest.waitUntil(() -> robot.lookup("#chat-title").queryLabeled().getText().equals("Alice"));
        accounts.engine().announceMissing(alice, 2, MissingState.RECOVERING);
        robot.clickOn("#composer").write("Sounds great, see you there");
        selectPartOf(robot, "Nice. Let's try a longer message to see how the bubbles wrap when the text goes on for a while.");
        shoot(robot, "chat-" + theme.toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"LIGHT", "DARK"})
    void groupChat(String theme, FxRobot robot) throws Exception {
        launchWithChats(robot, theme);
        FakeChatEngine engine = accounts.engine();
        List<ConversationId> contacts = engine.conversations().stream().map(c -> c.id()).toList();
        var group = engine.createGroup("Weekend hike", contacts);
        java.util.function.Function<String, org.wakuchat.core.account.AccountId> member = name -> group.members().stream()
                .filter(m -> m.name().equals(name)).findFirst().orElseThrow().id();
        org.wakuchat.core.account.AccountId bob = member.apply("Bob");
        org.wakuchat.core.account.AccountId dora = member.apply("Dora Marquez");
        org.wakuchat.core.account.AccountId aliceId = member.apply("Alice");
        engine.receiveInGroup(group.id(), aliceId, "Saturday at 9 at the station?");
        engine.receiveInGroup(group.id(), dora, "Works for me! I'll bring the map and some snacks for the way up.");
        ChatMessage mine = engine.send(group.id(), org.wakuchat.core.Payload.text("Great, I'll check the weather on Friday."));
        engine.confirmInGroup(mine.id(), aliceId);
        engine.confirmInGroup(mine.id(), dora);
        engine.receiveInGroup(group.id(), bob, "Count me in too.");
        engine.setGroupRole(group.id(), aliceId, org.wakuchat.core.group.GroupRole.ADMIN); // two admins in the panel
        AppUiTest.waitUntil(() -> robot.lookup("#conversation-list").lookup((javafx.scene.control.Labeled l)
                -> "Weekend hike".equals(l.getText())).tryQuery().isPresent());
        robot.clickOn(robot.lookup("#conversation-list").lookup((javafx.scene.control.Labeled l) -> "Weekend hike".equals(l.getText()))
                .queryAs(javafx.scene.Node.class));
        AppUiTest.waitUntil(() -> robot.lookup("#chat-title").queryLabeled().getText().equals("Weekend hike"));
        robot.clickOn("#group-members-button");
        AppUiTest.waitUntil(() -> robot.lookup("#member-panel").query().isVisible());
        engine.renameGroup(group.id(), "Weekend hike, Saturday");
        engine.announceGroupMissing(group.id(), bob, 2, MissingState.LOST);
        // the list opened at "New messages"; show the newest lines as after scrolling down
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            var list = robot.lookup("#message-list").queryListView();
            list.scrollTo(list.getItems().size() - 1);
        });
        // the "New message from …" toast of Bob's message would hide the header
        AppUiTest.waitUntil(() -> robot.lookup(".toast").tryQuery().isEmpty());
        shoot(robot, "group-chat-" + theme.toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"LIGHT", "DARK"})
    void newGroup(String theme, FxRobot robot) throws Exception {
        launchWithChats(robot, theme);
        robot.clickOn("#new-group-button");
        AppUiTest.waitUntil(() -> robot.lookup(".group-contact").queryAll().size() == 3);
        robot.clickOn("#group-name").write("Book club");
        for (String name : List.of("Alice", "Dora Marquez")) {
            robot.clickOn(robot.lookup(".group-contact").lookup((javafx.scene.control.CheckBox c) -> name.equals(c.getText()))
                    .queryAs(javafx.scene.Node.class));
        }
        shoot(robot, "group-new-" + theme.toLowerCase());
        robot.clickOn("#group-name").eraseText(9);
        robot.clickOn("#create-group");
        AppUiTest.waitUntil(() -> robot.lookup("#group-dialog-error").query().isVisible());
        shoot(robot, "group-new-error-" + theme.toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"LIGHT", "DARK"})
    void offline(String theme, FxRobot robot) throws Exception {
        launchWithChats(robot, theme);
        robot.clickOn("Dora Marquez");
        AppUiTest.waitUntil(() -> robot.lookup("#chat-title").queryLabeled().getText().equals("Dora Marquez"));
        accounts.engine().setStatus(new EngineStatus(EngineStatus.State.OFFLINE, 0, "", Optional.of(AppUiTest.CLOCK.instant()),
                false, Optional.empty(), 2));
        shoot(robot, "offline-" + theme.toLowerCase());
        accounts.engine().setStatus(new EngineStatus(EngineStatus.State.UNAVAILABLE, 0,
                "libwaku was not found. Put it in native-libs/linux-x86_64/ or the app folder, or set WAKUCHAT_LIBWAKU to its path.",
                Optional.empty(), false, Optional.empty(), 2));
        shoot(robot, "libwaku-missing-" + theme.toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"LIGHT", "DARK"})
    void dialogs(String theme, FxRobot robot) throws Exception {
        launchWithChats(robot, theme);
        robot.clickOn("Alice");
        AppUiTest.waitUntil(() -> robot.lookup("#chat-title").queryLabeled().getText().equals("Alice"));

        robot.clickOn("#new-chat-button");
        AppUiTest.waitUntil(() -> robot.lookup("#invite-qr").queryAs(javafx.scene.image.ImageView.class).getImage() != null);
        shoot(robot, "invite-" + theme.toLowerCase());
        robot.type(KeyCode.ESCAPE);

        Path qr = dataFolder.resolve("erin.png");
        QrCodes.savePng(org.wakuchat.core.invite.InviteQr.matrix(DemoChatEngine.inviteLinkFor("Erin")), 4, qr);
        files.nextImage = qr;
        robot.clickOn("#add-contact-button");
        robot.clickOn("#open-image");
        AppUiTest.waitUntil(() -> robot.lookup("#invite-preview").queryLabeled().getText().contains("Erin"));
        shoot(robot, "add-contact-" + theme.toLowerCase());
        robot.type(KeyCode.ESCAPE);

        cameras.showing = FakeCameraSource.qr("https://example.com/lunch-menu");
        robot.clickOn("#add-contact-button");
        robot.clickOn("#camera");
        AppUiTest.waitUntil(() -> robot.lookup("#add-contact-feedback").query().isVisible());
        shoot(robot, "camera-" + theme.toLowerCase());
        robot.type(KeyCode.ESCAPE);

        robot.clickOn("#verify-button");
        AppUiTest.waitUntil(() -> !robot.lookup("#safety-number").queryLabeled().getText().isEmpty());
        shoot(robot, "verify-" + theme.toLowerCase());
        robot.type(KeyCode.ESCAPE);

        robot.clickOn("#settings-button");
        AppUiTest.waitUntil(() -> robot.lookup("#settings-dialog").tryQuery().isPresent());
        shoot(robot, "settings-" + theme.toLowerCase());
        robot.moveTo("#settings-scroll").scroll(30, javafx.geometry.VerticalDirection.DOWN);
        robot.clickOn("#about-button");
        AppUiTest.waitUntil(() -> robot.lookup("#about-dialog").tryQuery().isPresent());
        shoot(robot, "about-" + theme.toLowerCase());
    }

    /** Invites from another network, RLN settings and the status line without a membership. */
    @ParameterizedTest
    @ValueSource(strings = {"LIGHT", "DARK"})
    void networks(String theme, FxRobot robot) throws Exception {
        launchWithChats(robot, theme, "COMMUNITY");
        String mode = theme.toLowerCase();
        accounts.engine().setPreviewedInviteNetwork(Optional.of(new org.wakuchat.core.invite.InviteNetwork(4242,
                java.util.List.of("/ip4/192.0.2.10/tcp/60000/p2p/16Uiu2HAmPLe7Mzm8TsYUubgCAW1aJoeFScxrLj8ppHFivPo97bUZ"))));
        Path qr = dataFolder.resolve("frank.png");
        QrCodes.savePng(org.wakuchat.core.invite.InviteQr.matrix(DemoChatEngine.inviteLinkFor("Frank")), 4, qr);
        files.nextImage = qr;
        robot.clickOn("#add-contact-button");
        robot.clickOn("#open-image");
        AppUiTest.waitUntil(() -> robot.lookup("#invite-network-note").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        shoot(robot, "add-contact-other-network-" + mode);
        robot.interact(() -> robot.lookup("#join-network").queryButton().fire());
        AppUiTest.waitUntil(() -> robot.lookup("#invite-network-note").queryLabeled().getText().startsWith("You are joining"));
        shoot(robot, "add-contact-joined-" + mode);
        robot.type(KeyCode.ESCAPE);

        robot.clickOn("#settings-button");
        AppUiTest.waitUntil(() -> robot.lookup("#network-choice").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#network-choice").queryAs(javafx.scene.control.ComboBox.class)
                .setValue(org.wakuchat.app.common.UiSettings.NetworkPreset.THE_WAKU_NETWORK));
        robot.interact(() -> {
            robot.lookup("#rln-keystore").queryTextInputControl().setText("/home/me/rlnKeystore.json");
            robot.lookup("#rln-eth-rpc").queryTextInputControl().setText("https://rpc.sepolia.linea.build");
        });
        robot.interact(() -> {
            javafx.scene.control.ScrollPane scroll = robot.lookup("#settings-scroll").queryAs(javafx.scene.control.ScrollPane.class);
            javafx.scene.Node fields = robot.lookup("#rln-fields").query();
            double y = scroll.getContent().sceneToLocal(fields.localToScene(0, 0)).getY();
            double range = scroll.getContent().getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
            scroll.setVvalue(Math.min(1, Math.max(0, (y - 20) / range)));
        });
        shoot(robot, "settings-rln-" + mode);
        robot.type(KeyCode.ESCAPE);

        accounts.engine().setStatus(new EngineStatus(EngineStatus.State.UNAVAILABLE, 0,
                org.wakuchat.core.transport.RlnProblems.missingMembership(org.wakuchat.core.transport.NetworkConfig.theWakuNetwork())
                        .orElseThrow(), Optional.empty(), false, Optional.empty(), 1));
        AppUiTest.waitUntil(() -> robot.lookup("#status-headline").queryLabeled().getText().contains("RLN membership"));
        shoot(robot, "status-rln-" + mode);
    }

    /** The reliability panel: its figures, the peer chart and an export, and a period without messages. */
    @ParameterizedTest
    @ValueSource(strings = {"LIGHT", "DARK"})
    void reliabilityReport(String theme, FxRobot robot) throws Exception {
        launchWithChats(robot, theme);
        String mode = theme.toLowerCase();
        List<ConversationId> ids = accounts.engine().conversations().stream().map(c -> c.id()).toList();
        accounts.engine().setReliabilityReport(weekOfUse(ids));
        robot.clickOn("#status-report-link");
        AppUiTest.waitUntil(() -> robot.lookup("#latency-chart").tryQuery().isPresent()
                && !robot.lookup("#report-busy").query().isVisible());
        shoot(robot, "reliability-report-" + mode);
        scrollReportTo(robot, "#latency-chart", 150);
        shoot(robot, "reliability-report-latency-" + mode);

        files.nextSave = dataFolder.resolve("wakuchat-reliability-7d.json");
        robot.clickOn("#export-json");
        AppUiTest.waitUntil(() -> robot.lookup("#report-exported").query().isVisible());
        scrollReportTo(robot, "#report-connection", 0);
        shoot(robot, "reliability-report-connection-" + mode);

        accounts.engine().setReliabilityReport(org.wakuchat.core.report.ReliabilityReport.empty(
                org.wakuchat.core.report.ReportQuery.overall(org.wakuchat.core.report.ReportPeriod.LAST_24_HOURS),
                AppUiTest.CLOCK.instant()));
        robot.clickOn("#report-period-24h");
        AppUiTest.waitUntil(() -> robot.lookup("#report-empty").tryQuery().isPresent());
        shoot(robot, "reliability-report-empty-" + mode);
    }

    /** Scrolls the report so that {@code query}'s node starts {@code above} px below the viewport's top. */
    private static void scrollReportTo(FxRobot robot, String query, double above) {
        robot.interact(() -> {
            javafx.scene.control.ScrollPane scroll = robot.lookup("#report-scroll").queryAs(javafx.scene.control.ScrollPane.class);
            javafx.scene.Node node = robot.lookup(query).query();
            double y = scroll.getContent().sceneToLocal(node.localToScene(0, 0)).getY();
            double range = scroll.getContent().getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
            scroll.setVvalue(Math.min(1, Math.max(0, (y - above) / range)));
        });
    }

    /**
     * A week of use: most messages delivered within seconds, a few slow ones, a handful failed;
     * the app closed at night, a catch-up each morning, peers between 4 and 11.
     */
    private static org.wakuchat.core.report.ReliabilityReport weekOfUse(List<ConversationId> ids) {
        Instant to = AppUiTest.CLOCK.instant();
        Instant from = to.minus(Duration.ofDays(7));
        java.util.Random random = new java.util.Random(15);
        List<Duration> latencies = new java.util.ArrayList<>();
        for (int i = 0; i < 212; i++) {
            double seconds = Math.exp(random.nextGaussian() * 0.9 + 0.1);
            latencies.add(Duration.ofMillis((long) (seconds * 1000)));
        }
        latencies.addAll(List.of(Duration.ofSeconds(48), Duration.ofMinutes(3), Duration.ofMinutes(41)));
        List<org.wakuchat.core.report.ReliabilityReport.StateChange> states = new java.util.ArrayList<>();
        List<org.wakuchat.core.report.ReliabilityReport.PeerSample> peers = new java.util.ArrayList<>();
        List<org.wakuchat.core.report.ReliabilityReport.CatchUpRun> catchUps = new java.util.ArrayList<>();
        for (int day = 6; day >= 0; day--) {
            Instant morning = to.truncatedTo(java.time.temporal.ChronoUnit.DAYS).minus(Duration.ofDays(day)).plus(Duration.ofHours(8));
            if (morning.isBefore(from)) {
                continue;
            }
            Instant night = day == 0 ? null : morning.plus(Duration.ofHours(14));
            states.add(new org.wakuchat.core.report.ReliabilityReport.StateChange(morning, EngineStatus.State.STARTING));
            peers.add(new org.wakuchat.core.report.ReliabilityReport.PeerSample(morning, 0));
            states.add(new org.wakuchat.core.report.ReliabilityReport.StateChange(morning.plusSeconds(6), EngineStatus.State.CONNECTED));
            peers.add(new org.wakuchat.core.report.ReliabilityReport.PeerSample(morning.plusSeconds(6), 4));
            catchUps.add(new org.wakuchat.core.report.ReliabilityReport.CatchUpRun(morning.plusSeconds(6),
                    Duration.ofMillis(900 + random.nextInt(3000)), Duration.ofHours(10), random.nextInt(9), day != 3));
            Instant end = night == null ? to : night;
            for (Instant t = morning.plus(Duration.ofMinutes(20)); t.isBefore(end); t = t.plus(Duration.ofMinutes(50 + random.nextInt(70)))) {
                peers.add(new org.wakuchat.core.report.ReliabilityReport.PeerSample(t, 4 + random.nextInt(8)));
            }
            if (night != null) {
                states.add(new org.wakuchat.core.report.ReliabilityReport.StateChange(night, EngineStatus.State.STOPPED));
                peers.add(new org.wakuchat.core.report.ReliabilityReport.PeerSample(night, 0));
            }
        }
        var rows = new java.util.ArrayList<org.wakuchat.core.report.ReliabilityReport.ContactRow>();
        int[][] figures = {{140, 136, 1, 3, 171}, {52, 50, 1, 1, 64}, {31, 29, 1, 1, 22}};
        for (int i = 0; i < Math.min(ids.size(), figures.length); i++) {
            int[] f = figures[i];
            rows.add(new org.wakuchat.core.report.ReliabilityReport.ContactRow(ids.get(i), f[0], f[1], f[2], f[3], f[4],
                    Optional.of(Duration.ofMillis(900 + 400L * i)), i == 0 ? 6 : 0, i == 0 ? 1 : 0));
        }
        return new org.wakuchat.core.report.ReliabilityReport(
                org.wakuchat.core.report.ReportQuery.overall(org.wakuchat.core.report.ReportPeriod.LAST_7_DAYS), from, to,
                Optional.of(66),
                new org.wakuchat.core.report.ReliabilityReport.Outgoing(223, 215, 3, 5, java.util.Map.of(
                        org.wakuchat.core.DeliveryFailure.NO_CONFIRMATION, 4, org.wakuchat.core.DeliveryFailure.INVITE_EXPIRED, 1),
                        17, 26),
                org.wakuchat.core.report.ReliabilityReport.Latency.of(latencies), 257,
                new org.wakuchat.core.report.ReliabilityReport.Missed(6, 4, 1, 1, 0),
                new org.wakuchat.core.report.ReliabilityReport.CatchUps(catchUps.size(),
                        (int) catchUps.stream().filter(c -> c.storeAnswered()).count(),
                        catchUps.stream().mapToInt(c -> c.messagesFetched()).sum(),
                        catchUps.stream().map(c -> c.took()).reduce(Duration.ZERO, Duration::plus),
                        catchUps.stream().map(c -> c.took()).max(Duration::compareTo).orElse(Duration.ZERO), catchUps),
                new org.wakuchat.core.report.ReliabilityReport.Connectivity(Duration.ofHours(86).plusMinutes(20),
                        Duration.ofMinutes(47), Duration.ofHours(80).plusMinutes(53), 7, 1, states, peers),
                new org.wakuchat.core.report.ReliabilityReport.RateLimitWaits(0, Duration.ZERO), rows);
    }
}
