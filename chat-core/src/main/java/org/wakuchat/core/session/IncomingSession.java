package org.wakuchat.core.session;

/**
 * A session someone started with one of my invites: the new session, the id of the prekey (invite)
 * it was made with (found by trial decryption), the initiator's identity key and display name (from
 * the sealed sender, authenticated by the first message) and that first message's plaintext.
 */
public record IncomingSession(Session session, int prekeyId, byte[] theirIdentityKey, String theirDisplayName,
        byte[] plaintext) {

    public IncomingSession {
        theirIdentityKey = theirIdentityKey.clone();
        plaintext = plaintext.clone();
    }

    @Override
    public byte[] theirIdentityKey() {
        return theirIdentityKey.clone();
    }

    @Override
    public byte[] plaintext() {
        return plaintext.clone();
    }
}
