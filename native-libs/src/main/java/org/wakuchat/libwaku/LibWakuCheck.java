package org.wakuchat.libwaku;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a libwaku build the way the app will use it: opened by the app's own opener (every
 * function the binding needs must be exported), a node created on 127.0.0.1, and the version it
 * reports matching the pinned one in {@code nwaku.properties}. The release workflow runs it on
 * every library it builds before packaging.
 *
 * <p>Usage: {@code java -cp … org.wakuchat.libwaku.LibWakuCheck <library file>}; exit 0 when the
 * library fits, 1 with the reason otherwise.
 */
public final class LibWakuCheck {

    private static final Pattern VERSION = Pattern.compile("(v\\d+\\.\\d+\\.\\d+(?:-\\d+)?)(?:-g([0-9a-f]+))?");

    /** The pinned nwaku build. */
    public record Pinned(String version, String commit) {

        public static Pinned fromResource() {
            Properties properties = new Properties();
            try (InputStream in = LibWakuCheck.class.getResourceAsStream("nwaku.properties")) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Pinned(properties.getProperty("nwaku.version"), properties.getProperty("nwaku.commit"));
        }

        /** {@code 0.36} for {@code v0.36.0-114}. */
        public String series() {
            Matcher matcher = Pattern.compile("v(\\d+\\.\\d+)\\.").matcher(version);
            if (!matcher.find()) {
                throw new IllegalStateException("not a version: " + version);
            }
            return matcher.group(1);
        }

        /** Whether nwaku's version line names this build ({@code git describe}, commit abbreviated). */
        public boolean matches(String versionLine) {
            Matcher matcher = VERSION.matcher(versionLine);
            while (matcher.find()) {
                boolean sameVersion = matcher.group(1).equals(version);
                boolean sameCommit = matcher.group(2) == null || commit.startsWith(matcher.group(2));
                if (sameVersion && sameCommit) {
                    return true;
                }
            }
            return false;
        }
    }

    private LibWakuCheck() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: LibWakuCheck <libwaku file>");
            System.exit(2);
        }
        try {
            String versionLine = check(Path.of(args[0]), Pinned.fromResource());
            System.out.println("libwaku OK: " + args[0] + " exports the " + LibWaku.REQUIRED_FUNCTIONS.size()
                    + " functions the binding needs and reports '" + versionLine + "'");
            System.out.flush();
            Runtime.getRuntime().halt(0); // waku_destroy would take ~10 s and prove nothing more
        } catch (Exception | LinkageError e) {
            System.err.println("libwaku check FAILED for " + args[0] + ": " + e.getMessage());
            System.err.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    /** Opens, creates a node and reads its version; returns the version line or throws with the reason. */
    public static String check(Path file, Pinned pinned) throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file");
        }
        LibWaku lib = new JnaLibWakuOpener(Platform.of(System.getProperty("os.name"), System.getProperty("os.arch"))).openFile(file);
        ExecutorService handOff = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().factory());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
        try {
            int port;
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", 0));
                port = socket.getLocalPort();
            }
            String config = """
                    {"relay": true, "clusterId": 42, "shards": [0], "numShardsInNetwork": 1,
                     "listenAddress": "127.0.0.1", "tcpPort": %d, "nat": "extip:127.0.0.1",
                     "discv5Discovery": false, "dnsDiscovery": false, "peerExchange": false, "rendezvous": false,
                     "rlnRelay": false, "rest": false, "metricsServer": false, "logLevel": "FATAL"}""".formatted(port);
            AsyncLibWaku node = AsyncLibWaku.create(lib, new CallbackRegistry(handOff, timer), config, event -> { })
                    .get(60, TimeUnit.SECONDS);
            String versionLine = node.version().get(30, TimeUnit.SECONDS).strip();
            if (!pinned.matches(versionLine)) {
                throw new IllegalStateException("reports '" + versionLine + "', expected nwaku " + pinned.version()
                        + " at commit " + pinned.commit());
            }
            return versionLine;
        } finally {
            handOff.shutdownNow();
            timer.shutdownNow();
        }
    }
}
