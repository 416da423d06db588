package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.wakuchat.app.common.FileDialogs;
import org.wakuchat.app.notify.DesktopShell;

/**
 * Runs the real app window (on JavaFX's headless platform in the build) over a fake engine.
 * Subclasses choose the accounts with {@link #accounts()}.
 */
@ExtendWith(ApplicationExtension.class)
abstract class AppUiTest {

    static final String PASSPHRASE = "pw";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:15:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dataFolder;
    final AnswerDialogs files = new AnswerDialogs();
    final List<String> openedLinks = new ArrayList<>();
    final FakeCameraSource cameras = new FakeCameraSource();
    /** The desktop's notifications, recorded (no D-Bus or AWT in UI tests). */
    final FakeDesktop desktop = new FakeDesktop();
    AppRoot root;
    Stage stage;

    /** The accounts behind the app; empty for a build without engine. */
    abstract Optional<AccountsFactory> accounts();

    /** The desktop's notifications and tray; by default the recording {@link #desktop}. */
    DesktopShell shell() {
        return desktop;
    }

    // TestFX does not find @Start methods in superclasses, so the window is set up here
    @BeforeEach
    void start(FxRobot robot) throws Exception {
        beforeStart();
        stage = FxToolkit.registerPrimaryStage();
        DesktopShell shell = shell();
        robot.interact(() -> {
            root = new AppRoot(stage, accounts(), dataFolder, files, openedLinks::add, CLOCK, cameras, shell);
            root.start();
        });
    }

    @AfterEach
    void shutdown(FxRobot robot) throws Exception {
        robot.interact(() -> root.shutdown());
        afterShutdown();
    }

    /** For what a subclass must put into the data folder before the app starts. */
    void beforeStart() throws Exception {
    }

    /** For what a subclass must stop after the app (the app's connections first). */
    void afterShutdown() throws Exception {
    }

    /** Unlocks the existing fake account through the UI and waits for the main window. */
    void unlock(FxRobot robot) {
        waitUntil(() -> robot.lookup("#passphrase").tryQuery().map(Node::isVisible).orElse(false)
                && robot.lookup("#onboarding-title").queryLabeled().getText().startsWith("Unlock"));
        robot.clickOn("#passphrase").write(PASSPHRASE).type(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#new-chat-button").tryQuery().isPresent());
    }

    /**
     * Polls the condition on the JavaFX thread (the scene graph is only consistent there; a lookup
     * from the test thread can meet a half-rebuilt node tree), counting an exception as "not yet".
     */
    static void waitUntil(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS, () -> onFxThread(condition));
        } catch (TimeoutException timeout) {
            throw new AssertionError("condition not met within " + PATIENCE_SECONDS + " s", timeout);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static final int PATIENCE_SECONDS = 20;

    private static boolean onFxThread(Callable<Boolean> condition) {
        try {
            return Boolean.TRUE.equals(WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS));
        } catch (Exception notYet) {
            return false;
        }
    }

    static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Labeled.class).getText();
    }

    static void assertVisible(FxRobot robot, String query) {
        assertThat(robot.lookup(query).tryQuery()).hasValueSatisfying(node -> assertThat(node.isVisible()).isTrue());
    }

    /** File dialogs that answer with what the test put here. */
    static final class AnswerDialogs implements FileDialogs {
        volatile Path nextImage;
        volatile Path nextSave;
        /** The suggested names of the save dialogs shown, in order. */
        final List<String> suggested = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Optional<Path> openImage(Window owner) {
            return Optional.ofNullable(nextImage);
        }

        @Override
        public Optional<Path> savePng(Window owner, String suggestedName) {
            suggested.add(suggestedName);
            return Optional.ofNullable(nextSave);
        }

        @Override
        public Optional<Path> saveFile(Window owner, String title, String suggestedName, String typeName,
                                       String extension) {
            suggested.add(suggestedName);
            return Optional.ofNullable(nextSave);
        }
    }
}
