package org.wakuchat.core.account;

/** A local account as others see it: its id, the name it chose and its public identity key. */
public record Account(AccountId id, String displayName, byte[] identityKey) {

    @Override
    public byte[] identityKey() {
        return identityKey.clone();
    }
}
