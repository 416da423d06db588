package org.wakuchat.libwaku;

/** A libwaku call answered with an error (or could not be queued); the message is nwaku's. */
public class LibWakuCallException extends RuntimeException {

    private final String function;
    private final int code;

    public LibWakuCallException(String function, int code, String nwakuMessage) {
        super(function + " failed (code " + code + "): " + nwakuMessage);
        this.function = function;
        this.code = code;
    }

    public String function() {
        return function;
    }

    /** {@link LibWaku#RET_ERR}, {@link LibWaku#RET_MISSING_CALLBACK} or another code nwaku reported. */
    public int code() {
        return code;
    }
}
