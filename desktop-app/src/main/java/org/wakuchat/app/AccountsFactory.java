package org.wakuchat.app;

import java.nio.file.Path;
import org.wakuchat.core.Accounts;

/** Opens the account store of a data folder; the seam where the real engine (or a fake) plugs in. */
@FunctionalInterface
public interface AccountsFactory {

    Accounts open(Path dataFolder);
}
