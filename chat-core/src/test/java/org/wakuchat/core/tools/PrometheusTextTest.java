package org.wakuchat.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    /** Lines as libwaku v0.36.0-114's metrics server writes them. */
    private static final String SCRAPE = """
            # HELP libp2p_network_bytes total traffic
            # TYPE libp2p_network_bytes counter
            libp2p_network_bytes_total{direction="in"} 1200.0
            libp2p_network_bytes_created{direction="in"} 1796180813.0
            libp2p_network_bytes_total{direction="out"} 800.0
            libp2p_gossipsub_duplicate_total 7.0
            libp2p_gossipsub_peers_per_topic_mesh{topic="other"} 4.0
            waku_relay_network_bytes_total{topic="/waku/2/rs/42/0",type="gross",direction="in"} 50.0
            waku_relay_network_bytes_total{topic="/waku/2/rs/42/0",type="net",direction="in"} 20.0
            """;

    @Test
    void sumsSeriesByNameAndLabelsAndLeavesOutCreatedTimestamps() {
        var scrape = PrometheusText.parse(SCRAPE);

        assertThat(scrape.sum("libp2p_network_bytes_total", "direction=\"in\"")).isEqualTo(1200);
        assertThat(scrape.sum("libp2p_network_bytes_total")).isEqualTo(2000);
        assertThat(scrape.sum("libp2p_network_bytes_created")).isZero();
        assertThat(scrape.sum("libp2p_gossipsub_duplicate_total")).isEqualTo(7);
        assertThat(scrape.sum("waku_relay_network_bytes_total", "type=\"gross\"")).isEqualTo(50);
        assertThat(scrape.sum("libp2p_network_bytes")).as("a name is matched whole").isZero();
        var later = PrometheusText.parse(SCRAPE.replace("} 1200.0", "} 1500.0"));
        assertThat(scrape.delta(later, "libp2p_network_bytes_total", "direction=\"in\"")).isEqualTo(300);
    }

    @Test
    void tcpCountersAreSummedPerProcessWithoutTheScrapes() {
        String ss = """
                ESTAB 0 0 127.0.0.1:40001 127.0.0.1:61501 users:(("java",pid=11,fd=40))
                \t cubic rto:201 bytes_sent:500 bytes_acked:480 bytes_received:1000 segs_out:9
                ESTAB 0 0 127.0.0.1:61501 127.0.0.1:40001 users:(("java",pid=12,fd=41))
                \t cubic bytes_sent:1000 bytes_acked:1000 bytes_received:500
                ESTAB 0 0 127.0.0.1:61601 127.0.0.1:40100 users:(("java",pid=11,fd=42))
                \t cubic bytes_sent:9999 bytes_acked:9999 bytes_received:99
                ESTAB 0 0 127.0.0.1:40002 127.0.0.1:61502 users:(("java",pid=11,fd=43))
                \t cubic bytes_acked:20 bytes_received:30
                """;

        var byPid = RelayMeshBenchmark.TcpCounters.parse(ss, List.of(61601));

        assertThat(byPid.get(11L)).containsExactly(1030, 500);
        assertThat(byPid.get(12L)).containsExactly(500, 1000);
    }
}
