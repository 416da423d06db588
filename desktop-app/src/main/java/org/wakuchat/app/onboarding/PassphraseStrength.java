package org.wakuchat.app.onboarding;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;

/** Rates a passphrase with zxcvbn (guessability, not character-class rules). */
final class PassphraseStrength {

    /** Passphrases scoring below this are refused: they fall to an offline guessing attack. */
    static final int MINIMUM_SCORE = 2;
    static final int MINIMUM_LENGTH = 8;

    record Rating(int score, String label, String advice) {
        boolean acceptable() {
            return score >= MINIMUM_SCORE;
        }
    }

    private Zxcvbn zxcvbn;

    /** Slow the first time (loads dictionaries): call off the FX thread. */
    Rating rate(String passphrase) {
        if (passphrase.isEmpty()) {
            return new Rating(-1, "", "");
        }
        if (passphrase.length() < MINIMUM_LENGTH) {
            return new Rating(0, "Too short", "Use at least " + MINIMUM_LENGTH + " characters — a few unusual words work well.");
        }
        if (zxcvbn == null) {
            zxcvbn = new Zxcvbn();
        }
        Strength strength = zxcvbn.measure(passphrase);
        String warning = strength.getFeedback().getWarning();
        String advice = warning != null && !warning.isBlank() ? warning
                : String.join(" ", strength.getFeedback().getSuggestions());
        String label = switch (strength.getScore()) {
            case 0 -> "Very weak";
            case 1 -> "Weak";
            case 2 -> "Fair";
            case 3 -> "Strong";
            default -> "Very strong";
        };
        return new Rating(strength.getScore(), label, advice);
    }
}
