package org.wakuchat.libwaku;

/** Where a node gets its libwaku from: the {@link LibWakuLoader} in the app, a fake in tests. */
@FunctionalInterface
public interface LibWakuSource {

    LibWaku load() throws LibWakuNotFound;
}
