package org.wakuchat.libwaku;

/** libwaku could not be loaded; the message lists every place searched and how to get it. */
public class LibWakuNotFound extends Exception {

    public LibWakuNotFound(String explanation) {
        super(explanation);
    }
}
