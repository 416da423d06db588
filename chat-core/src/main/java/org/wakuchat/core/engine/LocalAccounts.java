package org.wakuchat.core.engine;

import org.wakuchat.core.Accounts;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.store.Storage;
import org.wakuchat.core.store.StorageException;

/** The account kept in a local data folder: no server, no registration. */
public final class LocalAccounts implements Accounts {

    private final EngineConfig config;

    public LocalAccounts(EngineConfig config) {
        this.config = config;
    }

    @Override
    public boolean exists() {
        return Storage.exists(config.dataDir());
    }

    @Override
    public ChatEngine create(String displayName, char[] passphrase) {
        Storage storage = Storage.create(config.dataDir(), passphrase, config.kdf());
        try {
            KeyRing keys = KeyRing.create(storage.secrets(), displayName, config.scheduler()::now, config.random());
            keys.currentPrekey(config.scheduler().now(), config.inviteValidity(), config.random());
            return new DefaultChatEngine(config, storage, keys);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    @Override
    public ChatEngine unlock(char[] passphrase) {
        Storage storage = Storage.open(config.dataDir(), passphrase);
        try {
            return new DefaultChatEngine(config, storage, KeyRing.load(storage.secrets(), config.scheduler()::now));
        } catch (StorageException | IllegalArgumentException e) {
            storage.close();
            throw e;
        }
    }
}
