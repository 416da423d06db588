package org.wakuchat.app.notify.freedesktop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.app.notify.DesktopNotifier;
import org.wakuchat.app.notify.Notice;
import org.wakuchat.core.ConversationId;

/**
 * Notifications through {@code org.freedesktop.Notifications}: one bubble per conversation
 * (replaced by the next message), a click ("default" action) opens the conversation, opening it
 * elsewhere closes the bubble.
 */
final class FreedesktopNotifier implements DesktopNotifier {

    static final String APP_NAME = "Waku Chat";
    /** The installed menu entry is wakuchat-wakuchat.desktop (jpackage names it package-launcher). */
    static final String DESKTOP_ENTRY = "wakuchat-wakuchat";
    /** A themed icon name, for a run from a checkout (the installed app passes its own PNG). */
    static final String ICON_NAME = "wakuchat";
    static final String CATEGORY = "im.received";
    static final String DEFAULT_ACTION = "default";
    private static final UInt32 NEW = new UInt32(0);
    /** Let the server decide how long it stays. */
    private static final int SERVER_DEFAULT_TIMEOUT = -1;
    private static final Logger LOG = LoggerFactory.getLogger(FreedesktopNotifier.class);

    private final Notifications server;
    private final boolean markup;
    private final Consumer<ConversationId> onClick;
    private final String appIcon;
    private final Map<ConversationId, UInt32> shown = new ConcurrentHashMap<>();
    private final List<AutoCloseable> handlers;

    private FreedesktopNotifier(DBusConnection bus, Notifications server, boolean markup,
                                Consumer<ConversationId> onClick) throws DBusException {
        this.server = server;
        this.markup = markup;
        this.onClick = onClick;
        this.appIcon = appIcon();
        this.handlers = List.of(
                bus.addSigHandler(Notifications.ActionInvoked.class, this::actionInvoked),
                bus.addSigHandler(Notifications.NotificationClosed.class, this::closed));
    }

    /** The notification server on this bus, or empty (logged once) when there is none. */
    static Optional<DesktopNotifier> connect(DBusConnection bus, Consumer<ConversationId> onClick) {
        try {
            Notifications server = bus.getRemoteObject(Notifications.BUS_NAME, Notifications.OBJECT_PATH,
                    Notifications.class);
            List<String> capabilities = server.getCapabilities(); // starts an activatable server, fails without one
            LOG.debug("Notification server capabilities: {}", capabilities);
            return Optional.of(new FreedesktopNotifier(bus, server, capabilities.contains("body-markup"), onClick));
        } catch (DBusException | DBusExecutionException none) {
            LOG.info("No desktop notification service ({}); new messages are announced inside the window",
                    none.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void show(Notice notice) {
        UInt32 replaces = shown.getOrDefault(notice.conversation(), NEW);
        try {
            UInt32 id = server.sendNotification(APP_NAME, replaces, appIcon, notice.title(), body(notice.body()),
                    List.of(DEFAULT_ACTION, "Open"), hints(), SERVER_DEFAULT_TIMEOUT);
            shown.put(notice.conversation(), id);
        } catch (DBusExecutionException failed) {
            LOG.warn("Desktop notification failed: {}", failed.getMessage());
        }
    }

    @Override
    public void withdraw(ConversationId conversation) {
        UInt32 id = shown.remove(conversation);
        if (id != null) {
            try {
                server.closeNotification(id);
            } catch (DBusExecutionException alreadyGone) {
                LOG.debug("CloseNotification: {}", alreadyGone.getMessage());
            }
        }
    }

    @Override
    public void close() {
        for (AutoCloseable handler : handlers) {
            try {
                handler.close();
            } catch (Exception ignored) {
                // the connection closes next anyway
            }
        }
    }

    /** Whether a notification of this conversation is on screen, as far as the server told. */
    boolean showing(ConversationId conversation) {
        return shown.containsKey(conversation);
    }

    private void actionInvoked(Notifications.ActionInvoked signal) {
        if (DEFAULT_ACTION.equals(signal.actionKey())) {
            conversationOf(signal.id()).ifPresent(onClick);
        }
    }

    private void closed(Notifications.NotificationClosed signal) {
        conversationOf(signal.id()).ifPresent(conversation -> shown.remove(conversation, signal.id()));
    }

    /** Signals come for every app's notifications: only ours map to a conversation. */
    private Optional<ConversationId> conversationOf(UInt32 id) {
        return shown.entrySet().stream().filter(entry -> entry.getValue().equals(id)).map(Map.Entry::getKey).findFirst();
    }

    private String body(String text) {
        return markup ? text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") : text;
    }

    private static Map<String, Variant<?>> hints() {
        return Map.of("desktop-entry", new Variant<>(DESKTOP_ENTRY), "category", new Variant<>(CATEGORY));
    }

    /**
     * The installed app's icon file (jpackage puts it next to the launcher's lib folder), else the
     * icon theme name.
     */
    private static String appIcon() {
        String launcher = System.getProperty("jpackage.app-path");
        if (launcher != null) {
            Path parent = Path.of(launcher).toAbsolutePath().getParent();
            Path icon = parent == null ? null : parent.resolveSibling("lib").resolve("wakuchat.png");
            if (icon != null && Files.isRegularFile(icon)) {
                return icon.toUri().toString();
            }
        }
        return ICON_NAME;
    }
}
