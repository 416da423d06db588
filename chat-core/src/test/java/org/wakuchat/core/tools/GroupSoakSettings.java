package org.wakuchat.core.tools;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the group soak runs. Every setting can be given on the command line as {@code key=value}.
 *
 * @param messages     group messages to send in all (spread over the groups)
 * @param people       accounts on the network; each group is drawn from them
 * @param groups       how many groups
 * @param minMembers   smallest group, admin included
 * @param maxMembers   largest group, admin included
 * @param seed         seeds the network, the draws and every engine's randomness: same seed, same run
 * @param loss         chance that one copy of a message on one link is lost
 * @param duplication  chance that a copy is delivered twice
 * @param minLatency   fastest link latency
 * @param maxLatency   slowest link latency
 * @param meanGap      mean time between two sends (exponentially distributed)
 * @param chaos        whether partitions, offline periods and restarts happen while sending
 * @param meanChaosGap mean time between two chaos episodes
 * @param changes      whether membership changes happen mid-run: an add at a third of the messages,
 *                     a removal at half, in the first group big enough for each
 * @param admins       members each group's creator promotes to admin right after the set-up: 1 to this many
 *                     per group (0: the creator stays the only admin)
 * @param adminChanges membership changes made during the run by random admins of random groups (on top of
 *                     {@code changes}): an add of one of that admin's own contacts or a removal of a member
 * @param concurrent   chance that a change of {@code adminChanges} comes with a second one by another admin of
 *                     the same group within the same second (the two fork the group's chain)
 * @param maxSettle    how long the system may settle after the last send, at most
 * @param dir          where the accounts' data folders go (a fresh temporary folder when empty)
 */
record GroupSoakSettings(int messages, int people, int groups, int minMembers, int maxMembers, long seed, double loss,
                         double duplication, Duration minLatency, Duration maxLatency, Duration meanGap, boolean chaos,
                         Duration meanChaosGap, boolean changes, int admins, int adminChanges, double concurrent,
                         Duration maxSettle, Optional<String> dir) {

    /** The longer run of {@code -Psoak}: 12 people, 4 groups of 3–10, 3,000 messages, 30 % loss, 2 more admins, 16 admin changes. */
    static final GroupSoakSettings DEFAULTS = new GroupSoakSettings(3_000, 12, 4, 3, 10, 1, 0.30, 0.05,
            Duration.ofMillis(20), Duration.ofMillis(1500), Duration.ofSeconds(2), true, Duration.ofMinutes(2), true,
            2, 16, 0.4, Duration.ofHours(3), Optional.empty());

    private static final Set<String> KEYS = Set.of("messages", "people", "groups", "min_members", "max_members", "seed",
            "loss", "duplication", "min_latency_ms", "max_latency_ms", "gap_ms", "chaos", "chaos_gap_s", "changes",
            "admins", "admin_changes", "concurrent", "max_settle_min", "dir");

    /** The same run under another seed. */
    GroupSoakSettings withSeed(long other) {
        return new GroupSoakSettings(messages, people, groups, minMembers, maxMembers, other, loss, duplication, minLatency,
                maxLatency, meanGap, chaos, meanChaosGap, changes, admins, adminChanges, concurrent, maxSettle, dir);
    }

    GroupSoakSettings {
        if (messages < 1 || groups < 1) {
            throw new IllegalArgumentException("at least 1 message and 1 group");
        }
        if (minMembers < 2 || maxMembers < minMembers || maxMembers > org.wakuchat.core.group.Group.MAX_MEMBERS) {
            throw new IllegalArgumentException("members per group must be within 2.." + org.wakuchat.core.group.Group.MAX_MEMBERS
                    + " and min_members <= max_members");
        }
        if (people < maxMembers || people > GroupSoakRun.NAMES.size()) {
            throw new IllegalArgumentException("people must be within max_members.." + GroupSoakRun.NAMES.size());
        }
        if (loss < 0 || loss >= 1 || duplication < 0 || duplication > 1) {
            throw new IllegalArgumentException("loss must be within 0..1 (exclusive) and duplication within 0..1");
        }
        if (admins < 0 || adminChanges < 0 || concurrent < 0 || concurrent > 1) {
            throw new IllegalArgumentException("admins and admin_changes must be >= 0 and concurrent within 0..1");
        }
    }

    /** Parses {@code key=value} arguments over the defaults; an unknown key is an error that lists the known ones. */
    static GroupSoakSettings parse(String... args) {
        return parse(DEFAULTS, args);
    }

    static GroupSoakSettings parse(GroupSoakSettings d, String... args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg : arg.substring(0, eq).replaceFirst("^--", "");
            if (eq < 0 || !KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; use key=value with a key of " + KEYS);
            }
            given.put(key, arg.substring(eq + 1));
        }
        return new GroupSoakSettings(
                Integer.parseInt(given.getOrDefault("messages", String.valueOf(d.messages))),
                Integer.parseInt(given.getOrDefault("people", String.valueOf(d.people))),
                Integer.parseInt(given.getOrDefault("groups", String.valueOf(d.groups))),
                Integer.parseInt(given.getOrDefault("min_members", String.valueOf(d.minMembers))),
                Integer.parseInt(given.getOrDefault("max_members", String.valueOf(d.maxMembers))),
                Long.parseLong(given.getOrDefault("seed", String.valueOf(d.seed))),
                Double.parseDouble(given.getOrDefault("loss", String.valueOf(d.loss))),
                Double.parseDouble(given.getOrDefault("duplication", String.valueOf(d.duplication))),
                millis(given, "min_latency_ms", d.minLatency),
                millis(given, "max_latency_ms", d.maxLatency),
                millis(given, "gap_ms", d.meanGap),
                Boolean.parseBoolean(given.getOrDefault("chaos", String.valueOf(d.chaos))),
                given.containsKey("chaos_gap_s") ? Duration.ofSeconds(Long.parseLong(given.get("chaos_gap_s"))) : d.meanChaosGap,
                Boolean.parseBoolean(given.getOrDefault("changes", String.valueOf(d.changes))),
                Integer.parseInt(given.getOrDefault("admins", String.valueOf(d.admins))),
                Integer.parseInt(given.getOrDefault("admin_changes", String.valueOf(d.adminChanges))),
                Double.parseDouble(given.getOrDefault("concurrent", String.valueOf(d.concurrent))),
                given.containsKey("max_settle_min") ? Duration.ofMinutes(Long.parseLong(given.get("max_settle_min"))) : d.maxSettle,
                Optional.ofNullable(given.get("dir")).filter(s -> !s.isBlank()));
    }

    private static Duration millis(Map<String, String> given, String key, Duration fallback) {
        return given.containsKey(key) ? Duration.ofMillis(Long.parseLong(given.get(key))) : fallback;
    }
}
