package org.wakuchat.core.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class P1ModelTest {

    /**
     * 600 users at 6 texts a minute send 60 texts a second; 2 publishes of 500 bytes in all per
     * text, 100 bytes of proof each: 120 messages and 60 · 700 = 42,000 bytes a second on one shard.
     * A relay node gets 120 · 10 + 42,000 · 3 + 50 = 127,250 bytes a second; on 4 shards
     * 30 · 10 + 10,500 · 3 + 50 = 31,850.
     */
    @Test
    void aSmallCaseWorkedByHand() {
        var model = new P1Model(new P1Model.Inputs(1200, 6, 0.5, 4, 2, 500, 100, 0, 0, 0, 0, 0, 10, 3, 50));

        assertThat(model.textsPerSec()).isCloseTo(60, within(1e-9));
        assertThat(model.messagesPerSec(1)).isCloseTo(120, within(1e-9));
        assertThat(model.wakuBytesPerSec(1)).isCloseTo(42_000, within(1e-9));
        assertThat(model.relayBytesInPerSec(1)).isCloseTo(127_250, within(1e-9));
        assertThat(model.relayBytesInPerSec(4)).isCloseTo(31_850, within(1e-9));
        assertThat(model.mbps(1)).isCloseTo(1.018, within(1e-9));
        assertThat(model.bytesPerTextOnWire()).as("2 · 10 + 3 · (500 + 2 · 100)").isCloseTo(2_120, within(1e-9));
    }

    /**
     * The floor of the same case: one message per text of 40 bytes (no acknowledgement, resend or
     * session start), its 100-byte proof, the same relay costs: 60 messages and 60 · 140 = 8,400
     * bytes a second, so 60 · 10 + 8,400 · 3 + 50 = 25,850 bytes a second, 10 + 3 · 140 = 430 per text.
     */
    @Test
    void theFloorIsOneEmptyMessagePerTextWithItsProofAndEveryCopy() {
        var model = new P1Model(new P1Model.Inputs(1200, 6, 0.5, 4, 2, 500, 100, 1, 2, 900, 0, 0, 10, 3, 50));

        P1Model floor = model.floor(40);
        assertThat(floor.relayBytesInPerSec(1)).isCloseTo(25_850, within(1e-9));
        assertThat(floor.bytesPerTextOnWire()).isCloseTo(430, within(1e-9));
        assertThat(model.floorFigures(40)).containsEntry("p1_floor_bytes_per_text_on_wire", "430.0")
                .containsKey("p1_floor_mbps_1200_users").containsKey("p1_floor_mbps_1200_users_4_shards");
        // a text's bytes split into parts add up: the text and one more message of 460 bytes
        assertThat(model.onWire(1, 40) + model.onWire(1, 460)).isCloseTo(model.bytesPerTextOnWire(), within(1e-9));
    }

    @Test
    void sessionStartsAddTheirMessagesAndCatchUpsStayOffTheShard() {
        var base = new P1Model.Inputs(86_400, 0, 1, 1, 1, 0, 0, 2, 3, 1000, 0, 0, 10, 2, 0);
        var model = new P1Model(base);
        // 86,400 users starting 2 sessions a day: 2 a second, each 3 messages of 1,000 bytes in all
        assertThat(model.messagesPerSec(1)).isCloseTo(6, within(1e-9));
        assertThat(model.relayBytesInPerSec(1)).isCloseTo(6 * 10 + 2000 * 2, within(1e-9));

        var catchingUp = new P1Model(new P1Model.Inputs(86_400, 0, 1, 1, 1, 0, 0, 0, 0, 0, 8, 5400, 10, 2, 0));
        assertThat(catchingUp.catchupBytesPerSecPerUser()).isCloseTo(0.5, within(1e-9));
        assertThat(catchingUp.relayBytesInPerSec(1)).isZero();
    }

    @Test
    void printsTheKeysIssue16AsksForAt10kUsersOn8Shards() {
        var model = new P1Model(new P1Model.Inputs(10_000, 4, 1, 8, 2, 500, 0, 0, 0, 0, 0, 0, 0, 1, 0));

        var figures = model.figures();
        assertThat(figures).containsKeys("p1_shard_mbps_10k_users", "p1_shard_mbps_10k_users_8_shards",
                "p1_bytes_per_text_on_wire", "p1_budget_ratio");
        // 10,000 · 4 / 60 texts a second · 500 bytes = 333,333 B/s = 2.667 Mbps, an eighth of that on 8 shards
        assertThat(figures.get("p1_shard_mbps_10k_users")).isEqualTo("2.667");
        assertThat(figures.get("p1_shard_mbps_10k_users_8_shards")).isEqualTo("0.333");
        assertThat(figures.get("p1_budget_ratio")).isEqualTo("0.267");
    }

    @Test
    void theRlnProofIsNwakusSevenFieldsInWakuMessageField21() {
        // 128-byte proof: 1 tag + 2 length + 128; six 32-byte fields: 1 + 1 + 32 each; then field 21's
        // 2-byte tag and 2-byte length around the 335 bytes
        assertThat(P1ModelBenchmark.rlnProofBytesOnWakuMessage()).isEqualTo(131 + 6 * 34 + 4);
    }

    @Test
    void anEmptyWakuMessageIsItsConversationTopicAndTimestamp() {
        // content topic: 1 tag + 1 length + 37 characters; timestamp (field 10, sint64 zigzag, ns): 1 tag + 9 bytes
        assertThat(P1ModelBenchmark.emptyWakuMessageBytes()).isEqualTo(2 + "/wakuchat/1/c-0123456789abcdef/proto".length() + 10);
    }

    @Test
    void theMeshFitIsLeastSquares() {
        double[] fit = RelayMeshBenchmark.fit(List.of(new double[] {100, 350}, new double[] {300, 950},
                new double[] {500, 1550}));
        assertThat(fit[0]).isCloseTo(50, within(1e-9));
        assertThat(fit[1]).isCloseTo(3, within(1e-9));
    }

    @Test
    void payloadsAreSizedToTheWakuMessageAsked() {
        int payload = RelayMeshBenchmark.payloadFor(400);
        assertThat(org.wakuchat.core.transport.WakuMessages.encode(new org.wakuchat.core.transport.WakuMessage(
                new byte[payload], RelayMeshChild.TOPIC, 0, System.currentTimeMillis() * 1_000_000L, new byte[0],
                new byte[0], false)).length).isBetween(400, 401);
    }
}
