package org.wakuchat.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.engine.EngineConfig;
import org.wakuchat.core.engine.LocalAccounts;
import org.wakuchat.core.store.StorageException;
import org.wakuchat.core.store.WrongPassphraseException;
import org.wakuchat.core.transport.WakuNode;

/** Creates and unlocks the account of a data folder, turning failures into exit codes. */
final class AccountAccess {

    private AccountAccess() {
    }

    static LocalAccounts accounts(CliEnvironment environment, Path dataDir, Supplier<WakuNode> node) {
        return new LocalAccounts(config(environment, dataDir, node));
    }

    static EngineConfig config(CliEnvironment environment, Path dataDir, Supplier<WakuNode> node) {
        return EngineConfig.of(dataDir, node, environment.scheduler()).withKdf(environment.kdf());
    }

    /** Unlocks the account for a command that does not use the network. */
    static ChatEngine unlockOffline(CliEnvironment environment, AccountOptions options) {
        Path dataDir = options.dataDir(environment);
        return unlock(environment, config(environment, dataDir, DetachedNode::new));
    }

    static ChatEngine unlock(CliEnvironment environment, EngineConfig config) {
        Path dataDir = config.dataDir();
        LocalAccounts accounts = new LocalAccounts(config);
        if (!accounts.exists()) {
            throw new CliException(ExitCodes.ERROR, "No account in " + dataDir
                    + ": create one with `wakuchat-cli init`, or pick the folder with --data-dir.");
        }
        char[] passphrase = Passphrases.read(environment, false);
        try {
            return accounts.unlock(passphrase);
        } catch (WrongPassphraseException e) {
            throw new CliException(ExitCodes.WRONG_PASSPHRASE, "Wrong passphrase for the account in " + dataDir + ".");
        } catch (StorageException e) {
            throw new CliException(ExitCodes.ERROR, e.getMessage());
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }
}
