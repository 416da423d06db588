package org.wakuchat.core.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wakuchat.core.invite.Invites.NOW;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wakuchat.core.account.AccountIds;
import org.wakuchat.core.invite.InviteException.Reason;

class InviteCodecTest {

    @ParameterizedTest
    @ValueSource(strings = {"Bob", Invites.LONGEST_ASCII_NAME, Invites.LONGEST_EMOJI_NAME, Invites.LONGEST_MIXED_NAME})
    void roundTrips(String name) throws InviteException {
        InviteData data = Invites.data(name);
        Invite invite = InviteCodec.encode(data);

        assertThat(InviteCodec.decode(invite.link(), NOW)).isEqualTo(data);
        assertThat(InviteCodec.decode(invite.code(), NOW)).isEqualTo(data);
        assertThat(invite.link()).isEqualTo(InviteCodec.LINK_PREFIX + invite.code());
        assertThat(invite.expiresAt()).isEqualTo(data.expiresAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {Invites.LONGEST_ASCII_NAME, Invites.LONGEST_EMOJI_NAME, Invites.LONGEST_MIXED_NAME})
    void linkWithTheLongestNameFitsIn200Characters(String name) {
        assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSize(32);
        assertThat(Invites.invite(name).link()).hasSize(166);
    }

    @Test
    void carriesWhatTheSessionNeeds() throws InviteException {
        var identity = org.wakuchat.core.account.Identity.create("Bob", new java.security.SecureRandom());
        var preKey = PreKey.generate(new java.security.SecureRandom(), NOW, PreKey.DEFAULT_VALIDITY);

        InviteData read = InviteCodec.decode(InviteCodec.encode(InviteData.of(identity, preKey)).link(), NOW);

        assertThat(read.version()).isEqualTo(1);
        assertThat(read.identityKey()).isEqualTo(identity.keys().publicKey());
        assertThat(read.preKeyId()).isEqualTo(preKey.id());
        assertThat(read.preKeyPublic()).isEqualTo(preKey.keys().publicKey());
        assertThat(read.expiresAt()).isEqualTo(preKey.expiresAt()).isEqualTo(Instant.parse("2026-11-29T01:30:00Z"));
        assertThat(read.displayName()).isEqualTo("Bob");
    }

    @Test
    void previewsTheInviter() throws InviteException {
        InviteData data = Invites.data("Bob");
        InvitePreview preview = InviteCodec.decode(InviteCodec.encode(data).link(), NOW).preview();
        assertThat(preview.displayName()).isEqualTo("Bob");
        assertThat(preview.inviterId()).isEqualTo(AccountIds.of(data.identityKey()));
        assertThat(preview.expiresAt()).isEqualTo(data.expiresAt());
    }

    @Test
    void acceptsPastesWithWhitespaceLineBreaksAndAnyCaseScheme() throws InviteException {
        Invite invite = Invites.invite("Bob");
        String code = invite.code();
        String wrapped = "  WakuChat://Invite/" + code.substring(0, 40) + "\r\n    " + code.substring(40, 90) + "\n"
                + code.substring(90) + " \n\t";
        String withZeroWidthSpaces = invite.link().substring(0, 60) + "\u200B" + invite.link().substring(60);

        assertThat(InviteCodec.decode(wrapped, NOW).displayName()).isEqualTo("Bob");
        assertThat(InviteCodec.decode("\n" + code + "\n", NOW).displayName()).isEqualTo("Bob");
        assertThat(InviteCodec.decode(withZeroWidthSpaces, NOW).displayName()).isEqualTo("Bob");
    }

    @Test
    void expiryIsHeldToTheMinute() throws InviteException {
        InviteData data = Invites.data("Bob", Instant.parse("2026-11-23T10:15:42.5Z"));
        assertThat(InviteCodec.decode(InviteCodec.encode(data).code(), NOW).expiresAt())
                .isEqualTo(Instant.parse("2026-11-23T10:15:00Z"));
    }

    // --- NOT_AN_INVITE

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n ", "https://example.com/invite/AQ", "wakuchat://contact/AQ", "hello world",
        "WIFI:S:home;T:WPA;P:secret;;", "Hello", "0123456789", "\u732b\u732b"})
    void foreignTextIsNotAnInvite(String text) {
        assertReason(() -> InviteCodec.decode(text, NOW), Reason.NOT_AN_INVITE);
    }

    @Test
    void nullIsNotAnInvite() {
        assertReason(() -> InviteCodec.decode(null, NOW), Reason.NOT_AN_INVITE);
    }

    @Test
    void charactersOutsideTheCodeAlphabetAreNotAnInvite() {
        String link = Invites.invite("Bob").link();
        for (String foreign : new String[] {"=", "+", "/", ".", " ", "\u00e9", "%"}) {
            String changed = link.substring(0, 50) + foreign + link.substring(51);
            assertReason(() -> InviteCodec.decode(changed, NOW), Reason.NOT_AN_INVITE);
        }
    }

    @Test
    void damagedSchemeIsNotAnInvite() {
        String code = Invites.invite("Bob").code();
        assertReason(() -> InviteCodec.decode("wakuchat:/invite/" + code, NOW), Reason.NOT_AN_INVITE);
        assertReason(() -> InviteCodec.decode("wakuchat://invitee/" + code, NOW), Reason.NOT_AN_INVITE);
    }

    @Test
    void hugeInputIsNotAnInvite() {
        assertReason(() -> InviteCodec.decode("A".repeat(1_000_000), NOW), Reason.NOT_AN_INVITE);
    }

    // --- TRUNCATED

    @Test
    void cutOffInvitesAreTruncated() {
        Invite invite = Invites.invite("Bob");
        String link = invite.link();
        for (int cut : new int[] {1, 2, 3, 4, 10, 60, 100}) {
            assertReason(() -> InviteCodec.decode(link.substring(0, link.length() - cut), NOW), Reason.TRUNCATED);
            assertReason(() -> InviteCodec.decode(invite.code().substring(0, invite.code().length() - cut), NOW),
                    Reason.TRUNCATED);
        }
        assertReason(() -> InviteCodec.decode(InviteCodec.LINK_PREFIX, NOW), Reason.TRUNCATED);
        assertReason(() -> InviteCodec.decode("wakuchat://inv", NOW), Reason.TRUNCATED);
        assertReason(() -> InviteCodec.decode(InviteCodec.LINK_PREFIX + "AQ", NOW), Reason.TRUNCATED);
    }

    // --- CORRUPTED

    @Test
    void changedCharactersAreCorrupted() {
        String code = Invites.invite("Bob").code();
        for (int at : new int[] {5, 40, 70, 100, code.length() - 3}) {
            String changed = code.substring(0, at) + (code.charAt(at) == 'x' ? 'y' : 'x') + code.substring(at + 1);
            assertReason(() -> InviteCodec.decode(changed, NOW), Reason.CORRUPTED);
            assertReason(() -> InviteCodec.decode(InviteCodec.LINK_PREFIX + changed, NOW), Reason.CORRUPTED);
        }
    }

    @Test
    void nonCanonicalLastCharacterIsCorrupted() {
        // With a 3-byte name the last character carries 4 unused low bits; setting one changes no byte.
        String code = Invites.invite("Bob").code();
        assertThat(code.length() % 4).isEqualTo(2);
        char last = code.charAt(code.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char sameBytes = alphabet.charAt(alphabet.indexOf(last) | 1);
        assertThat(sameBytes).isNotEqualTo(last);
        assertReason(() -> InviteCodec.decode(code.substring(0, code.length() - 1) + sameBytes, NOW), Reason.CORRUPTED);
    }

    @Test
    void extraCharactersAreCorrupted() {
        String link = Invites.invite("Bob").link();
        assertReason(() -> InviteCodec.decode(link + "A", NOW), Reason.CORRUPTED);
        assertReason(() -> InviteCodec.decode(link + "AAAA", NOW), Reason.CORRUPTED);
    }

    @Test
    void damagedNameLengthIsCorruptedNotTruncated() {
        byte[] frame = Invites.frame(Invites.invite("Bob"));
        frame[73] = 30; // declares a longer name than there is, without its complement
        String code = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(frame);
        assertReason(() -> InviteCodec.decode(code, NOW), Reason.CORRUPTED);
    }

    @Test
    void wellSealedButInvalidContentIsCorrupted() {
        byte[] frame = Invites.frame(Invites.invite("Bob"));
        byte[] controlInName = frame.clone();
        controlInName[75] = '\n';
        byte[] wrongPreKeyId = frame.clone();
        wrongPreKeyId[33] ^= 1;
        byte[] invalidUtf8 = frame.clone();
        invalidUtf8[75] = (byte) 0xC3;
        byte[] lengthMismatch = java.util.Arrays.copyOf(frame, frame.length + 1);
        lengthMismatch[lengthMismatch.length - 1] = frame[frame.length - 1];

        for (byte[] crafted : new byte[][] {controlInName, wrongPreKeyId, invalidUtf8, lengthMismatch}) {
            assertReason(() -> InviteCodec.decode(Invites.resealed(crafted), NOW), Reason.CORRUPTED);
        }
    }

    // --- UNSUPPORTED_VERSION

    @Test
    void newerVersionsAreUnsupported() {
        byte[] frame = Invites.frame(Invites.invite("Bob"));
        for (int version : new int[] {3, 7, 255}) {
            frame[0] = (byte) version;
            String code = Invites.resealed(frame);
            assertReason(() -> InviteCodec.decode(code, NOW), Reason.UNSUPPORTED_VERSION);
            assertReason(() -> InviteCodec.decode(InviteCodec.LINK_PREFIX + code, NOW), Reason.UNSUPPORTED_VERSION);
        }
        byte[] shortNewerFrame = {3, 9, 9, 9, 0, 0, 0, 0};
        assertReason(() -> InviteCodec.decode(Invites.resealed(shortNewerFrame), NOW), Reason.UNSUPPORTED_VERSION);
    }

    // --- EXPIRED

    @Test
    void expiredInvitesAreRefused() throws InviteException {
        Invite invite = Invites.invite("Bob");
        Instant expiry = invite.expiresAt();

        assertThat(InviteCodec.decode(invite.link(), expiry).displayName()).isEqualTo("Bob");
        assertReason(() -> InviteCodec.decode(invite.link(), expiry.plusSeconds(1)), Reason.EXPIRED);
        assertReason(() -> InviteCodec.decode(invite.code(), NOW.plus(Duration.ofDays(30))), Reason.EXPIRED);
    }

    @Test
    void damageIsReportedBeforeExpiry() {
        String code = Invites.invite("Bob").code();
        String changed = code.substring(0, 40) + (code.charAt(40) == 'x' ? 'y' : 'x') + code.substring(41);
        assertReason(() -> InviteCodec.decode(changed, NOW.plus(Duration.ofDays(30))), Reason.CORRUPTED);
    }

    // --- OWN_INVITE

    @Test
    void myOwnInviteIsRefusedWhenIAskForIt() throws InviteException {
        InviteData data = Invites.data("Me");
        String link = InviteCodec.encode(data).link();

        assertReason(() -> InviteCodec.decode(link, NOW, data.identityKey()), Reason.OWN_INVITE);
        assertThat(InviteCodec.decode(link, NOW, new byte[32])).isEqualTo(data);
    }

    @Test
    void userMessagesNameTheReason() {
        assertThatThrownBy(() -> InviteCodec.decode("wakuchat://invite/AQ", NOW))
                .hasMessage("This invite is incomplete — it may have been cut off when copied.")
                .hasNoCause();
    }

    static void assertReason(ThrowingCallable decode, Reason reason) {
        assertThatThrownBy(decode).isInstanceOfSatisfying(InviteException.class,
                failure -> assertThat(failure.reason()).isEqualTo(reason));
    }
}
