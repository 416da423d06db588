package org.wakuchat.app.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The notices the app shows and the installers ship: the hand-kept part for what is not a jar
 * (libwaku, the Java runtime, JavaFX) followed by the build's list of every bundled jar and its
 * licence ({@code license-maven-plugin}).
 */
public final class ThirdPartyNotices {

    static final String HAND_KEPT = "/org/wakuchat/app/about/NOTICES.txt";
    static final String GENERATED = "/org/wakuchat/app/about/THIRD-PARTY.txt";

    private ThirdPartyNotices() {
    }

    public static String text() {
        return read(HAND_KEPT) + read(GENERATED);
    }

    private static String read(String name) {
        try (InputStream in = ThirdPartyNotices.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " (is the build's notices step skipped?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the notices to a file (the installers' THIRD-PARTY-NOTICES.txt). */
    public static void main(String[] args) throws IOException {
        java.nio.file.Files.writeString(java.nio.file.Path.of(args[0]), text(), StandardCharsets.UTF_8);
    }
}
