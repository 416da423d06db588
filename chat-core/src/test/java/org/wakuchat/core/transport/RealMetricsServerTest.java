package org.wakuchat.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wakuchat.libwaku.LibWaku;

/**
 * {@link NetworkConfig#withMetricsServer}: nwaku serves its Prometheus metrics on 127.0.0.1, and the
 * byte and gossipsub counters the relay-mesh benchmark reads grow when a message is relayed. The
 * registry is the process's (nim-metrics), so the counters include every node in this JVM; they
 * can only grow.
 */
@Tag("libwaku")
class RealMetricsServerTest {

    private static final ContentTopic TOPIC = ContentTopic.parse("/wakuchat/1/metrics-test/proto");
    private static final Pattern BYTES_IN = Pattern.compile("(?m)^libp2p_network_bytes_total\\{direction=\"in\"} ([0-9.e+]+)$");
    private static final Pattern RECEIVED = Pattern.compile("(?m)^libp2p_gossipsub_received_total ([0-9.e+]+)$");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LibWakuNode measured;
    private LibWakuNode publisher;

    @AfterEach
    void closeNodes() throws Exception {
        for (LibWakuNode node : new LibWakuNode[] {publisher, measured}) {
            if (node != null) {
                node.close();
            }
        }
        for (LibWakuNode node : new LibWakuNode[] {publisher, measured}) {
            if (node != null) {
                node.destroyed().get(60, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theMetricsServerAnswersOnLoopbackAndItsCountersGrowWithRelayedMessages() throws Exception {
        LibWaku lib = RealLibWaku.loadOrSkip();
        int metricsPort = freePort();
        List<ReceivedMessage> heard = new CopyOnWriteArrayList<>();
        measured = new LibWakuNode(loopback(freePort()).withMetricsServer(metricsPort), () -> lib);
        measured.setListener(new WakuNode.Listener() {
            @Override
            public void onMessage(ReceivedMessage message) {
                heard.add(message);
            }

            @Override
            public void onStatus(NodeStatus status) {
            }
        });
        measured.subscribe(List.of(TOPIC));
        measured.start().get(60, TimeUnit.SECONDS);
        String address = measured.listenAddresses().get(10, TimeUnit.SECONDS).getFirst();
        publisher = new LibWakuNode(loopback(freePort()).withBootstrapPeers(List.of(address)), () -> lib);
        publisher.subscribe(List.of(TOPIC));
        publisher.start().get(60, TimeUnit.SECONDS);

        String before = scrape(metricsPort);
        assertThat(before).contains("libp2p_gossipsub_duplicate_total", "libp2p_pubsub_peers");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int sent = 0;
        while (heard.isEmpty() && System.nanoTime() < deadline) {
            try {
                publisher.publish(new WakuMessage(new byte[400], TOPIC, 0, System.currentTimeMillis() * 1_000_000L,
                        new byte[0], new byte[0], false)).get(10, TimeUnit.SECONDS);
                sent++;
            } catch (Exception e) {
                // not connected yet (NoPeersToPublish): try again
            }
            Thread.sleep(500);
        }
        assertThat(heard).as("the measured node got one of %d publishes", sent).isNotEmpty();
        String after = scrape(metricsPort);

        assertThat(value(after, BYTES_IN)).as("bytes in grew by at least the 400-byte payload")
                .isGreaterThanOrEqualTo(value(before, BYTES_IN) + 400);
        assertThat(value(after, RECEIVED)).isGreaterThan(value(before, RECEIVED));
    }

    private String scrape(int port) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** A counter's value; 0 before nwaku has counted anything in it (labelled series appear when first used). */
    private static double value(String scrape, Pattern series) {
        Matcher matcher = series.matcher(scrape);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static NetworkConfig loopback(int port) {
        return NetworkConfig.privateCluster(42, 1, List.of(), List.of())
                .withListen(NetworkConfig.Listen.loopback(port))
                .withDnsNameServers(List.of("127.0.0.1"))
                .withLogLevel("FATAL");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
