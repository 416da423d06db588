package org.wakuchat.core.account;

/**
 * A human-comparable fingerprint of two identity keys: the same 60 digits on both devices,
 * shown in groups of five, and the same QR payload.
 */
public record SafetyNumber(String digits, byte[] qrPayload) {

    /** The digits in twelve groups of five, as people read them aloud. */
    public String grouped() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 5) {
            if (i > 0) {
                out.append(i % 20 == 0 ? "\n" : " ");
            }
            out.append(digits, i, Math.min(i + 5, digits.length()));
        }
        return out.toString();
    }

    @Override
    public byte[] qrPayload() {
        return qrPayload.clone();
    }
}
