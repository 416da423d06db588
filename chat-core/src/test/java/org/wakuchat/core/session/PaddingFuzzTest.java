package org.wakuchat.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Padded plaintexts as an authenticated peer could choose them: either refused as
 * {@code MALFORMED}, or read as content whose padding gives back exactly the input (one padded
 * form per content, so nothing can hide in the padding).
 */
class PaddingFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void paddedBytesAreReadCanonicallyOrRefused(FuzzedDataProvider data) {
        byte[] input = data.consumeBoolean() ? data.consumeRemainingAsBytes()
                : Padding.pad(data.consumeRemainingAsBytes());
        try {
            byte[] content = Padding.unpad(input);
            assertThat(Padding.pad(content)).isEqualTo(input);
        } catch (SessionException refused) {
            assertThat(refused.reason()).isEqualTo(SessionException.Reason.MALFORMED);
        }
    }
}
