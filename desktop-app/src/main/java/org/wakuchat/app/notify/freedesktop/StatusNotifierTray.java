package org.wakuchat.app.notify.freedesktop;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.app.notify.DesktopTray;

/**
 * The tray icon as a StatusNotifierItem: exported on the session bus under its own name and
 * registered with the desktop's StatusNotifierWatcher. Desktops without a watcher (GNOME without
 * the AppIndicator extension) get no tray icon.
 */
final class StatusNotifierTray implements DesktopTray {

    private static final Logger LOG = LoggerFactory.getLogger(StatusNotifierTray.class);

    private final DBusConnection bus;
    private final String busName;
    private final TrayItem item;

    private StatusNotifierTray(DBusConnection bus, String busName, TrayItem item) {
        this.bus = bus;
        this.busName = busName;
        this.item = item;
    }

    /** Registers the icon with the desktop's tray, or empty when there is no tray. */
    static Optional<DesktopTray> register(DBusConnection bus, Actions actions) {
        try {
            DBus daemon = bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            if (!daemon.NameHasOwner(StatusNotifierWatcher.BUS_NAME)) {
                LOG.info("No tray on this desktop (no {} on the session bus)", StatusNotifierWatcher.BUS_NAME);
                return Optional.empty();
            }
            TrayItem item = new TrayItem(actions, IconPixmaps.all(false), IconPixmaps.all(true));
            String name = "org.kde.StatusNotifierItem-" + ProcessHandle.current().pid() + "-1";
            bus.exportObject(StatusNotifierItem.OBJECT_PATH, item);
            bus.exportObject(DBusMenu.OBJECT_PATH, new TrayMenu(actions));
            bus.requestBusName(name);
            bus.getRemoteObject(StatusNotifierWatcher.BUS_NAME, StatusNotifierWatcher.OBJECT_PATH,
                    StatusNotifierWatcher.class).registerStatusNotifierItem(name);
            return Optional.of(new StatusNotifierTray(bus, name, item));
        } catch (DBusException | DBusExecutionException failed) {
            LOG.info("No tray icon: {}", failed.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void showUnread(int count) {
        if (item.setUnread(count)) {
            try {
                bus.sendMessage(new StatusNotifierItem.NewIcon(StatusNotifierItem.OBJECT_PATH));
                bus.sendMessage(new StatusNotifierItem.NewToolTip(StatusNotifierItem.OBJECT_PATH));
            } catch (DBusException failed) {
                LOG.warn("Could not update the tray icon: {}", failed.getMessage());
            }
        }
    }

    @Override
    public void close() {
        try {
            bus.releaseBusName(busName);
        } catch (DBusException | DBusExecutionException ignored) {
            // the connection closes next; the watcher drops the item when its name goes
        }
        bus.unExportObject(StatusNotifierItem.OBJECT_PATH);
        bus.unExportObject(DBusMenu.OBJECT_PATH);
    }

    /** The exported object: answers the tray host's calls and property reads. */
    static final class TrayItem implements StatusNotifierItem {
        private final Actions actions;
        private final List<Pixmap> plain;
        private final List<Pixmap> withBadge;
        private volatile int unread;

        TrayItem(Actions actions, List<Pixmap> plain, List<Pixmap> withBadge) {
            this.actions = actions;
            this.plain = plain;
            this.withBadge = withBadge;
        }

        /** True when the count (so the tooltip, maybe the badge) changed. */
        boolean setUnread(int count) {
            int before = unread;
            unread = count;
            return before != count;
        }

        @Override
        public void activate(int x, int y) {
            actions.activate().run();
        }

        @Override
        public void secondaryActivate(int x, int y) {
            actions.activate().run();
        }

        @Override
        public void contextMenu(int x, int y) {
            // hosts show the Menu (dbusmenu) themselves
        }

        @Override
        public void scroll(int delta, String orientation) {
        }

        @Override
        @SuppressWarnings("unchecked")
        public <A> A Get(String interfaceName, String propertyName) {
            org.freedesktop.dbus.types.Variant<?> value = properties().get(propertyName);
            if (value == null) {
                throw new DBusExecutionException("No property " + propertyName);
            }
            return (A) value;
        }

        @Override
        public <A> void Set(String interfaceName, String propertyName, A value) {
            throw new DBusExecutionException("Property " + propertyName + " is read-only");
        }

        @Override
        public Map<String, org.freedesktop.dbus.types.Variant<?>> GetAll(String interfaceName) {
            return properties();
        }

        @Override
        public String getObjectPath() {
            return OBJECT_PATH;
        }

        @Override
        public boolean isRemote() {
            return false;
        }

        private Map<String, org.freedesktop.dbus.types.Variant<?>> properties() {
            int count = unread;
            List<Pixmap> icon = count > 0 ? withBadge : plain;
            String tip = count == 0 ? "No unread messages" : count == 1 ? "1 unread message" : count + " unread messages";
            return Map.of(
                    "Category", new org.freedesktop.dbus.types.Variant<>("Communications"),
                    "Id", new org.freedesktop.dbus.types.Variant<>("wakuchat"),
                    "Title", new org.freedesktop.dbus.types.Variant<>("Waku Chat"),
                    "Status", new org.freedesktop.dbus.types.Variant<>("Active"),
                    "IconName", new org.freedesktop.dbus.types.Variant<>(""),
                    "IconPixmap", new org.freedesktop.dbus.types.Variant<>(icon, "a(iiay)"),
                    "ToolTip", new org.freedesktop.dbus.types.Variant<>(new ToolTip("", icon, "Waku Chat", tip),
                            "(sa(iiay)ss)"),
                    "ItemIsMenu", new org.freedesktop.dbus.types.Variant<>(false),
                    "Menu", new org.freedesktop.dbus.types.Variant<>(new org.freedesktop.dbus.DBusPath(DBusMenu.OBJECT_PATH)));
        }
    }
}
