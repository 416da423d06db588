package org.wakuchat.app.common;

import javafx.scene.Parent;

/**
 * A screen's controller: owns its model, builds its view once, and subscribes to the engine only
 * while the view is shown.
 */
public interface Controller {

    Parent view();

    /** The view was shown: subscribe and load. */
    default void onActivate() {
    }

    /** The view was hidden: unsubscribe. */
    default void onDeactivate() {
    }
}
