package org.wakuchat.cli;

import java.nio.file.Path;
import java.util.Arrays;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.engine.LocalAccounts;
import org.wakuchat.core.store.StorageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create an account in the data folder.",
            "The passphrase comes from $" + CliEnvironment.PASSPHRASE_VARIABLE + ", else the terminal, "
                    + "else the first line of standard input — never from an argument."})
final class InitCommand extends AccountCommand {

    @Option(names = {"-n", "--name"}, required = true, paramLabel = "<name>", description = "Your display name, as contacts see it.")
    String name;

    @Override
    public Integer call() {
        Path dataDir = account.dataDir(environment());
        LocalAccounts accounts = AccountAccess.accounts(environment(), dataDir, DetachedNode::new);
        if (accounts.exists()) {
            throw new CliException(ExitCodes.ERROR, "There is already an account in " + dataDir + ".");
        }
        char[] passphrase = Passphrases.read(environment(), true);
        try (ChatEngine engine = accounts.create(name, passphrase)) {
            output().emit(Lines.AccountLine.of(engine.account(), dataDir.toString()),
                    "Created account " + engine.account().displayName() + " (" + engine.account().id() + ") in " + dataDir
                            + "\nShare your invite with: wakuchat-cli invite --data-dir " + dataDir);
            return ExitCodes.OK;
        } catch (StorageException e) {
            throw new CliException(ExitCodes.ERROR, e.getMessage());
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }
}
