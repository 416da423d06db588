package org.wakuchat.app.notify.freedesktop;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.wakuchat.app.notify.DesktopTray;

/** The tray's menu: Open Waku Chat, Quit. Fixed, so its layout revision never changes. */
final class TrayMenu implements DBusMenu {

    static final int ROOT = 0;
    static final int OPEN = 1;
    static final int QUIT = 2;
    private static final String ITEM_SIGNATURE = "(ia{sv}av)";
    private static final UInt32 REVISION = new UInt32(1);

    private final DesktopTray.Actions actions;

    TrayMenu(DesktopTray.Actions actions) {
        this.actions = actions;
    }

    @Override
    public Layout<UInt32, Item> getLayout(int parentId, int recursionDepth, List<String> propertyNames) {
        if (parentId != ROOT) {
            return new Layout<>(REVISION, new Item(parentId, properties(parentId), List.of()));
        }
        List<Variant<?>> children = recursionDepth == 0 ? List.of() : List.of(
                new Variant<>(new Item(OPEN, properties(OPEN), List.of()), ITEM_SIGNATURE),
                new Variant<>(new Item(QUIT, properties(QUIT), List.of()), ITEM_SIGNATURE));
        return new Layout<>(REVISION, new Item(ROOT, properties(ROOT), children));
    }

    @Override
    public List<ItemProperties> getGroupProperties(List<Integer> ids, List<String> propertyNames) {
        return ids.stream().map(id -> new ItemProperties(id, properties(id))).toList();
    }

    @Override
    public Variant<?> getProperty(int id, String name) {
        Variant<?> value = properties(id).get(name);
        if (value == null) {
            throw new DBusExecutionException("No property " + name + " on menu item " + id);
        }
        return value;
    }

    @Override
    public void event(int id, String eventId, Variant<?> data, UInt32 timestamp) {
        if (!"clicked".equals(eventId)) {
            return;
        }
        if (id == OPEN) {
            actions.activate().run();
        } else if (id == QUIT) {
            actions.quit().run();
        }
    }

    @Override
    public boolean aboutToShow(int id) {
        return false; // nothing changed
    }

    @Override
    public List<Integer> eventGroup(List<Event> events) {
        events.forEach(e -> event(e.id, e.eventId, e.data, e.timestamp));
        return events.stream().map(e -> e.id).filter(id -> id < ROOT || id > QUIT).toList();
    }

    @Override
    public Layout<List<Integer>, List<Integer>> aboutToShowGroup(List<Integer> ids) {
        return new Layout<>(List.of(), ids.stream().filter(id -> id < ROOT || id > QUIT).toList());
    }

    private static Map<String, Variant<?>> properties(int id) {
        return switch (id) {
            case ROOT -> Map.of("children-display", new Variant<>("submenu"));
            case OPEN -> Map.of("label", new Variant<>("Open Waku Chat"), "enabled", new Variant<>(true));
            case QUIT -> Map.of("label", new Variant<>("Quit"), "enabled", new Variant<>(true));
            default -> throw new DBusExecutionException("No menu item " + id);
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String interfaceName, String propertyName) {
        Variant<?> value = menuProperties().get(propertyName);
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
    public Map<String, Variant<?>> GetAll(String interfaceName) {
        return menuProperties();
    }

    private static Map<String, Variant<?>> menuProperties() {
        return Map.of("Version", new Variant<>(new UInt32(3)), "TextDirection", new Variant<>("ltr"),
                "Status", new Variant<>("normal"), "IconThemePath", new Variant<>(List.of(), "as"));
    }

    @Override
    public String getObjectPath() {
        return OBJECT_PATH;
    }

    @Override
    public boolean isRemote() {
        return false;
    }
}
