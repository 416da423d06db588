package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.wakuchat.app.notify.Notice;
import org.wakuchat.core.ConversationId;

/** Desktop notifications through the real window: what is shown, and what a click does. */
class NotificationsUiTest extends AppUiTest {

    private ConversationId alice;
    private ConversationId bob;
    private final FakeAccounts accounts = FakeAccounts.existing(CLOCK, PASSPHRASE, engine -> {
        alice = engine.addContact("Alice", new byte[] {1, 2, 3}).id();
        bob = engine.addContact("Bob", new byte[] {4, 5, 6}).id();
    });

    @Override
    Optional<AccountsFactory> accounts() {
        return Optional.of(folder -> accounts);
    }

    @Test
    void aMessageInAnotherConversationNotifiesAndTheClickOpensIt(FxRobot robot) {
        unlock(robot);
        robot.clickOn("Bob");
        waitUntil(() -> text(robot, "#chat-title").equals("Bob"));

        // caught up from Store, written before this session: it must not notify
        accounts.engine().receive(alice, "From before this session", CLOCK.instant().minus(Duration.ofHours(2)));
        accounts.engine().receive(alice, "Are you coming tonight?");

        waitUntil(() -> !desktop.shown().isEmpty());
        Notice notice = desktop.shown().getFirst();
        assertThat(notice).isEqualTo(new Notice(alice, "Alice", "Are you coming tonight?"));

        desktop.click(notice);

        waitUntil(() -> text(robot, "#chat-title").equals("Alice"));
        waitUntil(() -> desktop.withdrawn().contains(alice));
        assertThat(desktop.shown()).hasSize(1);
    }
}
