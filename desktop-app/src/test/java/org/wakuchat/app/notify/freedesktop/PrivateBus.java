package org.wakuchat.app.notify.freedesktop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;

/**
 * A dbus-daemon of the test's own, listening on a socket in a temporary folder: the app's D-Bus
 * code talks to it exactly as to a desktop session bus. Tests are skipped (with the reason shown)
 * where dbus-daemon is not installed.
 */
public final class PrivateBus implements AutoCloseable {

    private static final Path DAEMON = Path.of("/usr/bin/dbus-daemon");

    private final Process daemon;
    private final String address;

    private PrivateBus(Process daemon, String address) {
        this.daemon = daemon;
        this.address = address;
    }

    public static PrivateBus start(Path folder) throws IOException {
        assumeTrue(Files.isExecutable(DAEMON), "dbus-daemon is not installed (apt-get install dbus-daemon)");
        Path config = folder.resolve("bus.conf");
        Files.writeString(config, """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>session</type>
                  <listen>unix:path=%s</listen>
                  <auth>EXTERNAL</auth>
                  <policy context="default">
                    <allow send_destination="*" eavesdrop="true"/>
                    <allow eavesdrop="true"/>
                    <allow own="*"/>
                  </policy>
                </busconfig>
                """.formatted(folder.resolve("bus")));
        Process process = new ProcessBuilder(DAEMON.toString(), "--config-file=" + config, "--nofork", "--print-address")
                .redirectError(folder.resolve("dbus-daemon.log").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String address = out.readLine();
        if (address == null || address.isBlank()) {
            process.destroy();
            throw new IOException("dbus-daemon printed no address");
        }
        return new PrivateBus(process, address.strip());
    }

    public String address() {
        return address;
    }

    public DBusConnection connect() throws DBusException {
        return DBusConnectionBuilder.forAddress(address).withShared(false).build();
    }

    @Override
    public void close() {
        daemon.destroy();
    }
}
