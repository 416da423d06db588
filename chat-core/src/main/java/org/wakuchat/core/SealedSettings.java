package org.wakuchat.core;

import java.util.Optional;

/**
 * Settings of an account that must not be stored in plain text (an RLN keystore's password),
 * kept in the account's encrypted secrets database: readable only once the account is unlocked.
 */
public interface SealedSettings {

    /** The name of the RLN keystore password setting. */
    String RLN_KEYSTORE_PASSWORD = "rln.keystore-password";

    Optional<String> get(String name);

    /** Stores or replaces the value; an empty value removes the setting. */
    void put(String name, String value);
}
