package org.wakuchat.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.Payload;

class NotificationPolicyTest {

    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");
    private static final ConversationId ALICE = new ConversationId("alice");
    private static final ConversationId BOB = new ConversationId("bob");
    private static final NotificationPolicy.Situation AWAY = new NotificationPolicy.Situation(true, false, null);

    private final NotificationPolicy policy = new NotificationPolicy(START);
    private int serial;

    private ChatMessage incoming(ConversationId from, String text, Instant sentAt) {
        return new ChatMessage(new MessageId("m" + ++serial), from, false, Payload.text(text), sentAt, sentAt,
                DeliveryState.DELIVERED, serial);
    }

    private ChatMessage incoming(ConversationId from, String text) {
        return incoming(from, text, START.plusSeconds(serial + 1));
    }

    @Test
    void aMessageWhileTheWindowIsInTheBackgroundNotifiesWithSenderAndText() {
        assertThat(policy.incoming(incoming(ALICE, "Lunch?"), "Alice", AWAY))
                .contains(new Notice(ALICE, "Alice", "Lunch?"));
    }

    @Test
    void theOpenConversationInTheFocusedWindowDoesNotNotifyOthersDo() {
        NotificationPolicy.Situation readingAlice = new NotificationPolicy.Situation(true, true, ALICE);

        assertThat(policy.incoming(incoming(ALICE, "hi"), "Alice", readingAlice)).isEmpty();
        assertThat(policy.incoming(incoming(BOB, "yo"), "Bob", readingAlice)).isPresent();
    }

    @Test
    void theOpenConversationNotifiesWhenTheWindowIsNotFocused() {
        NotificationPolicy.Situation aliceOpenButAway = new NotificationPolicy.Situation(true, false, ALICE);

        assertThat(policy.incoming(incoming(ALICE, "hi"), "Alice", aliceOpenButAway)).isPresent();
    }

    @Test
    void nothingWhenNotificationsAreOff() {
        NotificationPolicy.Situation off = new NotificationPolicy.Situation(false, false, null);

        assertThat(policy.incoming(incoming(ALICE, "hi"), "Alice", off)).isEmpty();
    }

    @Test
    void aBurstBecomesOneNotificationCountingTheMessagesUntilOpened() {
        policy.incoming(incoming(ALICE, "one"), "Alice", AWAY);
        policy.incoming(incoming(ALICE, "two"), "Alice", AWAY);
        Optional<Notice> third = policy.incoming(incoming(ALICE, "three"), "Alice", AWAY);
        Optional<Notice> bob = policy.incoming(incoming(BOB, "yo"), "Bob", AWAY);

        assertThat(third).contains(new Notice(ALICE, "Alice", "3 new messages"));
        assertThat(bob).contains(new Notice(BOB, "Bob", "yo"));

        policy.opened(ALICE);
        assertThat(policy.incoming(incoming(ALICE, "four"), "Alice", AWAY)).contains(new Notice(ALICE, "Alice", "four"));
    }

    @Test
    void messagesWrittenBeforeTheSessionStartedAreCaughtUpSilently() {
        ChatMessage old = incoming(ALICE, "from yesterday", START.minus(Duration.ofDays(1)));

        assertThat(policy.incoming(old, "Alice", AWAY)).isEmpty();
        assertThat(policy.incoming(incoming(ALICE, "now"), "Alice", AWAY)).contains(new Notice(ALICE, "Alice", "now"));
    }

    @Test
    void myOwnMessagesNeverNotify() {
        ChatMessage mine = new ChatMessage(new MessageId("x"), ALICE, true, Payload.text("hi"), START.plusSeconds(5),
                START.plusSeconds(5), DeliveryState.SENT, 1);

        assertThat(policy.incoming(mine, "Alice", AWAY)).isEmpty();
    }

    @Test
    void longTextIsCutToAPreviewOnOneLine() {
        String text = "word ".repeat(40) + "\nsecond line";

        String body = policy.incoming(incoming(ALICE, text), "Alice", AWAY).orElseThrow().body();

        assertThat(body).hasSizeLessThanOrEqualTo(Notice.PREVIEW_LENGTH).endsWith("…").doesNotContain("\n");
        assertThat(Notice.preview("  short\n text ")).isEqualTo("short text");
    }

    @Test
    void aNonTextPayloadSaysOnlyThatAMessageCame() {
        ChatMessage custom = new ChatMessage(new MessageId("c"), ALICE, false, new Payload(Payload.FIRST_CUSTOM_TYPE,
                new byte[] {1}), START.plusSeconds(1), START.plusSeconds(1), DeliveryState.DELIVERED, 1);

        assertThat(policy.incoming(custom, "Alice", AWAY)).contains(new Notice(ALICE, "Alice", "New message"));
    }
}
