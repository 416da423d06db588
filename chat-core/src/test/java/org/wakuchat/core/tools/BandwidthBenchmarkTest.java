package org.wakuchat.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BandwidthBenchmarkTest {

    @TempDir
    Path folder;

    @Test
    void theLayersOfATextMessageAddUpToWhatWasPublishedAndStayWithinBudget() {
        var wire = BandwidthBenchmark.WireSize.measure(folder, 1);

        assertThat(wire.wakuEnvelope() + wire.ratchetLayer() + wire.sdsHistory() + wire.sdsOther() + wire.content()
                + wire.text()).isEqualTo(wire.total());
        assertThat(wire.text()).isEqualTo(BandwidthBenchmark.TEXT_CHARS);
        assertThat(wire.sdsHistory()).as("causal history names at least one message").isPositive();
        // Padded (wire version 2, first bucket 128 since issue 16): an acknowledgement is one bucket
        // (128 bytes, ± the ratchet's counters) smaller than a typical text, and as large as a short reply.
        assertThat(wire.total() - wire.ack()).isBetween(120, 136);
        assertThat(wire.shortTextMaxChars()).as("a short reply fits the acknowledgement's bucket").isPositive();
        assertThat(wire.total()).as("issue 4's budget for a 100-character message").isLessThanOrEqualTo(400);
    }

    @Test
    void steadyChatPublishesEveryTextAtLeastOnceAndAcknowledgementsOnTop() {
        var traffic = BandwidthBenchmark.Traffic.measure(folder, 2, 2, Duration.ofMinutes(5), 0.05, 4);

        assertThat(traffic.textsSent()).isPositive();
        assertThat(traffic.publishes()).isGreaterThan(traffic.textsSent());
        assertThat(traffic.firstSendBytes()).isLessThan(traffic.bytes());
        assertThat(traffic.maxUserBytes()).isBetween(traffic.bytes() / traffic.users(), traffic.bytes());
    }
}
