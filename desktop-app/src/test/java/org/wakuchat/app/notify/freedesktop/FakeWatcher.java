package org.wakuchat.app.notify.freedesktop;

import java.util.ArrayList;
import java.util.List;

/** A tray host's StatusNotifierWatcher that records which items registered. */
final class FakeWatcher implements StatusNotifierWatcher {

    private final List<String> items = new ArrayList<>();

    @Override
    public synchronized void registerStatusNotifierItem(String service) {
        items.add(service);
    }

    synchronized List<String> items() {
        return List.copyOf(items);
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
