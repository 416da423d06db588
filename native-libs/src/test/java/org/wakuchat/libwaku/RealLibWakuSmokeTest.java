package org.wakuchat.libwaku;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runs against the real libwaku when the loader finds one; skipped, saying where it looked, otherwise. */
@Tag("libwaku")
class RealLibWakuSmokeTest {

    @Test
    void createsReportsItsVersionStartsAndDestroysANode() throws Exception {
        LibWaku lib = realLibWakuOrSkip();
        ExecutorService handOff = Executors.newSingleThreadExecutor();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            CallbackRegistry registry = new CallbackRegistry(handOff, timer);
            String config = """
                    {"relay": true, "clusterId": 42, "shards": [0], "numShardsInNetwork": 1,
                     "listenAddress": "127.0.0.1", "tcpPort": %d, "nat": "extip:127.0.0.1",
                     "discv5Discovery": false, "dnsDiscovery": false, "peerExchange": false, "rendezvous": false,
                     "rlnRelay": false, "rest": false, "metricsServer": false,
                     "dnsAddrsNameServers": ["127.0.0.1"], "logLevel": "ERROR"}""".formatted(freePort());

            AsyncLibWaku node = AsyncLibWaku.create(lib, registry, config, event -> { }).get(60, TimeUnit.SECONDS);
            assertThat(node.version().get(10, TimeUnit.SECONDS)).contains("v0.");
            node.start().get(60, TimeUnit.SECONDS);
            assertThat(node.myPeerId().get(10, TimeUnit.SECONDS)).startsWith("16U");
            node.stop().get(60, TimeUnit.SECONDS);
            node.destroy().get(60, TimeUnit.SECONDS);

            assertThat(registry.pendingCount()).isZero();
        } finally {
            handOff.shutdownNow();
            timer.shutdownNow();
        }
    }

    static LibWaku realLibWakuOrSkip() {
        try {
            return LibWakuLoader.forThisMachine().load();
        } catch (LibWakuNotFound e) {
            org.slf4j.LoggerFactory.getLogger(RealLibWakuSmokeTest.class).warn("libwaku-tagged tests skipped: {}", e.getMessage());
            Assumptions.abort("libwaku tests skipped: " + e.getMessage());
            throw new AssertionError("unreachable");
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
