package org.wakuchat.core.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wakuchat.core.invite.Invites.NOW;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.wakuchat.core.account.DisplayNames;
import org.wakuchat.core.invite.InviteException.Reason;

class InviteCodecPropertiesTest {

    private static final List<Invite> INVITES = Stream.concat(
            IntStream.rangeClosed(1, 32).mapToObj("n"::repeat),
            Stream.of(Invites.LONGEST_EMOJI_NAME, Invites.LONGEST_MIXED_NAME, "\u00e9", "Bob \uD83D\uDE00"))
            .map(Invites::invite).toList();
    private static final String CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @Property(tries = 200)
    void anyValidNameRoundTrips(@ForAll("names") String name) throws InviteException {
        InviteData data = Invites.data(name);
        Invite invite = InviteCodec.encode(data);

        assertThat(InviteCodec.decode(invite.link(), NOW)).isEqualTo(data);
        assertThat(invite.link().length()).isLessThanOrEqualTo(200);
    }

    @Property(tries = 500)
    void truncatedInvitesAreNeverAccepted(@ForAll("invites") Invite invite, @ForAll @IntRange(min = 1, max = 200) int cut,
            @ForAll boolean withLinkPrefix) {
        String text = withLinkPrefix ? invite.link() : invite.code();
        // A link cut inside "wakuchat:" is no longer recognisable, so cuts stop there.
        int shortest = withLinkPrefix ? "wakuchat:".length() : 1;
        String truncated = text.substring(0, Math.max(shortest, text.length() - cut));

        assertFailsWithOneOf(truncated, EnumSet.of(Reason.TRUNCATED, Reason.CORRUPTED));
    }

    @Property(tries = 1000)
    void singleChangedCharactersAreNeverAccepted(@ForAll("invites") Invite invite, @ForAll @IntRange(min = 0, max = 1000) int at,
            @ForAll("replacements") char replacement, @ForAll boolean withLinkPrefix) {
        String code = invite.code();
        int position = at % code.length();
        if (code.charAt(position) == replacement) {
            return;
        }
        String changed = code.substring(0, position) + replacement + code.substring(position + 1);

        assertFailsWithOneOf(withLinkPrefix ? InviteCodec.LINK_PREFIX + changed : changed,
                EnumSet.of(Reason.CORRUPTED, Reason.NOT_AN_INVITE));
    }

    @Property(tries = 1000)
    void randomTextGetsAReasonNeverACrash(@ForAll("randomText") String text) {
        assertFailsWithOneOf(text, EnumSet.allOf(Reason.class));
    }

    private static void assertFailsWithOneOf(String text, Set<Reason> reasons) {
        assertThatThrownBy(() -> InviteCodec.decode(text, NOW)).isInstanceOfSatisfying(InviteException.class,
                failure -> assertThat(failure.reason()).isIn(reasons));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(40)
                .filter(raw -> {
                    try {
                        DisplayNames.normalize(raw);
                        return true;
                    } catch (IllegalArgumentException invalid) {
                        return false;
                    }
                })
                .map(DisplayNames::normalize);
    }

    /** Invites with every name length, made once: the properties vary where and how they are damaged. */
    @Provide
    Arbitrary<Invite> invites() {
        return Arbitraries.of(INVITES);
    }

    @Provide
    Arbitrary<Character> replacements() {
        return Arbitraries.oneOf(Arbitraries.of(CODE_ALPHABET.toCharArray()).map(c -> (Character) c),
                Arbitraries.of('=', '+', '/', '.', ':', '%', '~', '\u00e9', '\u0000', '\u732b'));
    }

    @Provide
    Arbitrary<String> randomText() {
        Arbitrary<String> anyText = Arbitraries.strings().ofMaxLength(300);
        Arbitrary<String> codeLike = Arbitraries.strings().withChars(CODE_ALPHABET.toCharArray()).ofMaxLength(200);
        Arbitrary<String> linkLike = codeLike.map(code -> InviteCodec.LINK_PREFIX + code);
        Arbitrary<String> versionOneLike = codeLike.map(code -> "AQ" + code);
        Arbitrary<String> mixed = Combinators.combine(anyText, linkLike).as((noise, link) -> noise + link);
        return Arbitraries.oneOf(anyText, codeLike, linkLike, versionOneLike, mixed);
    }
}
