package org.wakuchat.core.session;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Waku payloads from the network: {@link Envelopes#parse} throws only {@link SessionException}. */
class EnvelopeFuzzTest {


    @FuzzTest(maxDuration = "30s")
    void parseThrowsOnlySessionException(byte[] payload) {
        try {
            Envelopes.parse(payload);
        } catch (SessionException refused) {
            // documented
        }
    }
}
