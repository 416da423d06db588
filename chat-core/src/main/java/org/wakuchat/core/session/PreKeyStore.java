package org.wakuchat.core.session;

import java.util.Optional;
import org.wakuchat.core.crypto.X25519KeyPair;

/** My prekeys (one per invite), looked up by the id a PreKeyMessage names. */
public interface PreKeyStore {

    Optional<X25519KeyPair> prekey(int prekeyId);
}
