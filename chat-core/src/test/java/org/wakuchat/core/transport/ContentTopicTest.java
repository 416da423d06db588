package org.wakuchat.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentTopicTest {

    @Test
    void parsesTheFourSegmentForm() {
        var topic = ContentTopic.parse("/wakuchat/1/inbox-ab12/proto");

        assertThat(topic).isEqualTo(new ContentTopic("wakuchat", "1", "inbox-ab12", "proto"));
        assertThat(topic.generation()).isEmpty();
        assertThat(topic).hasToString("/wakuchat/1/inbox-ab12/proto");
    }

    @Test
    void keepsTheGenerationPrefixByteForByte() {
        var topic = ContentTopic.parse("/0/wakuchat/1/inbox/proto");

        assertThat(topic.generation()).isEqualTo(OptionalInt.of(0));
        assertThat(topic.application()).isEqualTo("wakuchat");
        assertThat(topic).hasToString("/0/wakuchat/1/inbox/proto");
        assertThat(topic).isNotEqualTo(ContentTopic.parse("/wakuchat/1/inbox/proto"));
    }

    @Test
    void keepsUnicodeAndSpacesInsideSegments() {
        var topic = ContentTopic.parse("/chät app/1/näme with space/proto");

        assertThat(topic.application()).isEqualTo("chät app");
        assertThat(topic).hasToString("/chät app/1/näme with space/proto");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "wakuchat/1/inbox/proto", "/wakuchat/1/inbox", "/wakuchat//inbox/proto",
            "/wakuchat/1/inbox/proto/", "//wakuchat/1/inbox/proto", "/x/wakuchat/1/inbox/proto", "/01/wakuchat/1/inbox/proto",
            "/-1/wakuchat/1/inbox/proto", "/+0/wakuchat/1/inbox/proto", "/9999999999/wakuchat/1/inbox/proto",
            "/a/b/c/d/e/f", "default-content"})
    void rejectsMalformedTopicsWithAReason(String text) {
        assertThatThrownBy(() -> ContentTopic.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }

    @Test
    void rejectsSegmentsWithSlashesAndNegativeGenerations() {
        assertThatThrownBy(() -> new ContentTopic("a/b", "1", "n", "e")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContentTopic(OptionalInt.of(-1), "a", "1", "n", "e")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContentTopic("a\uD800", "1", "n", "e")).hasMessageContaining("surrogate");
    }
}
