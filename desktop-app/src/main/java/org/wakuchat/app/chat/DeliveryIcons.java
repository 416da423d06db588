package org.wakuchat.app.chat;

import java.util.Locale;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.wakuchat.core.DeliveryState;

/** The small icon after an outgoing message's time, and the tooltip that explains it. */
final class DeliveryIcons {

    private DeliveryIcons() {
    }

    /** Turns a cell's reused icon and tooltip into the ones for this state. */
    static void show(FontIcon icon, Tooltip tooltip, DeliveryState state) {
        String stateClass = "delivery-" + state.name().toLowerCase(Locale.ROOT);
        if (icon.getStyleClass().contains(stateClass)) {
            return; // unchanged: restyling a reused cell's icon is not free
        }
        icon.setIconCode(glyph(state));
        icon.getStyleClass().setAll("ikonli-font-icon", "delivery-icon", stateClass);
        tooltip.setText(explanation(state));
    }

    private static Ikon glyph(DeliveryState state) {
        return switch (state) {
            case QUEUED -> Material2MZ.SCHEDULE;
            case SENT -> Material2AL.DONE;
            case DELIVERED -> Material2AL.DONE_ALL;
            case FAILED, RECEIVED -> Material2AL.ERROR_OUTLINE;
        };
    }

    static String explanation(DeliveryState state) {
        return switch (state) {
            case QUEUED -> "Queued — saved on this computer, waiting for the network.";
            case SENT -> "Sent — on the Waku network; their device has not confirmed it yet.";
            case DELIVERED -> "Delivered — their device confirmed it.";
            case FAILED -> "Not delivered — no confirmation after several tries. Retry to send it again.";
            case RECEIVED -> "Received.";
        };
    }
}
