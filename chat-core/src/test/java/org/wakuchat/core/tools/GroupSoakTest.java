package org.wakuchat.core.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wakuchat.core.group.GroupException;

/** The short, deterministic group soak of the default suite; {@link GroupSoak} runs the long one. */
class GroupSoakTest {

    /**
     * 7 people, 2 groups of 4–5, 30 % loss, chaos every ~45 s, an add and a removal mid-run by the
     * creator, 1–2 more admins per group and 6 changes by random admins, some two within a second.
     */
    static final GroupSoakSettings SHORT = GroupSoakSettings.parse("messages=150", "people=7", "groups=2",
            "min_members=4", "max_members=5", "seed=3", "chaos_gap_s=45", "admin_changes=6", "concurrent=0.5");

    @TempDir
    Path folder;

    /**
     * Seed 3, and seeds 4, 8 and 12, whose forks and cut-off writers found findings 8 (e)–(h)
     * (docs/reliability-measurements.md).
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {3, 4, 8, 12})
    void aShortGroupSoakLosesNothingSilentlyShowsNothingTwiceAndEndsWithOneViewPerGroup(int seed) {
        GroupSoakReport report = runOrAbort(SHORT.withSeed(seed), folder);
        report.lines().forEach(System.out::println);
        report.details().forEach(System.out::println);

        assertThat(report.details()).as("problems found").noneMatch(d -> d.startsWith("silent loss")
                || d.startsWith("false delivery") || d.startsWith("leak") || d.startsWith("view") || d.startsWith("phantom")
                || d.startsWith("wrong sender") || d.startsWith("duplicate") || d.startsWith("still recovering"));
        assertThat(report.silentLosses()).isZero();
        assertThat(report.duplicatesShown()).isZero();
        assertThat(report.falseDeliveries()).isZero();
        assertThat(report.leaks()).isZero();
        assertThat(report.phantoms()).isZero();
        assertThat(report.wrongSender()).isZero();
        assertThat(report.viewMismatches()).isZero();
        assertThat(report.falseLost()).as("LOST reports for messages the member was never meant to have").isZero();
        assertThat(report.settled()).isTrue();
        assertThat(report.unresolved()).isZero();
        assertThat(report.stillRecovering()).isZero();
        assertThat(report.sent()).isEqualTo(150);
        assertThat(report.copies()).isEqualTo(report.received() + report.reportedLost() + report.failedNotArrived()
                + report.silentLosses() + report.missedByRemoved());
        assertThat(report.copies()).as("every message had an audience of 2..9").isBetween(2 * report.sent(), 9 * report.sent());
        assertThat(report.additions()).as("members were added").isGreaterThanOrEqualTo(1);
        assertThat(report.removals()).as("members were removed").isGreaterThanOrEqualTo(1);
        assertThat(report.refusedChanges()).isZero();
        assertThat(report.historyEntries()).as("created, the add and the removal at least").isGreaterThanOrEqualTo(3 + 1);
        assertThat(report.admin().promotions()).as("each creator promoted someone").isGreaterThanOrEqualTo(2);
        assertThat(report.admin().byPromoted()).as("promoted admins changed the groups").isPositive();
        assertThat(report.admin().missing()).as("admins' changes missing from the final history").isZero();
        assertThat(report.admin().unintended()).as("changes nobody asked for, or twice").isZero();
        assertThat(report.admin().addedNotJoined()).isZero();
        assertThat(report.admin().inHistory() + report.admin().superseded()).isEqualTo(report.admin().adminChanges()
                + report.admin().promotions());
        assertThat(report.restarts() + report.partitions() + report.offlinePeriods()).as("chaos happened").isPositive();
        assertThat(report.published()).as("every message at least once on the wire").isGreaterThanOrEqualTo(report.sent());
    }

    @Test
    void theSameSeedGivesTheSameRun(@TempDir Path other) {
        GroupSoakSettings settings = GroupSoakSettings.parse("messages=40", "people=4", "groups=1", "min_members=4",
                "max_members=4", "seed=5", "chaos_gap_s=20");

        List<String> first = withoutWallTime(runOrAbort(settings, folder));
        List<String> second = withoutWallTime(runOrAbort(settings, other));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void settingsRejectUnknownKeysAndImpossibleGroups() {
        assertThatThrownBy(() -> GroupSoakSettings.parse("member=3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("member=3").hasMessageContaining("max_members");
        assertThatThrownBy(() -> GroupSoakSettings.parse("people=5", "max_members=6"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("people");
        assertThat(GroupSoakSettings.parse("--messages=12", "loss=0.1").messages()).isEqualTo(12);
    }

    /**
     * Runs the soak; while the engine on this branch still has main's placeholder that refuses every
     * group change, the soak cannot run at all and the test says so instead of failing.
     */
    static GroupSoakReport runOrAbort(GroupSoakSettings settings, Path dir) {
        try {
            return GroupSoakRun.run(settings, dir);
        } catch (GroupException e) {
            if ("private groups are not built yet".equals(e.getMessage())) {
                Assumptions.abort("the group engine is not on this branch yet: " + e.getMessage());
            }
            throw e;
        }
    }

    private static List<String> withoutWallTime(GroupSoakReport report) {
        return report.lines().stream().filter(line -> !line.startsWith(GroupSoakReport.PREFIX + "wall_s=")).toList();
    }
}
