package org.wakuchat.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Typed message content. Type {@link #TEXT} is UTF-8 text; types from {@link #FIRST_CUSTOM_TYPE}
 * on belong to applications and pass through the engine untouched.
 */
public record Payload(int type, byte[] body) {

    public static final int TEXT = 1;
    public static final int FIRST_CUSTOM_TYPE = 1000;

    public Payload {
        if (type <= 0) {
            throw new IllegalArgumentException("payload type must be positive");
        }
        body = body.clone();
    }

    public static Payload text(String text) {
        return new Payload(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public boolean isText() {
        return type == TEXT;
    }

    /** The text of a text payload; for other types a short description. */
    public String text() {
        return isText() ? new String(body, StandardCharsets.UTF_8) : "[type " + type + ", " + body.length + " bytes]";
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Payload that && type == that.type && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(body);
    }
}
