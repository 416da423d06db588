package org.wakuchat.libwaku;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child-process half of {@link SignalSafetyTest}: starts a real node, then makes HotSpot take
 * SIGSEGV the way it does in normal work (safepoint polls in compiled loops during forced GCs,
 * implicit null checks in compiled code) for a few seconds. Prints {@code survived …} and exits 0
 * if the JVM lives through it.
 */
public final class SignalSafetyProbe {

    static final class Box {
        int value;
    }

    public static void main(String[] args) {
        try {
            run(Long.parseLong(args[0]));
        } catch (Throwable e) {
            e.printStackTrace();
            System.out.println("probe failed: " + e);
            System.out.flush();
            Runtime.getRuntime().halt(3);
        }
    }

    private static void run(long seconds) throws Exception {
        SignalGuard.LibC libc = Native.load("c", SignalGuard.LibC.class);
        long segvHandlerBefore = handler(libc, 11);
        LibWaku lib = LibWakuLoader.forThisMachine().load();
        ExecutorService handOff = Executors.newSingleThreadExecutor();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        CallbackRegistry registry = new CallbackRegistry(handOff, timer);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String config = """
                {"relay": true, "clusterId": 42, "shards": [0], "numShardsInNetwork": 1,
                 "listenAddress": "127.0.0.1", "tcpPort": %d, "nat": "extip:127.0.0.1",
                 "discv5Discovery": false, "dnsDiscovery": false, "peerExchange": false, "rendezvous": false,
                 "rlnRelay": false, "rest": false, "metricsServer": false, "logLevel": "FATAL"}""".formatted(port);
        AsyncLibWaku node = AsyncLibWaku.create(lib, registry, config, event -> { }).get(60, TimeUnit.SECONDS);
        node.start().get(60, TimeUnit.SECONDS);
        node.relaySubscribe("/waku/2/rs/42/0").get(30, TimeUnit.SECONDS);
        long segvHandlerAfter = handler(libc, 11);
        System.out.println("segv_handler_unchanged=" + (segvHandlerBefore == segvHandlerAfter));

        AtomicLong nullChecks = new AtomicLong();
        AtomicLong loops = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                Box[] boxes = new Box[10_000];
                for (int i = 0; i < boxes.length; i++) {
                    boxes[i] = i % 997 == 0 ? null : new Box();
                }
                while (System.nanoTime() < deadline) {
                    long sum = 0;
                    for (Box box : boxes) {
                        try {
                            sum += read(box);
                        } catch (NullPointerException e) {
                            nullChecks.incrementAndGet();
                        }
                    }
                    loops.addAndGet(sum == -1 ? 0 : 1);
                }
            }));
        }
        int gcs = 0;
        List<byte[]> garbage = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 200; i++) {
                garbage.add(new byte[1024]);
            }
            garbage.clear();
            System.gc();
            gcs++;
            Thread.sleep(5);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        node.stop().get(60, TimeUnit.SECONDS);
        System.out.println("survived gcs=" + gcs + " null_checks=" + nullChecks.get() + " loops=" + loops.get());
        System.out.flush();
        Runtime.getRuntime().halt(0); // waku_destroy takes ~10 s and is not what this probe is about
    }

    static int read(Box box) {
        return box.value;
    }

    private static long handler(SignalGuard.LibC libc, int signal) {
        Memory action = new Memory(256);
        action.clear();
        libc.sigaction(signal, null, action);
        return action.getLong(0);
    }
}
