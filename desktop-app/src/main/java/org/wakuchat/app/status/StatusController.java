package org.wakuchat.app.status;

import java.time.Clock;
import javafx.application.Platform;
import javafx.scene.Parent;
import org.wakuchat.app.common.Controller;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;

/** The status area: no engine, locked, or the unlocked engine's connection state, live. */
public final class StatusController implements Controller {

    private final StatusModel model = new StatusModel();
    private final StatusView view = new StatusView(model);
    private final Clock clock;
    private ChatEngine engine;
    private ChatEngine.Subscription subscription;

    public StatusController(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Parent view() {
        return view.root();
    }

    public void showNoEngine() {
        model.text.set(StatusText.noEngine());
    }

    /** Follows this engine's status from now on. */
    public void follow(ChatEngine unlocked) {
        onDeactivate();
        engine = unlocked;
        onActivate();
    }

    @Override
    public void onActivate() {
        if (engine == null || subscription != null) {
            return;
        }
        subscription = engine.subscribe(event -> {
            if (event instanceof ChatEvent.StatusChanged changed) {
                Platform.runLater(() -> model.text.set(StatusText.of(changed.status(), clock)));
            }
        });
        model.text.set(StatusText.of(engine.status(), clock));
    }

    @Override
    public void onDeactivate() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }
}
