package org.wakuchat.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.DeliveryFailure;

/** A failed message says why under it (issue #14: FAILED with the reason, not just "not delivered"). */
class DeliveryFailureTextTest {

    @Test
    void everyReasonHasItsOwnText() {
        assertThat(Arrays.stream(DeliveryFailure.values()).map(f -> DeliveryIcons.failureReason(Optional.of(f))).distinct())
                .hasSize(DeliveryFailure.values().length);
    }

    @Test
    void invitesThatExpiredOrWentUnansweredAskForANewInvite() {
        assertThat(DeliveryIcons.failureReason(Optional.of(DeliveryFailure.INVITE_EXPIRED)))
                .contains("expired").contains("new invite");
        assertThat(DeliveryIcons.failureReason(Optional.of(DeliveryFailure.NO_ANSWER_TO_INVITE)))
                .contains("never answered").contains("new one");
    }

    @Test
    void aFailureWithoutAKnownReasonReadsAsNoConfirmation() {
        assertThat(DeliveryIcons.failureReason(Optional.empty()))
                .isEqualTo(DeliveryIcons.failureReason(Optional.of(DeliveryFailure.NO_CONFIRMATION)));
    }
}
