package org.wakuchat.core.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Group reliability soak: groups of 3–10 among simulated people in virtual time under loss,
 * duplication, reordering, partitions, offline periods and restarts, with a member added and one
 * removed mid-run by the creator, and more added and removed by several admins (some two within a
 * second); prints {@code group_soak_key=value} figures.
 * Run: {@code ./mvnw -q -B -ntp -pl chat-core -am -DskipTests -Psoak -Dsoak.skip1to1=true verify}, options with
 * {@code -Dgroupsoak.args="messages=5000 seed=3 groups=6"} (keys in {@link GroupSoakSettings}).
 * Exits with status 1 on a silent loss, a duplicate, a false delivery, a leak to a removed member,
 * a phantom, a wrong sender, differing views of a group, or an admin's change missing from the final history.
 */
public final class GroupSoak {

    private GroupSoak() {
    }

    public static void main(String[] args) throws IOException {
        GroupSoakSettings settings;
        try {
            settings = GroupSoakSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("group soak: " + e.getMessage());
            System.exit(2);
            return;
        }
        GroupSoakReport report = run(settings);
        report.lines().forEach(System.out::println);
        report.details().forEach(System.err::println);
        if (report.failedChecks()) {
            System.exit(1);
        }
    }

    /** Runs in the given folder, or in a fresh temporary one (in memory where the OS offers it) removed afterwards. */
    static GroupSoakReport run(GroupSoakSettings settings) throws IOException {
        if (settings.dir().isPresent()) {
            Path dir = Path.of(settings.dir().get());
            Files.createDirectories(dir);
            return GroupSoakRun.run(settings, dir);
        }
        Path shm = Path.of("/dev/shm");
        Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "wakuchat-groupsoak") : Files.createTempDirectory("wakuchat-groupsoak");
        try {
            return GroupSoakRun.run(settings, dir);
        } finally {
            Soak.deleteRecursively(dir);
        }
    }
}
