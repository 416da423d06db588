package org.wakuchat.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wakuchat.core.session.Parties.bytes;
import static org.wakuchat.core.session.Parties.refusal;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wakuchat.core.session.SessionException.Reason;

/**
 * The display name in a session start comes from whoever holds the invite: it must meet the rule
 * invites and accounts follow (DisplayNames: NFC, at most 32 UTF-8 bytes, no control, line-break or
 * bidirectional-override characters) or the whole session start is refused as MALFORMED, before
 * it can reach the conversation list, a header or a notification.
 */
class SenderNameTest {

    private final Parties parties = new Parties(11);

    static Stream<String> invalidNames() {
        return Stream.of(
                "A".repeat(50 * 1024),           // 50 KB
                "\u202Eevil.exe",                 // right-to-left override
                "Bob\u0000",                      // NUL
                "Bob\nAdmin",                     // newline
                "Bob\r",                          // carriage return
                "ab\u2066c",                      // bidi isolate
                "a".repeat(33),                   // one byte over the limit (invites truncate; here refused)
                " Bob",                           // not stripped
                "Rene\u0301",                     // not NFC
                "");                              // empty
    }

    @ParameterizedTest
    @MethodSource("invalidNames")
    void sessionStartWithAnInvalidNameIsRefusedAsMalformed(String name) {
        Session alice = parties.initiate(parties.newIdentity(), name);
        assertThat(refusal(() -> parties.accept(alice.encrypt(bytes("hello"))))).isEqualTo(Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alice", "Zo\u00eb", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void validNamesAreShownAsSent(String name) throws Exception {
        Session alice = parties.initiate(parties.newIdentity(), name);
        assertThat(parties.accept(alice.encrypt(bytes("hello"))).theirDisplayName()).isEqualTo(name);
    }
}
