package org.wakuchat.core.tools;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the soak runs. Every setting can be given on the command line as {@code key=value}.
 *
 * @param messages    chat messages to send in all (spread over all conversations)
 * @param people      accounts, each in a 1:1 conversation with every other one
 * @param seed        seeds the network and every engine's randomness: same seed, same run
 * @param loss        chance that one copy of a message on one link is lost
 * @param duplication chance that a copy is delivered twice
 * @param minLatency  fastest link latency
 * @param maxLatency  slowest link latency (a wide spread reorders messages)
 * @param meanGap     mean time between two sends (exponentially distributed)
 * @param chaos       whether partitions, offline periods and restarts happen while sending
 * @param meanChaosGap mean time between two chaos episodes
 * @param maxSettle   how long the system may settle after the last send, at most
 * @param dir         where the accounts' data folders go (a fresh temporary folder when empty)
 */
record SoakSettings(int messages, int people, long seed, double loss, double duplication, Duration minLatency,
                    Duration maxLatency, Duration meanGap, boolean chaos, Duration meanChaosGap, Duration maxSettle,
                    Optional<String> dir) {

    static final SoakSettings DEFAULTS = new SoakSettings(10_000, 3, 1, 0.30, 0.05, Duration.ofMillis(20),
            Duration.ofMillis(1500), Duration.ofSeconds(2), true, Duration.ofMinutes(2), Duration.ofHours(3),
            Optional.empty());

    private static final Set<String> KEYS = Set.of("messages", "people", "seed", "loss", "duplication",
            "min_latency_ms", "max_latency_ms", "gap_ms", "chaos", "chaos_gap_s", "max_settle_min", "dir");

    SoakSettings {
        if (messages < 1 || people < 2 || people > 26) {
            throw new IllegalArgumentException("at least 1 message and 2..26 people");
        }
        if (loss < 0 || loss >= 1 || duplication < 0 || duplication > 1) {
            throw new IllegalArgumentException("loss must be within 0..1 (exclusive) and duplication within 0..1");
        }
    }

    /** Parses {@code key=value} arguments over the defaults; an unknown key is an error that lists the known ones. */
    static SoakSettings parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg : arg.substring(0, eq).replaceFirst("^--", "");
            if (eq < 0 || !KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; use key=value with a key of " + KEYS);
            }
            given.put(key, arg.substring(eq + 1));
        }
        SoakSettings d = DEFAULTS;
        return new SoakSettings(
                Integer.parseInt(given.getOrDefault("messages", String.valueOf(d.messages))),
                Integer.parseInt(given.getOrDefault("people", String.valueOf(d.people))),
                Long.parseLong(given.getOrDefault("seed", String.valueOf(d.seed))),
                Double.parseDouble(given.getOrDefault("loss", String.valueOf(d.loss))),
                Double.parseDouble(given.getOrDefault("duplication", String.valueOf(d.duplication))),
                millis(given, "min_latency_ms", d.minLatency),
                millis(given, "max_latency_ms", d.maxLatency),
                millis(given, "gap_ms", d.meanGap),
                Boolean.parseBoolean(given.getOrDefault("chaos", String.valueOf(d.chaos))),
                given.containsKey("chaos_gap_s") ? Duration.ofSeconds(Long.parseLong(given.get("chaos_gap_s"))) : d.meanChaosGap,
                given.containsKey("max_settle_min") ? Duration.ofMinutes(Long.parseLong(given.get("max_settle_min"))) : d.maxSettle,
                Optional.ofNullable(given.get("dir")).filter(s -> !s.isBlank()));
    }

    SoakSettings withMessages(int count) {
        return new SoakSettings(count, people, seed, loss, duplication, minLatency, maxLatency, meanGap, chaos,
                meanChaosGap, maxSettle, dir);
    }

    SoakSettings withSeed(long newSeed) {
        return new SoakSettings(messages, people, newSeed, loss, duplication, minLatency, maxLatency, meanGap, chaos,
                meanChaosGap, maxSettle, dir);
    }

    private static Duration millis(Map<String, String> given, String key, Duration fallback) {
        return given.containsKey(key) ? Duration.ofMillis(Long.parseLong(given.get(key))) : fallback;
    }
}
