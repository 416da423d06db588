package org.wakuchat.app.notify.freedesktop;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.app.notify.DesktopNotifier;
import org.wakuchat.app.notify.DesktopShell;
import org.wakuchat.app.notify.DesktopTray;
import org.wakuchat.core.ConversationId;

/**
 * Linux and BSD desktops over the D-Bus session bus: freedesktop notifications and a
 * StatusNotifierItem tray icon, sharing one connection made on first use.
 */
public final class FreedesktopShell implements DesktopShell {

    private static final Logger LOG = LoggerFactory.getLogger(FreedesktopShell.class);

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    private final Optional<String> address;
    private DBusConnection connection;
    private boolean tried;

    private FreedesktopShell(Optional<String> address) {
        this.address = address;
    }

    /** The user's session bus ({@code DBUS_SESSION_BUS_ADDRESS}). */
    public static FreedesktopShell sessionBus() {
        return new FreedesktopShell(Optional.empty());
    }

    /** A bus at this address, e.g. {@code unix:path=/tmp/bus} (tests run their own). */
    public static FreedesktopShell atAddress(String address) {
        return new FreedesktopShell(Optional.of(address));
    }

    @Override
    public synchronized Optional<DesktopNotifier> notifier(Consumer<ConversationId> onClick) {
        return connection().flatMap(bus -> FreedesktopNotifier.connect(bus, onClick));
    }

    @Override
    public synchronized Optional<DesktopTray> tray(DesktopTray.Actions actions) {
        return connection().flatMap(bus -> StatusNotifierTray.register(bus, actions));
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException e) {
                LOG.debug("Closing the D-Bus connection: {}", e.toString());
            }
            connection = null;
        }
    }

    private Optional<DBusConnection> connection() {
        if (!tried) {
            tried = true;
            try {
                DBusConnectionBuilder builder = address.map(DBusConnectionBuilder::forAddress)
                        .orElseGet(DBusConnectionBuilder::forSessionBus);
                // a dead bus address must not hold up the notifications queued behind it for long
                connection = builder.withShared(false).transportConfig().withTimeout(CONNECT_TIMEOUT_MILLIS).back().build();
            } catch (DBusException | RuntimeException noBus) {
                LOG.info("No D-Bus session bus ({}): no desktop notifications or tray icon, notes stay in the window",
                        noBus.getMessage());
            }
        }
        return Optional.ofNullable(connection);
    }
}
