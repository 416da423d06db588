package org.wakuchat.core.ratchet;

/**
 * Bounds on out-of-order delivery; the reasoning behind the defaults is in docs/crypto.md.
 *
 * @param maxSkip most messages one received message may skip within a single chain
 * @param maxSkippedKeys most message keys of skipped messages kept in total (oldest evicted)
 * @param maxSkippedKeyAge a skipped key is dropped once this many receiving DH ratchet steps
 *     happened after its chain
 * @param maxReadMessages most recently read messages whose slot and salt are remembered to
 *     recognise a rolled-back sender (oldest forgotten first)
 */
record RatchetLimits(int maxSkip, int maxSkippedKeys, int maxSkippedKeyAge, int maxReadMessages) {

    static final int DEFAULT_MAX_READ_MESSAGES = 64;
    static final RatchetLimits DEFAULT = new RatchetLimits(1000, 2000, 100);

    RatchetLimits {
        if (maxSkip < 1 || maxSkippedKeys < 1 || maxSkippedKeyAge < 1 || maxReadMessages < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    RatchetLimits(int maxSkip, int maxSkippedKeys, int maxSkippedKeyAge) {
        this(maxSkip, maxSkippedKeys, maxSkippedKeyAge, DEFAULT_MAX_READ_MESSAGES);
    }
}
