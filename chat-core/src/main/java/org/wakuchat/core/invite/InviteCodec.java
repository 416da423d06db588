package org.wakuchat.core.invite;

import static org.wakuchat.core.invite.InviteException.Reason.CORRUPTED;
import static org.wakuchat.core.invite.InviteException.Reason.EXPIRED;
import static org.wakuchat.core.invite.InviteException.Reason.NOT_AN_INVITE;
import static org.wakuchat.core.invite.InviteException.Reason.OWN_INVITE;
import static org.wakuchat.core.invite.InviteException.Reason.TRUNCATED;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Invite links and codes: {@code wakuchat://invite/<code>}, the code being the binary invite
 * ({@link InviteBytes}) in base64url without padding. At most {@link #MAX_LINK_LENGTH} characters,
 * so that the QR code stays at version 10 or below (see docs/invites.md).
 */
public final class InviteCodec {

    public static final String LINK_PREFIX = "wakuchat://invite/";
    /** The longest link {@link #encodeFitting} makes: short enough to paste, QR version 10 at most. */
    public static final int MAX_LINK_LENGTH = 200;

    /** Longer input is not an invite whatever it holds; spares work on huge pastes. */
    private static final int MAX_INPUT_CHARS = 4096;
    /** Line breaks (with the indentation around them) and invisible characters chats insert when they wrap text. */
    private static final Pattern PASTE_NOISE = Pattern.compile("\\h*\\R\\h*|[\\u00AD\\u200B\\u200C\\u200D\\u2060\\uFEFF]");
    private static final Pattern CODE_ALPHABET = Pattern.compile("[A-Za-z0-9_-]*");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private InviteCodec() {
    }

    public static Invite encode(InviteData data) {
        String code = ENCODER.encodeToString(InviteBytes.write(data));
        return new Invite(LINK_PREFIX + code, code, data.expiresAt());
    }

    /**
     * The invite with as many of its network hints as fit in {@link #MAX_LINK_LENGTH} characters:
     * hints are left out from the last one (the cluster id always stays).
     */
    public static Invite encodeFitting(InviteData data) {
        InviteData fitted = data;
        Invite invite = encode(fitted);
        while (invite.link().length() > MAX_LINK_LENGTH && fitted.network().map(n -> !n.hints().isEmpty()).orElse(false)) {
            fitted = fitted.withNetwork(fitted.network().map(InviteNetwork::withoutLastHint));
            invite = encode(fitted);
        }
        return invite;
    }

    /**
     * Reads an invite link or bare code as pasted or scanned: surrounding whitespace and line
     * breaks are ignored, the link prefix is case-insensitive.
     *
     * @throws InviteException with the precise reason; never anything else, whatever the input
     */
    public static InviteData decode(String linkOrCode, Instant now) throws InviteException {
        Objects.requireNonNull(now, "now");
        if (linkOrCode == null || linkOrCode.length() > MAX_INPUT_CHARS) {
            throw new InviteException(NOT_AN_INVITE);
        }
        String text = PASTE_NOISE.matcher(linkOrCode.strip()).replaceAll("");
        boolean withLinkPrefix = text.regionMatches(true, 0, LINK_PREFIX, 0, LINK_PREFIX.length());
        String code = withLinkPrefix ? text.substring(LINK_PREFIX.length()) : checkBareCode(text);
        InviteData data = decodeCode(code, withLinkPrefix);
        if (data.expiresAt().isBefore(now)) {
            throw new InviteException(EXPIRED);
        }
        return data;
    }

    /** As {@link #decode(String, Instant)}, also refusing my own invite. */
    public static InviteData decode(String linkOrCode, Instant now, byte[] myIdentityKey) throws InviteException {
        InviteData data = decode(linkOrCode, now);
        if (Arrays.equals(data.identityKey(), myIdentityKey)) {
            throw new InviteException(OWN_INVITE);
        }
        return data;
    }

    private static String checkBareCode(String text) throws InviteException {
        if (text.isEmpty()) {
            throw new InviteException(NOT_AN_INVITE);
        }
        boolean cutInsideLinkPrefix = text.length() >= "wakuchat:".length() && text.length() < LINK_PREFIX.length()
                && LINK_PREFIX.regionMatches(true, 0, text, 0, text.length());
        if (cutInsideLinkPrefix) {
            throw new InviteException(TRUNCATED);
        }
        return text;
    }

    /**
     * Whether damaged text without the link prefix was meant as a code at all: codes of versions
     * 1 and 2 start with "A" and a letter from Q to v (version byte 0x01 or 0x02).
     */
    private static boolean startsLikeInvite(String code) {
        return code.charAt(0) == 'A' && (code.length() == 1 || (code.charAt(1) >= 'Q' && code.charAt(1) <= 'Z')
                || (code.charAt(1) >= 'a' && code.charAt(1) <= 'v'));
    }

    private static InviteData decodeCode(String code, boolean withLinkPrefix) throws InviteException {
        if (!CODE_ALPHABET.matcher(code).matches()) {
            throw new InviteException(NOT_AN_INVITE);
        }
        // A length of 4k+1 is never valid base64: read what precedes the extra character.
        boolean danglingCharacter = code.length() % 4 == 1;
        byte[] bytes = Base64.getUrlDecoder().decode(danglingCharacter ? code.substring(0, code.length() - 1) : code);
        if (danglingCharacter || !InviteBytes.isIntact(bytes)) {
            throw new InviteException(withLinkPrefix || startsLikeInvite(code) ? InviteBytes.damage(bytes) : NOT_AN_INVITE);
        }
        // The decoder ignores the unused low bits of the last character: only the canonical spelling is valid.
        if (!ENCODER.encodeToString(bytes).equals(code)) {
            throw new InviteException(CORRUPTED);
        }
        return InviteBytes.read(bytes);
    }
}
