package org.wakuchat.core.invite;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Invite links as pasted and QR payloads as scanned (a QR code can carry any bytes; the scanner
 * hands them on as ISO-8859-1 text): an invite, or {@link InviteException} with a reason, never
 * anything else, whatever the input (InviteCodec's contract).
 */
class InviteFuzzTest {

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    @FuzzTest(maxDuration = "30s")
    void pastedLinksAndScannedQrPayloadsDecodeOrGiveAReason(com.code_intelligence.jazzer.api.FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            decode(new String(data.consumeRemainingAsBytes(), StandardCharsets.ISO_8859_1));
            return;
        }
        String text = data.consumeRemainingAsString();
        decode(text);
        decode(InviteCodec.LINK_PREFIX + text);
    }

    private static void decode(String text) {
        try {
            InviteData data = InviteCodec.decode(text, NOW);
            assertThat(data.expiresAt()).isAfterOrEqualTo(NOW);
            assertThat(InviteCodec.decode(InviteCodec.encode(data).link(), NOW)).isEqualTo(data);
        } catch (InviteException documented) {
            assertThat(documented.reason()).isNotNull();
        }
    }
}
