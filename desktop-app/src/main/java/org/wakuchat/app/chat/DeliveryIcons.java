package org.wakuchat.app.chat;

import java.util.Locale;
import java.util.Optional;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.wakuchat.core.DeliveryFailure;
import org.wakuchat.core.DeliveryState;

/** The small icon after an outgoing message's time, and the tooltip that explains it. */
final class DeliveryIcons {

    private DeliveryIcons() {
    }

    /** Turns a cell's reused icon and tooltip into the ones for this state. */
    static void show(FontIcon icon, Tooltip tooltip, DeliveryState state, Optional<DeliveryFailure> failure) {
        String stateClass = "delivery-" + state.name().toLowerCase(Locale.ROOT);
        String text = state == DeliveryState.FAILED ? "Not delivered — " + failureReason(failure) : explanation(state);
        if (icon.getStyleClass().contains(stateClass) && text.equals(tooltip.getText())) {
            return; // unchanged: restyling a reused cell's icon is not free
        }
        icon.setIconCode(glyph(state));
        icon.getStyleClass().setAll("ikonli-font-icon", "delivery-icon", stateClass);
        tooltip.setText(text);
    }

    /** Why a message failed, in words, shown under it next to Retry. */
    static String failureReason(Optional<DeliveryFailure> failure) {
        return switch (failure.orElse(DeliveryFailure.NO_CONFIRMATION)) {
            case NO_CONFIRMATION -> "no confirmation after several tries. Retry to send it again.";
            case NO_ANSWER_TO_INVITE -> "they never answered this invite. It may have expired or been replaced;"
                    + " ask them for a new one.";
            case INVITE_EXPIRED -> "their invite expired before they answered, so their app no longer accepts it."
                    + " Ask them for a new invite.";
        };
    }

    private static Ikon glyph(DeliveryState state) {
        return switch (state) {
            case QUEUED -> Material2MZ.SCHEDULE;
            case SENT -> Material2AL.DONE;
            case DELIVERED -> Material2AL.DONE_ALL;
            case FAILED, RECEIVED -> Material2AL.ERROR_OUTLINE;
        };
    }

    /** The icon's tooltip in a group, where "their device" is every member's. */
    static String groupExplanation(DeliveryState state) {
        return switch (state) {
            case SENT -> "Sent — on the Waku network; not every member's device has confirmed it yet.";
            case DELIVERED -> "Delivered — every member's device confirmed it.";
            default -> explanation(state);
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
