package org.wakuchat.app.demo;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;
import org.wakuchat.core.Accounts;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.account.Account;
import org.wakuchat.core.account.AccountId;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.store.WrongPassphraseException;

/**
 * An in-memory account for {@code --demo}: starts without an account; creating one gives a
 * {@link DemoChatEngine}, optionally filled with sample chats by {@code seed}.
 */
public class DemoAccounts implements Accounts {

    private final Clock clock;
    private final boolean autoDeliver;
    private final Consumer<DemoChatEngine> seed;
    private String name;
    private char[] passphrase;

    public DemoAccounts(Clock clock, boolean autoDeliver, Consumer<DemoChatEngine> seed) {
        this.clock = clock;
        this.autoDeliver = autoDeliver;
        this.seed = seed;
    }

    /** Demo mode: some contacts and history so that there is something to look at. */
    public static DemoAccounts withSampleChats(Clock clock) {
        return new DemoAccounts(clock, true, engine -> sampleChats(engine, clock));
    }

    @Override
    public synchronized boolean exists() {
        return name != null;
    }

    @Override
    public synchronized ChatEngine create(String displayName, char[] passphrase) {
        this.name = displayName;
        this.passphrase = passphrase.clone();
        return newEngine();
    }

    @Override
    public synchronized ChatEngine unlock(char[] attempt) throws WrongPassphraseException {
        if (name == null || !Arrays.equals(passphrase, attempt)) {
            throw new WrongPassphraseException();
        }
        return newEngine();
    }

    /** The engine a test creates for itself; subclasses return a richer one. */
    protected DemoChatEngine engineFor(Account account, Clock engineClock, boolean deliverByItself) {
        return new DemoChatEngine(account, engineClock, deliverByItself);
    }

    private ChatEngine newEngine() {
        byte[] key = Crypto.sha256(name.getBytes(StandardCharsets.UTF_8));
        DemoChatEngine engine = engineFor(new Account(new AccountId("me"), name, key), clock, autoDeliver);
        seed.accept(engine);
        return engine;
    }

    private static void sampleChats(DemoChatEngine engine, Clock clock) {
        Instant now = clock.instant();
        var alice = engine.addContact("Alice", Crypto.sha256("alice".getBytes(StandardCharsets.UTF_8))).id();
        engine.addHistory(alice, 40, now.minus(Duration.ofDays(3)), Duration.ofMinutes(47));
        engine.receive(alice, "Did you see the new release notes? https://waku.org has the details.", now.minus(Duration.ofMinutes(9)));
        engine.receive(alice, "Lunch tomorrow?", now.minus(Duration.ofMinutes(2)));
        var bob = engine.addContact("Bob", Crypto.sha256("bob".getBytes(StandardCharsets.UTF_8))).id();
        engine.receive(bob, "Thanks for the invite!", now.minus(Duration.ofHours(26)));
        var carol = engine.addContact("Carol", Crypto.sha256("carol".getBytes(StandardCharsets.UTF_8))).id();
        engine.addHistory(carol, 100_000, now.minus(Duration.ofDays(60)), Duration.ofSeconds(50));
        engine.markRead(carol);
        var hike = engine.createGroup("Weekend hike", java.util.List.of(alice, bob, carol)).id();
        var members = engine.group(hike).members();
        engine.receiveInGroup(hike, members.get(1).id(), "Saturday at 9 at the station?");
        engine.receiveInGroup(hike, members.get(2).id(), "Works for me! I'll bring the map.");
    }
}
