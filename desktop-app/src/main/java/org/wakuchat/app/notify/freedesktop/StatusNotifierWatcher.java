package org.wakuchat.app.notify.freedesktop;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** The tray host's registry (StatusNotifierItem specification), as far as an item uses it. */
@DBusInterfaceName(StatusNotifierWatcher.INTERFACE)
public interface StatusNotifierWatcher extends DBusInterface {

    String INTERFACE = "org.kde.StatusNotifierWatcher";
    String BUS_NAME = "org.kde.StatusNotifierWatcher";
    String OBJECT_PATH = "/StatusNotifierWatcher";

    /** {@code service}: the item's bus name (or unique name). */
    @DBusMemberName("RegisterStatusNotifierItem")
    void registerStatusNotifierItem(String service);
}
