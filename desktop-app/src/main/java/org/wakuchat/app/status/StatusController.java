package org.wakuchat.app.status;

import java.time.Clock;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.util.Duration;
import javafx.scene.Parent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.app.common.Controller;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;

/**
 * The status area: no engine, locked, or the unlocked engine's connection state, live (a rate
 * limit counts down each second); tells {@code toast} when catching up has finished. Each new
 * headline is logged ("Status: Connected to 1 peer"), so that the log tells what the user saw and
 * scripts (packaging's smoke test) can follow the connection without looking at the screen.
 */
public final class StatusController implements Controller {

    private static final Logger LOG = LoggerFactory.getLogger(StatusController.class);

    private final StatusModel model = new StatusModel();
    private final StatusView view = new StatusView(model, this::openReport);
    private final Clock clock;
    private final Consumer<String> toast;
    private final PauseTransition countdown = new PauseTransition(Duration.seconds(1));
    private ChatEngine engine;
    /** Followed but not started yet: the app starts it right away, so it reads as starting. */
    private boolean notStartedYet;
    private ChatEngine.Subscription subscription;
    private Runnable reliabilityReport;

    public StatusController(Clock clock, Consumer<String> toast) {
        this.clock = clock;
        this.toast = toast;
        countdown.setOnFinished(tick -> refresh());
    }

    @Override
    public Parent view() {
        return view.root();
    }

    /**
     * Offers the reliability report in the bar from now on, opened by {@code open}; null takes
     * the offer back.
     */
    public void offerReliabilityReport(Runnable open) {
        reliabilityReport = open;
        model.reportOffered.set(open != null);
    }

    private void openReport() {
        if (reliabilityReport != null) {
            reliabilityReport.run();
        }
    }

    public void showNoEngine() {
        display(StatusText.noEngine());
    }

    /**
     * Follows this engine's status from now on. The app starts every engine it follows right after
     * (off the FX thread): until the engine says otherwise, a not-yet-started engine reads as
     * starting, not as "Stopped".
     */
    public void follow(ChatEngine unlocked) {
        onDeactivate();
        engine = unlocked;
        notStartedYet = true;
        onActivate();
    }

    @Override
    public void onActivate() {
        if (engine == null || subscription != null) {
            return;
        }
        subscription = engine.subscribe(event -> {
            switch (event) {
                case ChatEvent.StatusChanged changed -> Platform.runLater(() -> show(changed.status()));
                case ChatEvent.CatchUpFinished done ->
                        Platform.runLater(() -> toast.accept(StatusText.caughtUp(done.messagesFetched(), done.problem())));
                case ChatEvent.DataFolderWarned warned -> {
                    LOG.warn("Data folder warning shown: {}", warned.warning());
                    Platform.runLater(() -> toast.accept(StatusText.dataFolder(warned.warning())));
                }
                case ChatEvent.ContactStateRolledBack rolledBack ->
                        Platform.runLater(() -> toast.accept(StatusText.contactRestoredOlderState()));
                default -> { }
            }
        });
        show(engine.status());
    }

    private void refresh() {
        if (engine != null && subscription != null) {
            show(engine.status());
        }
    }

    private void show(org.wakuchat.core.EngineStatus status) {
        if (status.state() != org.wakuchat.core.EngineStatus.State.STOPPED) {
            notStartedYet = false;
        }
        display(notStartedYet ? StatusText.starting() : StatusText.of(status, clock));
        countdown.stop();
        if (status.rateLimitedUntil().filter(until -> until.isAfter(clock.instant())).isPresent()) {
            countdown.playFromStart();
        }
    }

    private void display(StatusText text) {
        StatusText before = model.text.get();
        model.text.set(text);
        if (before == null || !logged(before).equals(logged(text))) {
            if (text.severity() == StatusText.Severity.DANGER) {
                LOG.warn("Status: {}{}", text.headline(), text.detail().isBlank() ? "" : " — " + text.detail());
            } else {
                LOG.info("Status: {}{}", text.headline(), text.detail().isBlank() ? "" : " — " + text.detail());
            }
        }
    }

    /** A headline without its countdown, which changes every second. */
    private static String logged(StatusText text) {
        return text.headline().replaceAll(" in \\d+ s$", "");
    }

    @Override
    public void onDeactivate() {
        countdown.stop();
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }
}
