package org.wakuchat.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.core.group.GroupException;
import org.wakuchat.core.store.StorageException;
import org.wakuchat.core.store.WrongPassphraseException;
import org.wakuchat.core.transport.EngineUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code wakuchat-cli}: the chat engine from a terminal, for QA, bots and headless use. Each
 * command opens the account, does one thing and exits with a documented code ({@link ExitCodes}).
 */
@Command(name = "wakuchat-cli", mixinStandardHelpOptions = true, version = "wakuchat-cli 0.1.0",
        description = "Waku Chat from the command line: private 1:1 chats and groups over the Waku network.",
        subcommands = {InitCommand.class, InviteCommand.class, AcceptCommand.class, SendCommand.class,
            ListenCommand.class, ContactsCommand.class, HistoryCommand.class, StatusCommand.class, StatsCommand.class, ServeCommand.class,
            GroupCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  ok", "  1  other error", "  2  usage error (bad option, unknown contact)", "  3  wrong passphrase",
            "  4  bad invite", "  5  Waku node unavailable (no libwaku); messages stay queued", "  6  timed out"})
public final class WakuChatCli implements Callable<Integer> {

    private static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    private final CliEnvironment environment;

    WakuChatCli(CliEnvironment environment) {
        this.environment = environment;
    }

    CliEnvironment environment() {
        return environment;
    }

    /** Without a command: the usage, as a usage error. */
    @Override
    public Integer call() {
        new CommandLine(this).usage(new PrintWriter(environment.err(), true));
        return ExitCodes.USAGE;
    }

    public static void main(String[] args) {
        if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
            // Errors reach the user as one line; library warnings would only repeat them.
            System.setProperty(LOG_LEVEL_PROPERTY, "error");
        }
        StopSignal stop = new StopSignal();
        Interrupts.install(stop);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop.stopAndWait(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "wakuchat-cli-stop"));
        int code = run(CliEnvironment.system(stop), args);
        stop.finished();
        System.exit(code);
    }

    /** Runs one command line in {@code environment}; returns the exit code. */
    public static int run(CliEnvironment environment, String... args) {
        boolean json = List.of(args).contains("--json");
        CommandLine line = new CommandLine(new WakuChatCli(environment));
        line.setOut(new PrintWriter(environment.out(), true));
        line.setErr(new PrintWriter(environment.err(), true));
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setParameterExceptionHandler((error, ignored) -> {
            String command = error.getCommandLine().getCommandSpec().qualifiedName();
            return fail(environment, json, ExitCodes.USAGE, error.getMessage() + " (see: " + command + " --help)");
        });
        line.setExecutionExceptionHandler((error, ignored, parsed) -> fail(environment, json, exitCode(error), message(error)));
        return line.execute(args);
    }

    private static int fail(CliEnvironment environment, boolean json, int code, String message) {
        String oneLine = message.replaceAll("\\s*\\R\\s*", " ").strip();
        environment.err().println(json ? Output.toJson(Lines.ErrorLine.of(code, oneLine)) : "wakuchat-cli: " + oneLine);
        environment.err().flush();
        return code;
    }

    private static int exitCode(Exception error) {
        return switch (error) {
            case CliException e -> e.exitCode();
            case WrongPassphraseException e -> ExitCodes.WRONG_PASSPHRASE;
            case EngineUnavailableException e -> ExitCodes.ENGINE_UNAVAILABLE;
            case GroupException e -> ExitCodes.ERROR;
            case IllegalArgumentException e -> ExitCodes.USAGE;
            default -> ExitCodes.ERROR;
        };
    }

    private static String message(Exception error) {
        if (error instanceof CliException || error instanceof GroupException || error instanceof StorageException || error instanceof IllegalArgumentException
                || error instanceof EngineUnavailableException) {
            return String.valueOf(error.getMessage());
        }
        // Looked up here, not in a static field, so main's log level applies (slf4j-simple reads it once).
        Logger log = LoggerFactory.getLogger(WakuChatCli.class);
        log.debug("unexpected failure", error);
        return "Unexpected error: " + error;
    }
}
