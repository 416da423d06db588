package org.wakuchat.app.onboarding;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.Parent;
import org.wakuchat.app.common.Controller;
import org.wakuchat.app.common.UiExecutor;
import org.wakuchat.app.onboarding.OnboardingModel.Mode;
import org.wakuchat.core.Accounts;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.store.WrongPassphraseException;

/** First run and unlock. Key derivation and opening the database run off the FX thread. */
public final class OnboardingController implements Controller {

    private final OnboardingModel model = new OnboardingModel();
    private final OnboardingView view;
    private final Optional<Accounts> accounts;
    private final UiExecutor executor;
    private final Consumer<ChatEngine> onUnlocked;
    private final PassphraseStrength strength = new PassphraseStrength();

    public OnboardingController(Optional<Accounts> accounts, UiExecutor executor, Consumer<ChatEngine> onUnlocked) {
        this.accounts = accounts;
        this.executor = executor;
        this.onUnlocked = onUnlocked;
        this.view = new OnboardingView(model, this::submit);
        model.passphrase.addListener((obs, old, typed) -> onPassphraseTyped(typed));
    }

    @Override
    public Parent view() {
        return view.root();
    }

    @Override
    public void onActivate() {
        if (accounts.isEmpty()) {
            model.mode.set(Mode.NO_ENGINE);
            return;
        }
        executor.run(accounts.get()::exists, exists -> {
            model.mode.set(exists ? Mode.UNLOCK : Mode.CREATE);
            view.focusFirstField();
        }, failure -> fail("Cannot read the data folder", failure.getMessage()));
    }

    private void onPassphraseTyped(String typed) {
        model.error.set("");
        if (model.mode.get() != Mode.CREATE) {
            return;
        }
        executor.run(() -> strength.rate(typed), rating -> {
            if (!typed.equals(model.passphrase.get())) {
                return; // a newer keystroke is on its way
            }
            model.score.set(rating.score());
            model.strength.set(rating.score() < 0 ? -1 : (rating.score() + 1) / 5.0);
            model.strengthLabel.set(rating.label());
            model.strengthAdvice.set(rating.advice());
        }, failure -> { });
    }

    private void submit() {
        if (model.busy.get() || accounts.isEmpty()) {
            return;
        }
        if (model.mode.get() == Mode.CREATE) {
            create();
        } else if (model.mode.get() == Mode.UNLOCK) {
            unlock();
        }
    }

    private void create() {
        String name = model.displayName.get().strip();
        String passphrase = model.passphrase.get();
        if (name.isEmpty()) {
            fail("Display name missing", "Choose a display name — your contacts see it when you invite them.");
            return;
        }
        if (!passphrase.equals(model.confirmation.get())) {
            fail("Passphrases differ", "The two passphrases differ. Type them again.");
            return;
        }
        // rated again here: the rating shown may still be the one of fewer keystrokes
        model.busy.set(true);
        executor.run(() -> strength.rate(passphrase), rating -> {
            if (!rating.acceptable()) {
                model.busy.set(false);
                fail("Passphrase too weak", "Choose a stronger one: it is the only protection of your chats on this computer.");
            } else {
                createAccount(name, passphrase);
            }
        }, failure -> {
            model.busy.set(false);
            fail("Could not rate the passphrase", failure.getMessage());
        });
    }

    private void createAccount(String name, String passphrase) {
        char[] secret = passphrase.toCharArray();
        executor.run(() -> accounts.get().create(name, secret), engine -> {
            Arrays.fill(secret, '\0');
            finish(engine);
        }, failure -> {
            Arrays.fill(secret, '\0');
            model.busy.set(false);
            fail("Could not create the account", failure.getMessage());
        });
    }

    private void unlock() {
        char[] secret = model.passphrase.get().toCharArray();
        if (secret.length == 0) {
            fail("Passphrase missing", "Enter your passphrase.");
            return;
        }
        model.busy.set(true);
        executor.run(() -> accounts.get().unlock(secret), engine -> {
            Arrays.fill(secret, '\0');
            finish(engine);
        }, failure -> {
            Arrays.fill(secret, '\0');
            model.busy.set(false);
            model.passphrase.set("");
            if (failure instanceof WrongPassphraseException) {
                fail("Wrong passphrase", "Check Caps Lock and try again.");
            } else {
                fail("Could not open your account", failure.getMessage());
            }
        });
    }

    private void fail(String title, String detail) {
        model.errorTitle.set(title);
        model.error.set(detail == null ? "" : detail);
        if (model.error.get().isEmpty()) {
            model.error.set(title + ".");
        }
    }

    private void finish(ChatEngine engine) {
        model.busy.set(false);
        model.passphrase.set("");
        model.confirmation.set("");
        onUnlocked.accept(engine);
    }
}
