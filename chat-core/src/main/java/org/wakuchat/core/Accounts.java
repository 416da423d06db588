package org.wakuchat.core;

import org.wakuchat.core.store.StorageException;
import org.wakuchat.core.store.WrongPassphraseException;

/**
 * The account in one data folder: create it, or unlock it with its passphrase. Both are slow
 * (key derivation, database open): call them off the UI thread.
 */
public interface Accounts {

    /** Whether the data folder holds an account. */
    boolean exists();

    /** Creates the account (identity keys are made here, locally) and returns its unlocked engine. */
    ChatEngine create(String displayName, char[] passphrase) throws StorageException;

    ChatEngine unlock(char[] passphrase) throws WrongPassphraseException, StorageException;
}
