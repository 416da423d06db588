package org.wakuchat.app.about;

import javafx.scene.Parent;
import org.wakuchat.app.common.Controller;

/** About Waku Chat: versions, and the licences of everything the app bundles. */
public final class AboutController implements Controller {

    private final AboutView view;

    public AboutController(Runnable onClose) {
        this.view = new AboutView(AboutInfo.current(), onClose);
    }

    @Override
    public Parent view() {
        return view.root();
    }
}
