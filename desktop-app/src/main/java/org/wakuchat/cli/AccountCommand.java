package org.wakuchat.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** A subcommand on one account: it finds its environment through the root command. */
abstract class AccountCommand implements Callable<Integer> {

    @ParentCommand
    WakuChatCli root;

    @Mixin
    AccountOptions account;

    CliEnvironment environment() {
        return root.environment();
    }

    Output output() {
        return new Output(environment().out(), account.json);
    }
}
