package org.wakuchat.app.notify.freedesktop;

import java.util.List;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;

/**
 * A tray icon in the StatusNotifierItem protocol (KDE, and GNOME with the AppIndicator
 * extension, and most other Linux panels). Properties are read through
 * {@code org.freedesktop.DBus.Properties}; changes are announced by the New* signals.
 */
@DBusInterfaceName(StatusNotifierItem.INTERFACE)
public interface StatusNotifierItem extends DBusInterface, Properties {

    String INTERFACE = "org.kde.StatusNotifierItem";
    String OBJECT_PATH = "/StatusNotifierItem";

    /** Primary click on the icon. */
    @DBusMemberName("Activate")
    void activate(int x, int y);

    @DBusMemberName("SecondaryActivate")
    void secondaryActivate(int x, int y);

    @DBusMemberName("ContextMenu")
    void contextMenu(int x, int y);

    @DBusMemberName("Scroll")
    void scroll(int delta, String orientation);

    /** One icon size: ARGB32 pixels in network byte order, row by row. D-Bus type (iiay). */
    final class Pixmap extends Struct {
        @Position(0)
        public final int width;
        @Position(1)
        public final int height;
        @Position(2)
        public final byte[] argb;

        public Pixmap(int width, int height, byte[] argb) {
            this.width = width;
            this.height = height;
            this.argb = argb;
        }
    }

    /** D-Bus type (sa(iiay)ss): icon name, icon pixmaps, title, description. */
    final class ToolTip extends Struct {
        @Position(0)
        public final String iconName;
        @Position(1)
        public final List<Pixmap> iconPixmap;
        @Position(2)
        public final String title;
        @Position(3)
        public final String description;

        public ToolTip(String iconName, List<Pixmap> iconPixmap, String title, String description) {
            this.iconName = iconName;
            this.iconPixmap = iconPixmap;
            this.title = title;
            this.description = description;
        }
    }

    class NewIcon extends DBusSignal {
        public NewIcon(String path) throws DBusException {
            super(path);
        }
    }

    class NewToolTip extends DBusSignal {
        public NewToolTip(String path) throws DBusException {
            super(path);
        }
    }

    class NewStatus extends DBusSignal {
        private final String status;

        public NewStatus(String path, String status) throws DBusException {
            super(path, status);
            this.status = status;
        }

        public String status() {
            return status;
        }
    }
}
