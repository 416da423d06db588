package org.wakuchat.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageTextTest {

    @Test
    void findsLinksWithoutTrailingPunctuation() {
        assertThat(MessageText.links("See https://waku.org/docs, and http://example.com/a?b=c.")).containsExactly(
                "https://waku.org/docs", "http://example.com/a?b=c");
    }

    @Test
    void plainTextHasNoLinks() {
        assertThat(MessageText.links("waku.org is not a link without scheme; neither is ftp://x")).isEmpty();
    }
}
