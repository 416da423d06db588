package org.wakuchat.app.common;

/** Opens links and files with the system's handler (HostServices in the app, a recorder in tests). */
@FunctionalInterface
public interface DesktopLinks {

    void open(String uri);
}
