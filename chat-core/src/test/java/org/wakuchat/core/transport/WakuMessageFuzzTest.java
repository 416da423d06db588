package org.wakuchat.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** WakuMessage protobuf bytes: a message, or {@link InvalidWakuMessageException} only. */
class WakuMessageFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodeThrowsOnlyInvalidWakuMessage(byte[] bytes) {
        try {
            WakuMessage message = WakuMessages.decode(bytes);
            // what decodes, re-encodes to something that decodes to the same message
            assertThat(WakuMessages.decode(WakuMessages.encode(message))).isEqualTo(message);
        } catch (InvalidWakuMessageException documented) {
            // refused, saying why
        }
    }
}
