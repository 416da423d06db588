package org.wakuchat.core.group;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One member in the state a {@link GroupChange} describes: X25519 identity key (32 bytes), display
 * name (at most {@value #MAX_NAME_LENGTH} characters), role, Ed25519 group signing public key
 * (32 bytes, once the member sent it), whether it joined (a joined member has a signing key;
 * an invited one may not yet) and its X25519 group wrap public key (32 bytes, sent with the
 * signing key; absent for members who joined with an older version): an admin without a 1:1
 * session with the member seals the epoch secret of a change to that key
 * ({@link EpochSecretWrap}). Throws {@link IllegalArgumentException} on anything else.
 */
public record MemberEntry(byte[] identityKey, String name, GroupRole role, Optional<byte[]> signingPublicKey,
                          boolean joined, Optional<byte[]> wrapPublicKey) {

    public static final int IDENTITY_KEY_LENGTH = 32;
    /** Longest member or group name, in characters (Unicode code points). */
    public static final int MAX_NAME_LENGTH = 64;

    public MemberEntry {
        if (identityKey == null || identityKey.length != IDENTITY_KEY_LENGTH) {
            throw new IllegalArgumentException("an identity key is " + IDENTITY_KEY_LENGTH + " bytes");
        }
        checkName(name);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(signingPublicKey, "signingPublicKey");
        if (signingPublicKey.isPresent() && signingPublicKey.get().length != GroupSigning.KEY_LENGTH) {
            throw new IllegalArgumentException("a signing key is " + GroupSigning.KEY_LENGTH + " bytes");
        }
        if (joined && signingPublicKey.isEmpty()) {
            throw new IllegalArgumentException("a joined member has a signing key");
        }
        Objects.requireNonNull(wrapPublicKey, "wrapPublicKey");
        if (wrapPublicKey.isPresent() && wrapPublicKey.get().length != IDENTITY_KEY_LENGTH) {
            throw new IllegalArgumentException("a wrap key is " + IDENTITY_KEY_LENGTH + " bytes");
        }
        identityKey = identityKey.clone();
        signingPublicKey = signingPublicKey.map(byte[]::clone);
        wrapPublicKey = wrapPublicKey.map(byte[]::clone);
    }

    /** A member without a wrap key. */
    public MemberEntry(byte[] identityKey, String name, GroupRole role, Optional<byte[]> signingPublicKey,
                       boolean joined) {
        this(identityKey, name, role, signingPublicKey, joined, Optional.empty());
    }

    /** A joined member. */
    public static MemberEntry joined(byte[] identityKey, String name, GroupRole role, byte[] signingPublicKey) {
        return new MemberEntry(identityKey, name, role, Optional.of(signingPublicKey), true);
    }

    /** An invited member whose signing key is not known yet. */
    public static MemberEntry invited(byte[] identityKey, String name, GroupRole role) {
        return new MemberEntry(identityKey, name, role, Optional.empty(), false);
    }

    static void checkName(String name) {
        if (name == null || name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a name is at most " + MAX_NAME_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            // A lone surrogate has no UTF-8 form: two such names would sign and hash alike.
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("a name with a lone surrogate");
            }
        }
    }

    public MemberId id(GroupId group) {
        return MemberId.of(group, identityKey);
    }

    @Override
    public byte[] identityKey() {
        return identityKey.clone();
    }

    @Override
    public Optional<byte[]> signingPublicKey() {
        return signingPublicKey.map(byte[]::clone);
    }

    public boolean admin() {
        return role == GroupRole.ADMIN;
    }

    boolean hasIdentityKey(byte[] key) {
        return Arrays.equals(identityKey, key);
    }

    /** The same member with its signing key, joined. */
    public MemberEntry withSigningKey(byte[] key) {
        return new MemberEntry(identityKey, name, role, Optional.of(key), true, wrapPublicKey);
    }

    /** The same member joined with its signing and (if it sent one) wrap key. */
    public MemberEntry joinedWith(byte[] signingKey, Optional<byte[]> wrapKey) {
        return new MemberEntry(identityKey, name, role, Optional.of(signingKey), true, wrapKey);
    }

    public MemberEntry withRole(GroupRole newRole) {
        return new MemberEntry(identityKey, name, newRole, signingPublicKey, joined, wrapPublicKey);
    }

    @Override
    public Optional<byte[]> wrapPublicKey() {
        return wrapPublicKey.map(byte[]::clone);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MemberEntry that && Arrays.equals(identityKey, that.identityKey)
                && name.equals(that.name) && role == that.role && joined == that.joined
                && Arrays.equals(signingPublicKey.orElse(null), that.signingPublicKey.orElse(null))
                && Arrays.equals(wrapPublicKey.orElse(null), that.wrapPublicKey.orElse(null));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(identityKey);
    }

    @Override
    public String toString() {
        return "MemberEntry[" + HexFormat.of().formatHex(identityKey, 0, 4) + "… " + name + " " + role
                + (joined ? " joined" : " invited") + "]";
    }
}
