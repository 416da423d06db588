package org.wakuchat.core.tools;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.transport.LibWakuNode;
import org.wakuchat.core.transport.NetworkConfig;
import org.wakuchat.core.transport.NodeStatus;
import org.wakuchat.core.transport.ReceivedMessage;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.transport.WakuNode;
import org.wakuchat.libwaku.LibWakuLoader;

/**
 * One relay node of {@link RelayMeshBenchmark}'s mesh, alone in its process so that nwaku's
 * metrics (one registry per process) are this node's. Arguments: {@code listenIp tcpPort
 * metricsPort} (a 127.0.0.0/8 address; metrics on 127.0.0.1). Prints {@code MESH addr <multiaddress>} once running,
 * then obeys one command a line on stdin and answers each with one {@code MESH …} line:
 * <ul>
 *   <li>{@code mesh} → {@code MESH mesh <mesh peers on shard 0>}
 *   <li>{@code connect <multiaddress>} → {@code MESH connected}
 *   <li>{@code publish <payload bytes[,bytes…]> <count> <gap ms>} → {@code MESH published <ok> <failed>}:
 *   {@code count} messages one every {@code gap ms}, their payload sizes taking the list in turn
 *   <li>{@code received} → {@code MESH received <messages heard from others>}
 *   <li>{@code quit} → exits (without waku_destroy: the process ends with the node)
 * </ul>
 * nwaku writes its own lines to the same stdout; the parent reads only lines starting {@code MESH }.
 */
public final class RelayMeshChild {

    static final String PREFIX = "MESH ";
    static final int CLUSTER = 42;
    static final ContentTopic TOPIC = ContentTopic.parse("/wakuchat-mesh/1/load/proto");

    private RelayMeshChild() {
    }

    public static void main(String[] args) throws Exception {
        String ip = args[0];
        int port = Integer.parseInt(args[1]);
        int metricsPort = Integer.parseInt(args[2]);
        NetworkConfig config = NetworkConfig.privateCluster(CLUSTER, 1, List.of(), List.of())
                .withListen(new NetworkConfig.Listen(ip, port, "extip:" + ip))
                .withDnsNameServers(List.of("127.0.0.1"))
                .withPeerLimits(NetworkConfig.PeerLimits.NWAKU_DEFAULTS.withColocationLimit(0))
                .withMetricsServer(metricsPort)
                .withLogLevel("FATAL");
        var lib = LibWakuLoader.forThisMachine().load();
        var node = new LibWakuNode(config, () -> lib);
        AtomicLong received = new AtomicLong();
        node.setListener(new WakuNode.Listener() {
            @Override
            public void onMessage(ReceivedMessage message) {
                received.incrementAndGet();
            }

            @Override
            public void onStatus(NodeStatus status) {
            }
        });
        node.start().get(90, TimeUnit.SECONDS);
        node.subscribe(List.of(TOPIC));
        say("addr " + node.listenAddresses().get(10, TimeUnit.SECONDS).getFirst());
        var random = new SecureRandom();
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.trim().split(" ");
            switch (words[0]) {
                case "mesh" -> say("mesh " + node.meshPeers(config.pubsubTopic(TOPIC)).get(10, TimeUnit.SECONDS));
                case "received" -> say("received " + received.get());
                case "connect" -> {
                    node.connect(words[1]).get(30, TimeUnit.SECONDS);
                    say("connected");
                }
                case "publish" -> {
                    int[] sizes = Arrays.stream(words[1].split(",")).mapToInt(Integer::parseInt).toArray();
                    int count = Integer.parseInt(words[2]);
                    long gapMs = Long.parseLong(words[3]);
                    int ok = 0;
                    int failed = 0;
                    long start = System.nanoTime();
                    for (int i = 0; i < count; i++) {
                        byte[] payload = new byte[sizes[i % sizes.length]];
                        random.nextBytes(payload); // encrypted-looking: nothing compresses
                        try {
                            node.publish(new WakuMessage(payload, TOPIC, 0, System.currentTimeMillis() * 1_000_000L,
                                    new byte[0], new byte[0], false)).get(10, TimeUnit.SECONDS);
                            ok++;
                        } catch (Exception e) {
                            failed++;
                        }
                        // a steady rate: the next publish is due at start + (i + 1) gaps
                        long due = start + TimeUnit.MILLISECONDS.toNanos(gapMs * (i + 1));
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                    }
                    say("published " + ok + " " + failed);
                }
                case "quit" -> {
                    System.out.flush();
                    Runtime.getRuntime().halt(0);
                }
                default -> say("unknown " + line);
            }
        }
        Runtime.getRuntime().halt(0); // parent gone: nothing to wait for
    }

    private static void say(String line) {
        System.out.println(PREFIX + line);
        System.out.flush();
    }
}
