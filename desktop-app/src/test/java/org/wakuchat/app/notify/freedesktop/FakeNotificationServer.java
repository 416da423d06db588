package org.wakuchat.app.notify.freedesktop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/** A notification server that records what it is asked, as GNOME Shell or KDE Plasma would be. */
public final class FakeNotificationServer implements Notifications {

    public record Notify(String appName, long replacesId, String appIcon, String summary, String body, List<String> actions,
                  Map<String, Object> hints, int expireTimeout, long id) {
    }

    private final List<String> capabilities;
    private final AtomicLong lastId = new AtomicLong();
    private final List<Notify> notified = new ArrayList<>();
    private final List<Long> closed = new ArrayList<>();

    public FakeNotificationServer(List<String> capabilities) {
        this.capabilities = capabilities;
    }

    @Override
    public synchronized UInt32 sendNotification(String appName, UInt32 replacesId, String appIcon, String summary, String body,
                                      List<String> actions, Map<String, Variant<?>> hints, int expireTimeout) {
        long id = replacesId.longValue() != 0 ? replacesId.longValue() : lastId.incrementAndGet();
        Map<String, Object> plainHints = new java.util.TreeMap<>();
        hints.forEach((key, value) -> plainHints.put(key, value.getValue()));
        notified.add(new Notify(appName, replacesId.longValue(), appIcon, summary, body, List.copyOf(actions), plainHints,
                expireTimeout, id));
        return new UInt32(id);
    }

    @Override
    public synchronized void closeNotification(UInt32 id) {
        closed.add(id.longValue());
    }

    @Override
    public List<String> getCapabilities() {
        return capabilities;
    }

    public synchronized List<Notify> notified() {
        return List.copyOf(notified);
    }

    public synchronized List<Long> closed() {
        return List.copyOf(closed);
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
