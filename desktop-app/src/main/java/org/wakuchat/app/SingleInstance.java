package org.wakuchat.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running app per data folder. The first launch holds a lock in the data folder and listens on
 * a loopback port; a later launch (or the OS opening a {@code wakuchat://invite/…} link) finds the
 * lock taken, hands its request to the running app and quits. The port file also holds a random
 * token that only the folder's owner can read, so other local users cannot send requests.
 */
final class SingleInstance implements AutoCloseable {

    /** What a later launch asks for: bring the window forward, and maybe add a contact from this link. */
    record Request(Optional<String> inviteLink) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SingleInstance.class);
    private static final String LOCK_FILE = "instance.lock";
    private static final String PORT_FILE = "instance.port";
    private static final String SHOW = "show";

    private final FileChannel channel;
    private final FileLock lock;
    private final ServerSocket server;
    private final String token;
    private final Path portFile;

    private SingleInstance(FileChannel channel, FileLock lock, ServerSocket server, String token, Path portFile) {
        this.channel = channel;
        this.lock = lock;
        this.server = server;
        this.token = token;
        this.portFile = portFile;
    }

    /**
     * Becomes the running instance of this data folder, calling {@code onRequest} (from a
     * background thread) for each later launch; empty when another instance runs already.
     */
    static Optional<SingleInstance> claim(Path dataFolder, Consumer<Request> onRequest) throws IOException {
        Files.createDirectories(dataFolder);
        FileChannel channel = FileChannel.open(dataFolder.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        Path portFile = dataFolder.resolve(PORT_FILE);
        Files.writeString(portFile, server.getLocalPort() + "\n" + token + "\n", StandardCharsets.UTF_8);
        var instance = new SingleInstance(channel, lock, server, token, portFile);
        Thread listener = new Thread(() -> instance.listen(onRequest), "single-instance");
        listener.setDaemon(true);
        listener.start();
        return Optional.of(instance);
    }

    /** Hands the request to the instance that holds the data folder; false when none answers. */
    static boolean forward(Path dataFolder, Request request) {
        try {
            List<String> lines = Files.readAllLines(dataFolder.resolve(PORT_FILE), StandardCharsets.UTF_8);
            int port = Integer.parseInt(lines.get(0).strip());
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                 Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8)) {
                out.write(lines.get(1).strip() + "\n" + request.inviteLink().orElse(SHOW) + "\n");
            }
            return true;
        } catch (IOException | RuntimeException noAnswer) {
            LOG.warn("Could not reach the running Waku Chat: {}", noAnswer.toString());
            return false;
        }
    }

    private void listen(Consumer<Request> onRequest) {
        while (!server.isClosed()) {
            try (Socket client = server.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
                client.setSoTimeout(2000);
                String presented = in.readLine();
                String what = in.readLine();
                if (!token.equals(presented) || what == null) {
                    LOG.warn("Ignored a request without the right token");
                    continue;
                }
                onRequest.accept(new Request(what.equals(SHOW) ? Optional.empty() : Optional.of(what.strip())));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.debug("Single-instance request failed: {}", e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(portFile);
            lock.release();
            channel.close();
        } catch (IOException e) {
            LOG.debug("Closing the single-instance lock: {}", e.toString());
        }
    }
}
