package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.UInt32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.wakuchat.app.notify.DesktopShell;
import org.wakuchat.app.notify.freedesktop.FakeNotificationServer;
import org.wakuchat.app.notify.freedesktop.FreedesktopShell;
import org.wakuchat.app.notify.freedesktop.Notifications;
import org.wakuchat.app.notify.freedesktop.PrivateBus;
import org.wakuchat.core.ConversationId;

/**
 * The whole way on Linux: the real window, the real D-Bus notifier, a private dbus-daemon and a
 * fake notification server in place of GNOME Shell or Plasma.
 */
class DesktopOverDBusUiTest extends AppUiTest {

    @TempDir
    Path busFolder;
    private PrivateBus bus;
    private DBusConnection serverSide;
    private final FakeNotificationServer server = new FakeNotificationServer(List.of("actions", "body"));
    private ConversationId alice;
    private final FakeAccounts accounts = FakeAccounts.existing(CLOCK, PASSPHRASE, engine -> {
        alice = engine.addContact("Alice", new byte[] {1, 2, 3}).id();
        engine.addContact("Bob", new byte[] {4, 5, 6});
    });

    @Override
    Optional<AccountsFactory> accounts() {
        return Optional.of(folder -> accounts);
    }

    @Override
    DesktopShell shell() {
        try {
            bus = PrivateBus.start(busFolder);
            serverSide = bus.connect();
            serverSide.exportObject(Notifications.OBJECT_PATH, server);
            serverSide.requestBusName(Notifications.BUS_NAME);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DBusException e) {
            throw new IllegalStateException(e);
        }
        return FreedesktopShell.atAddress(bus.address());
    }

    @Override
    void afterShutdown() throws IOException {
        if (serverSide != null) {
            serverSide.close();
        }
        if (bus != null) {
            bus.close();
        }
    }

    @Test
    void aNotificationOnTheBusOpensItsConversationWhenClicked(FxRobot robot) throws Exception {
        unlock(robot);
        robot.clickOn("Bob");
        waitUntil(() -> text(robot, "#chat-title").equals("Bob"));

        accounts.engine().receive(alice, "Are you coming tonight?");

        waitUntil(() -> !server.notified().isEmpty());
        FakeNotificationServer.Notify shown = server.notified().getFirst();
        assertThat(shown.summary()).isEqualTo("Alice");
        assertThat(shown.body()).isEqualTo("Are you coming tonight?");

        serverSide.sendMessage(new Notifications.ActionInvoked(Notifications.OBJECT_PATH, new UInt32(shown.id()),
                "default"));

        waitUntil(() -> text(robot, "#chat-title").equals("Alice"));
        waitUntil(() -> server.closed().contains(shown.id()));
    }
}
