package org.wakuchat.core.invite;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.wakuchat.core.account.Identity;
import org.wakuchat.core.crypto.Crypto;

/** Test fixtures: invites made as the app makes them, and raw frames crafted with a valid checksum. */
final class Invites {

    static final Instant NOW = Instant.parse("2026-11-22T01:30:00Z");
    static final String LONGEST_ASCII_NAME = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    /** 32 UTF-8 bytes: 8 four-byte emoji. */
    static final String LONGEST_EMOJI_NAME = "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00";
    /** 32 UTF-8 bytes mixing 1-, 2- and 3-byte characters. */
    static final String LONGEST_MIXED_NAME = "Zo\u00eb \u732b\u732b\u732b \u00f6\u00f6\u00f6\u00f6\u00f6\u00f6\u00f6\u00f6!";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Invites() {
    }

    static InviteData data(String name) {
        return data(name, NOW.plus(PreKey.DEFAULT_VALIDITY));
    }

    static InviteData data(String name, Instant expiresAt) {
        Identity identity = Identity.create(name, RANDOM);
        PreKey preKey = PreKey.generate(RANDOM, NOW, Duration.between(NOW, expiresAt));
        return InviteData.of(identity, preKey);
    }

    static Invite invite(String name) {
        return InviteCodec.encode(data(name));
    }

    static byte[] frame(Invite invite) {
        return Base64.getUrlDecoder().decode(invite.code());
    }

    /** A frame whose checksum is made right again after its content was changed (per the documented layout). */
    static String resealed(byte[] frame) {
        int end = frame.length - 4;
        byte[] hash = Crypto.sha256("WakuChat/invite-checksum".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(frame, end));
        byte[] sealed = frame.clone();
        System.arraycopy(hash, 0, sealed, end, 4);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }
}
