package org.wakuchat.app.notify.freedesktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.interfaces.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.app.notify.DesktopTray;
import org.wakuchat.app.notify.TrayImages;

/** The real tray item against a fake StatusNotifierWatcher on a private D-Bus daemon. */
class StatusNotifierTrayTest {

    @TempDir
    Path folder;
    private PrivateBus bus;
    private DBusConnection host;
    private FreedesktopShell shell;
    private final CountDownLatch activated = new CountDownLatch(1);
    private final CountDownLatch quit = new CountDownLatch(1);
    private final DesktopTray.Actions actions = new DesktopTray.Actions(activated::countDown, quit::countDown);

    @BeforeAll
    static void startJavaFx() {
        try {
            Platform.startup(() -> { }); // the tray PNGs are decoded with JavaFX's image loader
        } catch (IllegalStateException alreadyRunning) {
            // another test in this JVM started it
        }
    }

    @BeforeEach
    void startBus() throws Exception {
        bus = PrivateBus.start(folder);
        host = bus.connect();
        shell = FreedesktopShell.atAddress(bus.address());
    }

    @AfterEach
    void stopBus() throws Exception {
        shell.close();
        host.close();
        bus.close();
    }

    private FakeWatcher watcherOnTheBus() throws Exception {
        FakeWatcher watcher = new FakeWatcher();
        host.exportObject(StatusNotifierWatcher.OBJECT_PATH, watcher);
        host.requestBusName(StatusNotifierWatcher.BUS_NAME);
        return watcher;
    }

    private Properties item(FakeWatcher watcher) throws Exception {
        return host.getRemoteObject(watcher.items().getFirst(), StatusNotifierItem.OBJECT_PATH, Properties.class);
    }

    @Test
    void withoutATrayHostThereIsNoTrayIcon() {
        assertThat(shell.tray(actions)).isEmpty();
    }

    @Test
    void theItemRegistersWithTheWatcherAndDescribesItself() throws Exception {
        FakeWatcher watcher = watcherOnTheBus();

        assertThat(shell.tray(actions)).isPresent();

        assertThat(watcher.items()).singleElement().asString().startsWith("org.kde.StatusNotifierItem-");
        Properties item = item(watcher);
        assertThat((Object) item.Get(StatusNotifierItem.INTERFACE, "Category")).isEqualTo("Communications");
        assertThat((Object) item.Get(StatusNotifierItem.INTERFACE, "Id")).isEqualTo("wakuchat");
        assertThat((Object) item.Get(StatusNotifierItem.INTERFACE, "Title")).isEqualTo("Waku Chat");
        assertThat((Object) item.Get(StatusNotifierItem.INTERFACE, "Status")).isEqualTo("Active");
    }

    @Test
    void theIconPixmapsAreThePngsInArgb() throws Exception {
        FakeWatcher watcher = watcherOnTheBus();
        shell.tray(actions).orElseThrow();

        List<?> pixmaps = (List<?>) item(watcher).Get(StatusNotifierItem.INTERFACE, "IconPixmap");

        assertThat(pixmaps).hasSameSizeAs(TrayImages.SIZES);
        for (int i = 0; i < pixmaps.size(); i++) {
            Object[] pixmap = fields(pixmaps.get(i));
            int[] pngSize = pngSize(TrayImages.SIZES.get(i), false);
            int width = ((Number) pixmap[0]).intValue();
            int height = ((Number) pixmap[1]).intValue();
            assertThat(new int[] {width, height}).containsExactly(pngSize);
            assertThat(bytes(pixmap[2])).hasSize(width * height * 4);
        }
    }

    @Test
    void theFirstUnreadMessageSwitchesToTheBadgedIconAndSaysSo() throws Exception {
        FakeWatcher watcher = watcherOnTheBus();
        DesktopTray tray = shell.tray(actions).orElseThrow();
        Properties item = item(watcher);
        byte[] plain = bytes(fields(((List<?>) item.Get(StatusNotifierItem.INTERFACE, "IconPixmap")).getFirst())[2]);
        BlockingQueue<StatusNotifierItem.NewIcon> newIcons = new LinkedBlockingQueue<>();
        host.addSigHandler(StatusNotifierItem.NewIcon.class, newIcons::add);

        tray.showUnread(1);

        assertThat(newIcons.poll(20, TimeUnit.SECONDS)).isNotNull();
        byte[] badged = bytes(fields(((List<?>) item.Get(StatusNotifierItem.INTERFACE, "IconPixmap")).getFirst())[2]);
        assertThat(badged).hasSameSizeAs(plain).isNotEqualTo(plain);
        Object[] toolTip = fields(item.Get(StatusNotifierItem.INTERFACE, "ToolTip"));
        assertThat(toolTip[2]).isEqualTo("Waku Chat");
        assertThat(toolTip[3]).isEqualTo("1 unread message");
    }

    @Test
    void clickingTheIconActivatesTheApp() throws Exception {
        FakeWatcher watcher = watcherOnTheBus();
        shell.tray(actions).orElseThrow();
        StatusNotifierItem item = host.getRemoteObject(watcher.items().getFirst(), StatusNotifierItem.OBJECT_PATH,
                StatusNotifierItem.class);

        item.activate(10, 10);

        assertThat(activated.await(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theContextMenuOffersOpenAndQuit() throws Exception {
        FakeWatcher watcher = watcherOnTheBus();
        shell.tray(actions).orElseThrow();
        String itemName = watcher.items().getFirst();
        Object menuPath = item(watcher).Get(StatusNotifierItem.INTERFACE, "Menu");
        DBusMenu menu = host.getRemoteObject(itemName, menuPath.toString(), DBusMenu.class);

        DBusMenu.Layout<?, ?> layout = menu.getLayout(0, -1, List.of());

        List<?> children = (List<?>) fields(layout.root)[2];
        List<String> labels = children.stream()
                .map(child -> fields(((org.freedesktop.dbus.types.Variant<?>) child).getValue()))
                .map(item -> ((java.util.Map<?, ?>) item[1]).get("label"))
                .map(label -> label instanceof org.freedesktop.dbus.types.Variant<?> v ? v.getValue() : label)
                .map(Object::toString).toList();
        assertThat(labels).containsExactly("Open Waku Chat", "Quit");
        assertThat(menu.aboutToShow(0)).isFalse();
        assertThat(menu.getGroupProperties(List.of(TrayMenu.OPEN, TrayMenu.QUIT), List.of())).hasSize(2);
        assertThat(menu.aboutToShowGroup(List.of(0, 7)).root).isEqualTo(List.of(7));

        menu.event(TrayMenu.QUIT, "clicked", new org.freedesktop.dbus.types.Variant<>(""), new org.freedesktop.dbus.types.UInt32(0));
        assertThat(quit.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(menu.eventGroup(List.of(new DBusMenu.Event(TrayMenu.OPEN, "clicked",
                new org.freedesktop.dbus.types.Variant<>(0), new org.freedesktop.dbus.types.UInt32(0))))).isEmpty();
        assertThat(activated.await(20, TimeUnit.SECONDS)).isTrue();
    }

    private static Object[] fields(Object struct) {
        return struct instanceof Struct s ? s.getParameters() : (Object[]) struct;
    }

    private static byte[] bytes(Object array) {
        if (array instanceof byte[] raw) {
            return raw;
        }
        List<?> list = array instanceof List<?> l ? l : List.of((Object[]) array);
        byte[] out = new byte[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).byteValue();
        }
        return out;
    }

    /** Width and height from the PNG's header (IHDR), read without any image library. */
    private static int[] pngSize(int size, boolean unread) throws IOException {
        try (InputStream in = TrayImages.png(size, unread).openStream(); DataInputStream data = new DataInputStream(in)) {
            data.skipNBytes(16); // signature (8), IHDR length (4), "IHDR" (4)
            return new int[] {data.readInt(), data.readInt()};
        }
    }
}
