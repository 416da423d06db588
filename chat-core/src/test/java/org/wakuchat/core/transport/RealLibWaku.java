package org.wakuchat.core.transport;

import org.junit.jupiter.api.Assumptions;
import org.slf4j.LoggerFactory;
import org.wakuchat.libwaku.LibWaku;
import org.wakuchat.libwaku.LibWakuLoader;
import org.wakuchat.libwaku.LibWakuNotFound;

/** For libwaku-tagged tests: the real library, or the test is skipped with the loader's reason. */
public final class RealLibWaku {

    private RealLibWaku() {
    }

    public static LibWaku loadOrSkip() {
        try {
            return LibWakuLoader.forThisMachine().load();
        } catch (LibWakuNotFound e) {
            LoggerFactory.getLogger(RealLibWaku.class).warn("libwaku-tagged tests skipped: {}", e.getMessage());
            Assumptions.abort("libwaku tests skipped: " + e.getMessage());
            throw new AssertionError("unreachable", e);
        }
    }
}
