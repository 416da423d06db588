package org.wakuchat.core.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * When a group admin's device writes a key refresh on its own (docs/groups.md, "Membership"): a
 * new epoch with the same members, so that someone who copied a member's group state stops
 * reading the group at the next epoch (post-compromise security). It is written once the current
 * epoch is {@code maxEpochAge} old or {@code maxMessagesPerEpoch} group messages (with content,
 * from anyone) were accepted in it, whichever comes first. Each refresh costs the admin one 1:1
 * message per other member.
 *
 * @param maxEpochAge         age of the current epoch (since the change that started it) that
 *                            triggers a refresh
 * @param maxMessagesPerEpoch group messages accepted in the current epoch that trigger a refresh
 */
public record GroupKeyRefresh(Duration maxEpochAge, int maxMessagesPerEpoch) {

    /** 7 days or 500 messages, as the design says. */
    public static final GroupKeyRefresh DEFAULT = new GroupKeyRefresh(Duration.ofDays(7), 500);

    public GroupKeyRefresh {
        Objects.requireNonNull(maxEpochAge, "maxEpochAge");
        if (maxEpochAge.isNegative() || maxEpochAge.isZero() || maxMessagesPerEpoch < 1) {
            throw new IllegalArgumentException("a key refresh needs a positive epoch age and at least one message");
        }
    }
}
