package org.wakuchat.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;

/**
 * JSON that libwaku hands us: relay events (with the Waku message object inside) and Store
 * answers. Events are never thrown on, only {@link NwakuEvent.Ignored}; a Store answer is a page,
 * or {@link IllegalArgumentException} (unreadable) / {@code StoreAnswerException} (refused). See
 * docs/fuzzing.md.
 */
class NwakuJsonFuzzTest {

    /** One fuzz test per decoder family: Jazzer fuzzes one test per JVM, and each JVM costs ~14 s to start. */
    @FuzzTest(maxDuration = "30s")
    void eventsAreReadOrIgnoredAndStoreAnswersAreAPageOrARefusal(com.code_intelligence.jazzer.api.FuzzedDataProvider data) {
        boolean event = data.consumeBoolean();
        String json = data.consumeRemainingAsString();
        if (event) {
            assertThat(NwakuEvent.parse(json)).isNotNull();
            return;
        }
        try {
            StorePage page = NwakuStoreJson.page(json, Optional.of(new PubsubTopic("/waku/2/rs/1/0")));
            assertThat(page.messages()).doesNotContainNull();
        } catch (NwakuStoreJson.StoreAnswerException | IllegalArgumentException documented) {
            // refused or unreadable: reported to the caller as such
        }
    }
}
