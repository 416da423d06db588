package org.wakuchat.app.notify.freedesktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.types.UInt32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.app.notify.DesktopNotifier;
import org.wakuchat.app.notify.Notice;
import org.wakuchat.core.ConversationId;

/** The real notifier against a fake notification server on a private D-Bus daemon. */
class FreedesktopNotifierTest {

    private static final ConversationId ALICE = new ConversationId("alice");
    private static final ConversationId BOB = new ConversationId("bob");

    @TempDir
    Path folder;
    private PrivateBus bus;
    private DBusConnection serverSide;
    private FakeNotificationServer server;
    private FreedesktopShell shell;
    private final BlockingQueue<ConversationId> clicked = new LinkedBlockingQueue<>();

    @BeforeEach
    void startBus() throws Exception {
        bus = PrivateBus.start(folder);
        serverSide = bus.connect();
        shell = FreedesktopShell.atAddress(bus.address());
    }

    @AfterEach
    void stopBus() throws Exception {
        shell.close();
        if (serverSide != null) {
            serverSide.close();
        }
        bus.close();
    }

    private DesktopNotifier notifierWithServer(List<String> capabilities) throws Exception {
        server = new FakeNotificationServer(capabilities);
        serverSide.exportObject(Notifications.OBJECT_PATH, server);
        serverSide.requestBusName(Notifications.BUS_NAME);
        return shell.notifier(clicked::add).orElseThrow();
    }

    @Test
    void notifySendsTheAppTheTextTheClickActionAndTheHints() throws Exception {
        DesktopNotifier notifier = notifierWithServer(List.of("actions", "body"));

        notifier.show(new Notice(ALICE, "Alice", "Hi <b>there</b> & you"));

        assertThat(server.notified()).singleElement().satisfies(call -> {
            assertThat(call.appName()).isEqualTo("Waku Chat");
            assertThat(call.replacesId()).isZero();
            assertThat(call.appIcon()).isEqualTo("wakuchat");
            assertThat(call.summary()).isEqualTo("Alice");
            assertThat(call.body()).isEqualTo("Hi <b>there</b> & you"); // no markup support: sent as it is
            assertThat(call.actions()).containsExactly("default", "Open");
            assertThat(call.hints()).isEqualTo(Map.of("desktop-entry", "wakuchat-wakuchat", "category", "im.received"));
            assertThat(call.expireTimeout()).isEqualTo(-1);
        });
    }

    @Test
    void aServerThatReadsMarkupGetsTheTextEscaped() throws Exception {
        DesktopNotifier notifier = notifierWithServer(List.of("actions", "body", "body-markup"));

        notifier.show(new Notice(ALICE, "Alice", "1 < 2 & <i>x</i>"));

        assertThat(server.notified().getFirst().body()).isEqualTo("1 &lt; 2 &amp; &lt;i&gt;x&lt;/i&gt;");
    }

    @Test
    void oneConversationKeepsOneNotificationOthersGetTheirOwn() throws Exception {
        DesktopNotifier notifier = notifierWithServer(List.of("actions"));

        notifier.show(new Notice(ALICE, "Alice", "one"));
        notifier.show(new Notice(ALICE, "Alice", "2 new messages"));
        notifier.show(new Notice(BOB, "Bob", "yo"));

        List<FakeNotificationServer.Notify> calls = server.notified();
        assertThat(calls).hasSize(3);
        assertThat(calls.get(1).replacesId()).isEqualTo(calls.get(0).id());
        assertThat(calls.get(2).replacesId()).isZero();
        assertThat(calls.get(2).id()).isNotEqualTo(calls.get(0).id());
    }

    @Test
    void withdrawingClosesTheConversationsNotificationOnce() throws Exception {
        DesktopNotifier notifier = notifierWithServer(List.of("actions"));
        notifier.show(new Notice(ALICE, "Alice", "one"));
        notifier.show(new Notice(BOB, "Bob", "yo"));
        long aliceId = server.notified().getFirst().id();

        notifier.withdraw(ALICE);
        notifier.withdraw(ALICE);

        assertThat(server.closed()).containsExactly(aliceId);
    }

    @Test
    void clickingTheNotificationOpensItsConversation() throws Exception {
        DesktopNotifier notifier = notifierWithServer(List.of("actions"));
        notifier.show(new Notice(ALICE, "Alice", "one"));
        notifier.show(new Notice(BOB, "Bob", "yo"));
        long bobId = server.notified().get(1).id();

        serverSide.sendMessage(new Notifications.ActionInvoked(Notifications.OBJECT_PATH, new UInt32(bobId), "default"));

        assertThat(clicked.poll(20, TimeUnit.SECONDS)).isEqualTo(BOB);
    }

    @Test
    void aNotificationTheUserClosedIsShownAnewNotReplaced() throws Exception {
        FreedesktopNotifier notifier = (FreedesktopNotifier) notifierWithServer(List.of("actions"));
        notifier.show(new Notice(ALICE, "Alice", "one"));
        long first = server.notified().getFirst().id();

        serverSide.sendMessage(new Notifications.NotificationClosed(Notifications.OBJECT_PATH, new UInt32(first),
                new UInt32(2)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (notifier.showing(ALICE) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        notifier.show(new Notice(ALICE, "Alice", "again"));

        assertThat(server.notified().getLast().replacesId()).isZero();
    }

    @Test
    void withoutANotificationServerThereIsNoNotifier() {
        assertThat(shell.notifier(clicked::add)).isEmpty();
    }

    @Test
    void withoutABusThereIsNoNotifierAndNoTray() {
        FreedesktopShell nowhere = FreedesktopShell.atAddress("unix:path=" + folder.resolve("no-such-bus"));

        assertThat(nowhere.notifier(clicked::add)).isEmpty();
        assertThat(nowhere.tray(new org.wakuchat.app.notify.DesktopTray.Actions(() -> { }, () -> { }))).isEmpty();
        nowhere.close();
    }
}
