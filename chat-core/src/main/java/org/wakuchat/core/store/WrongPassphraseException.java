package org.wakuchat.core.store;

/** The passphrase does not unlock this account; nothing was read or changed. */
public class WrongPassphraseException extends StorageException {

    public WrongPassphraseException() {
        super("Wrong passphrase.");
    }
}
