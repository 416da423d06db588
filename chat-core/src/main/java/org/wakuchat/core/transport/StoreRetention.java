package org.wakuchat.core.transport;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How long a Store node keeps messages, as nwaku's {@code storeMessageRetentionPolicy}. nwaku
 * v0.36 takes exactly one policy: {@code time:<seconds>}, {@code size:<n>MB|GB} or
 * {@code capacity:<messages>}; a combination ({@code time:…;size:…} or with a comma) is refused
 * at {@code waku_new} ("invalid 'store message retention policy' format").
 *
 * @param kind  which limit nwaku enforces
 * @param value seconds, bytes or messages
 */
public record StoreRetention(Kind kind, long value) {

    private static final long MB = 1024L * 1024;

    public enum Kind { TIME, SIZE, CAPACITY }

    public StoreRetention {
        Objects.requireNonNull(kind, "kind");
        if (value < 1) {
            throw new IllegalArgumentException("a retention limit must be positive: " + value);
        }
        if (kind == Kind.SIZE && value < MB) {
            throw new IllegalArgumentException("nwaku counts a size limit in MB: at least 1 MB");
        }
    }

    /** Messages older than {@code maxAge} (by their timestamp) are deleted. */
    public static StoreRetention time(Duration maxAge) {
        return new StoreRetention(Kind.TIME, Math.max(1, maxAge.toSeconds()));
    }

    /** Oldest messages are deleted once the database passes {@code bytes} (rounded down to whole MB). */
    public static StoreRetention size(long bytes) {
        return new StoreRetention(Kind.SIZE, bytes);
    }

    /** nwaku's default for a Store node: two days. */
    public static StoreRetention nwakuDefault() {
        return time(Duration.ofDays(2));
    }

    /** The policy string nwaku's configuration takes. */
    public String nwakuPolicy() {
        return switch (kind) {
            case TIME -> "time:" + value;
            // nwaku takes MB or GB; whole MB keep the limit at or below what was asked.
            case SIZE -> "size:" + (value / MB) + "MB";
            case CAPACITY -> "capacity:" + value;
        };
    }

    @Override
    public String toString() {
        return nwakuPolicy().toLowerCase(Locale.ROOT);
    }
}
