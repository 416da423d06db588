package org.wakuchat.app;

import java.time.Clock;
import java.util.function.Consumer;
import org.wakuchat.app.demo.DemoAccounts;
import org.wakuchat.app.demo.DemoChatEngine;
import org.wakuchat.core.account.Account;

/** Accounts in memory that hand out {@link FakeChatEngine}s, prepared by the test's {@code seed}. */
final class FakeAccounts extends DemoAccounts {

    private volatile FakeChatEngine engine;

    private FakeAccounts(Clock clock, Consumer<DemoChatEngine> seed) {
        super(clock, false, seed);
    }

    /** No account yet: the app shows "create account". */
    static FakeAccounts fresh(Clock clock) {
        return new FakeAccounts(clock, engine -> { });
    }

    /** An account "Me" with this passphrase; the engine is filled by {@code seed} on unlock. */
    static FakeAccounts existing(Clock clock, String passphrase, Consumer<FakeChatEngine> seed) {
        FakeAccounts accounts = new FakeAccounts(clock, engine -> seed.accept((FakeChatEngine) engine));
        accounts.create("Me", passphrase.toCharArray());
        return accounts;
    }

    @Override
    protected DemoChatEngine engineFor(Account account, Clock clock, boolean deliverByItself) {
        engine = new FakeChatEngine(account, clock);
        return engine;
    }

    FakeChatEngine engine() {
        return engine;
    }
}
