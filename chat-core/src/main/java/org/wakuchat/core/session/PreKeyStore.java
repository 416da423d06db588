package org.wakuchat.core.session;

import java.util.List;
import org.wakuchat.core.crypto.X25519KeyPair;

/**
 * My prekeys (one per invite). A PreKeyMessage does not say which one it was made with (wire
 * version 2): {@link Session#accept} tries the candidates, newest first, at most
 * {@link #MAX_TRIED} of them.
 */
public interface PreKeyStore {

    /**
     * How many prekeys one session start is tried against: each try costs one X25519 and one
     * AEAD open of the sealed sender (a few hundred microseconds), so a start for none of them
     * (garbage or an unknown invite) costs at most this many. The engine keeps at most this many
     * prekeys (making an invite beyond it revokes the oldest), so no stored prekey goes untried.
     */
    int MAX_TRIED = 16;

    /**
     * Every prekey still stored, newest first: those session starts are accepted for, and also
     * those kept but already refused (past their invite's expiry and grace, not yet deleted), so
     * that a start for an expired invite is reported as such rather than as garbage.
     */
    List<Candidate> candidates();

    /** One stored prekey: its id (from the invite), key pair, and whether starts are still accepted with it. */
    record Candidate(int id, X25519KeyPair keys, boolean accepted) {
    }
}
