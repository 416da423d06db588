package org.wakuchat.app.notify.freedesktop;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * The tray icon's context menu in the {@code com.canonical.dbusmenu} protocol, the part a
 * StatusNotifierItem host uses to show and click a flat menu.
 */
@DBusInterfaceName(DBusMenu.INTERFACE)
public interface DBusMenu extends DBusInterface, Properties {

    String INTERFACE = "com.canonical.dbusmenu";
    String OBJECT_PATH = "/MenuBar";

    @DBusMemberName("GetLayout")
    Layout<UInt32, Item> getLayout(int parentId, int recursionDepth, List<String> propertyNames);

    @DBusMemberName("GetGroupProperties")
    List<ItemProperties> getGroupProperties(List<Integer> ids, List<String> propertyNames);

    @DBusMemberName("GetProperty")
    Variant<?> getProperty(int id, String name);

    @DBusMemberName("Event")
    void event(int id, String eventId, Variant<?> data, UInt32 timestamp);

    @DBusMemberName("AboutToShow")
    boolean aboutToShow(int id);

    /** Several events at once; answers the ids that were not found. */
    @DBusMemberName("EventGroup")
    List<Integer> eventGroup(List<Event> events);

    /** Answers (items whose layout must be read again, ids not found). */
    @DBusMemberName("AboutToShowGroup")
    Layout<List<Integer>, List<Integer>> aboutToShowGroup(List<Integer> ids);

    /** D-Bus type (isvu): item id, event ("clicked"), data, timestamp. */
    final class Event extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final String eventId;
        @Position(2)
        public final Variant<?> data;
        @Position(3)
        public final UInt32 timestamp;

        public Event(int id, String eventId, Variant<?> data, UInt32 timestamp) {
            this.id = id;
            this.eventId = eventId;
            this.data = data;
            this.timestamp = timestamp;
        }
    }

    /**
     * A two-value answer (GetLayout: the layout revision and the item tree). Generic because
     * dbus-java reads a multi-value answer's D-Bus types from the type arguments.
     */
    final class Layout<R, I> extends Tuple {
        @Position(0)
        public final R revision;
        @Position(1)
        public final I root;

        public Layout(R revision, I root) {
            this.revision = revision;
            this.root = root;
        }
    }

    /** One menu item, D-Bus type (ia{sv}av); children are variants of the same type. */
    final class Item extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final Map<String, Variant<?>> properties;
        @Position(2)
        public final List<Variant<?>> children;

        public Item(int id, Map<String, Variant<?>> properties, List<Variant<?>> children) {
            this.id = id;
            this.properties = properties;
            this.children = children;
        }
    }

    /** D-Bus type (ia{sv}). */
    final class ItemProperties extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final Map<String, Variant<?>> properties;

        public ItemProperties(int id, Map<String, Variant<?>> properties) {
            this.id = id;
            this.properties = properties;
        }
    }
}
