package org.wakuchat.app.notify.freedesktop;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * The Desktop Notifications Specification's D-Bus interface (the part the app uses), as
 * dbus-java needs it: public, with the signals as nested classes.
 */
@DBusInterfaceName(Notifications.INTERFACE)
public interface Notifications extends DBusInterface {

    String INTERFACE = "org.freedesktop.Notifications";
    String BUS_NAME = "org.freedesktop.Notifications";
    String OBJECT_PATH = "/org/freedesktop/Notifications";

    @DBusMemberName("Notify")
    UInt32 sendNotification(String appName, UInt32 replacesId, String appIcon, String summary, String body,
                            List<String> actions, Map<String, Variant<?>> hints, int expireTimeout);

    @DBusMemberName("CloseNotification")
    void closeNotification(UInt32 id);

    @DBusMemberName("GetCapabilities")
    List<String> getCapabilities();

    /** The user clicked the notification ({@code actionKey} "default") or one of its buttons. */
    class ActionInvoked extends DBusSignal {
        private final UInt32 id;
        private final String actionKey;

        public ActionInvoked(String path, UInt32 id, String actionKey) throws DBusException {
            super(path, id, actionKey);
            this.id = id;
            this.actionKey = actionKey;
        }

        public UInt32 id() {
            return id;
        }

        public String actionKey() {
            return actionKey;
        }
    }

    /** The notification is gone: expired (1), dismissed (2), closed by CloseNotification (3). */
    class NotificationClosed extends DBusSignal {
        private final UInt32 id;
        private final UInt32 reason;

        public NotificationClosed(String path, UInt32 id, UInt32 reason) throws DBusException {
            super(path, id, reason);
            this.id = id;
            this.reason = reason;
        }

        public UInt32 id() {
            return id;
        }

        public UInt32 reason() {
            return reason;
        }
    }
}
