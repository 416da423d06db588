package org.wakuchat.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DisplayNamesTest {

    @Test
    void stripsSurroundingWhitespace() {
        assertThat(DisplayNames.normalize("  Bob \u3000")).isEqualTo("Bob");
    }

    @Test
    void composesToNfc() {
        assertThat(DisplayNames.normalize("Rene\u0301")).isEqualTo("Ren\u00e9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t \n"})
    void rejectsEmptyNames(String name) {
        assertThatThrownBy(() -> DisplayNames.normalize(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Please enter a name.");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> DisplayNames.normalize(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bo\nb", "Bo\tb", "Bob\u0007", "Bo\u2028b", "\u202Eboj", "ab\u2066c", "a\ud800b"})
    void rejectsControlLineBreakAndBidiOverrideCharacters(String name) {
        assertThatThrownBy(() -> DisplayNames.normalize(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control characters");
    }

    @Test
    void keepsEmojiJoinersAndAccents() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        assertThat(DisplayNames.normalize("Zo\u00eb " + family)).isEqualTo("Zo\u00eb " + family);
    }

    @Test
    void truncatesAsciiTo32Bytes() {
        assertThat(DisplayNames.normalize("a".repeat(40))).isEqualTo("a".repeat(32));
    }

    @Test
    void truncatesMultiByteNamesAtCharacterBoundaries() {
        assertThat(DisplayNames.normalize("\u00f6".repeat(20))).isEqualTo("\u00f6".repeat(16));
        assertThat(DisplayNames.normalize("\uD83D\uDE00".repeat(9))).isEqualTo("\uD83D\uDE00".repeat(8));
        assertThat(DisplayNames.normalize("ab" + "\u732b".repeat(11))).isEqualTo("ab" + "\u732b".repeat(10));
    }

    @Test
    void doesNotSplitAnEmojiSequence() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // 18 UTF-8 bytes, one character
        assertThat(DisplayNames.normalize("a".repeat(20) + family)).isEqualTo("a".repeat(20));
    }

    @Test
    void cutsAtACodePointWhenASingleCharacterIsTooLong() {
        String zalgo = "e" + "\u0316".repeat(20); // one grapheme of 41 bytes
        String name = DisplayNames.normalize(zalgo);
        assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSize(31);
        assertThat(zalgo).startsWith(name);
    }

    @Test
    void stripsWhitespaceLeftAtTheCut() {
        assertThat(DisplayNames.normalize("a".repeat(31) + " bcd")).isEqualTo("a".repeat(31));
    }

    @Test
    void normalizedNamesAreRecognised() {
        assertThat(DisplayNames.isNormalized("Bob")).isTrue();
        assertThat(DisplayNames.isNormalized(" Bob")).isFalse();
        assertThat(DisplayNames.isNormalized("a".repeat(33))).isFalse();
        assertThat(DisplayNames.isNormalized("Bo\nb")).isFalse();
        assertThat(DisplayNames.isNormalized(null)).isFalse();
    }
}
