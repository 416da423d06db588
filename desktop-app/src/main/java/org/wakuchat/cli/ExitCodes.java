package org.wakuchat.cli;

/** The exit codes scripts can rely on; docs/cli.md lists them. */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int USAGE = 2;
    public static final int WRONG_PASSPHRASE = 3;
    public static final int BAD_INVITE = 4;
    public static final int ENGINE_UNAVAILABLE = 5;
    public static final int TIMEOUT = 6;

    private ExitCodes() {
    }

    /** A stable name for {@code --json} error lines. */
    static String name(int code) {
        return switch (code) {
            case OK -> "ok";
            case USAGE -> "usage";
            case WRONG_PASSPHRASE -> "wrong_passphrase";
            case BAD_INVITE -> "bad_invite";
            case ENGINE_UNAVAILABLE -> "engine_unavailable";
            case TIMEOUT -> "timeout";
            default -> "error";
        };
    }
}
