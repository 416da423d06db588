package org.wakuchat.core.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The group soak's figures, counted per copy (one message, one member of its audience):
 * {@code copies = received + reportedLost + failedNotArrived + silentLosses + missedByRemoved}. Every key is printed with the prefix
 * {@code group_soak_}.
 *
 * @param copies              copies expected: per message, the other members in the sender's view when it sent
 *                            (less those the admin had already removed: {@code afterRemovalNotExpected})
 * @param received            copies in the member's database
 * @param missedByRemoved     copies for a member removed after the send that it had not received by then: its
 *                            device drops the group's keys on removal, so it never reads them (not told either)
 * @param falseLost           messages a member was told LOST beyond those it really misses from that sender
 * @param reportedLost        copies not received whose member was told LOST ({@code GroupMissingMessages})
 * @param failedNotArrived    copies not received, not reported LOST to the member, of a message its sender shows
 *                            FAILED (as in the 1:1 soak, the sender is told; the member never saw a trace of it)
 * @param silentLosses        copies not received, not FAILED at the sender and not reported to the member
 * @param duplicatesShown     a message shown twice on one device: MessageAdded again for one id, or a second row
 * @param falseDeliveries     a member announced or listed as having confirmed a message it does not have
 * @param leaks               a message read by a member removed before it was sent (must never happen)
 * @param preJoinReceipts     a message read by a member added after it was sent
 * @param otherUnexpected     a message read by a member outside the sender's view for another reason
 * @param phantoms            a group message in a database that nobody sent
 * @param wrongSender         a received message shown with a sender other than the one who sent it
 * @param viewMismatches      member list, epoch or history that differ from the admin's at the end
 * @param settled             every message DELIVERED or FAILED, nobody recovering, views agreeing, within max_settle
 */
record GroupSoakReport(GroupSoakSettings settings, int groups, int minMembers, int maxMembers, int additions,
                       int removals, int refusedChanges, int sent, long skippedSends, int copies, int received,
                       int reportedLost, int failedNotArrived, int silentLosses, int afterRemovalNotExpected, int missedByRemoved, int falseLost, int duplicatesShown,
                       int falseDeliveries, int leaks, int preJoinReceipts, int otherUnexpected, int phantoms,
                       int wrongSender, int delivered, int failed, int failedNotEverywhere, int unresolved,
                       int stillRecovering, int lostReports, int viewMismatches, int historyEntries, boolean settled,
                       long p50DeliveryMs, long p95DeliveryMs, long p99DeliveryMs, long onlineSent, long onlineDelivered,
                       int partitions, int offlinePeriods, int restarts, long published, long virtualSeconds,
                       long settleSeconds, double wallSeconds, AdminChecks admin, List<String> details) {

    static final String PREFIX = "group_soak_";

    /**
     * The several-admin part of the run.
     *
     * @param promotions        members made admin by their group's creator after the set-up
     * @param adminChanges      adds and removals the admins asked for (the creator's single add and removal included)
     * @param byPromoted        of those, the ones asked of a promoted admin
     * @param concurrentPairs   times two admins of one group changed it within the same second
     * @param nonCreatorContactsAdded adds of a promoted admin's contact who has no session with the creator
     * @param skipped           admin changes not made: no admin of the group up, or nothing left it could add or remove
     * @param inHistory         asked-for changes in the final history under their author
     * @param superseded        asked-for changes in the final history under another admin who asked for the same at the same time
     * @param missing           asked-for changes not in the final history (must be 0)
     * @param unintended        membership entries in the final history nobody asked for, or twice (must be 0)
     * @param addedNotJoined    members added and neither joined nor removed by the end (must be 0)
     * @param removedOnLostFork removed members whose device left on a removal that lost a fork (written again on top
     *                          of the winner, which they cannot read): their history stops before the group's removal
     */
    record AdminChecks(int promotions, int adminChanges, int byPromoted, int concurrentPairs, int nonCreatorContactsAdded,
                       int skipped, int inHistory, int superseded, int missing, int unintended, int addedNotJoined,
                       int removedOnLostFork, List<String> details) {
    }

    /**
     * What makes the soak fail: a silent loss, a duplicate, a false delivery, a leak, a phantom, a wrong sender, differing
     * views, or an admin's change missing from the final history, one nobody asked for, or a member added who never joined.
     */
    boolean failedChecks() {
        return silentLosses > 0 || duplicatesShown > 0 || falseDeliveries > 0 || leaks > 0 || phantoms > 0
                || wrongSender > 0 || viewMismatches > 0 || admin.missing > 0 || admin.unintended > 0
                || admin.addedNotJoined > 0;
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        add(lines, "seed", settings.seed());
        add(lines, "people", settings.people());
        add(lines, "groups", groups);
        add(lines, "members", minMembers + ".." + maxMembers);
        add(lines, "loss", settings.loss());
        add(lines, "duplication", settings.duplication());
        add(lines, "latency_ms", settings.minLatency().toMillis() + ".." + settings.maxLatency().toMillis());
        add(lines, "chaos", settings.chaos());
        add(lines, "partitions", partitions);
        add(lines, "offline_periods", offlinePeriods);
        add(lines, "restarts", restarts);
        add(lines, "members_added", additions);
        add(lines, "members_removed", removals);
        add(lines, "changes_refused", refusedChanges);
        add(lines, "admins_promoted", admin.promotions());
        add(lines, "admin_changes", admin.adminChanges());
        add(lines, "changes_by_promoted_admins", admin.byPromoted());
        add(lines, "concurrent_change_pairs", admin.concurrentPairs());
        add(lines, "adds_of_non_creator_contacts", admin.nonCreatorContactsAdded());
        add(lines, "admin_changes_skipped", admin.skipped());
        add(lines, "changes_in_history", admin.inHistory());
        add(lines, "changes_superseded", admin.superseded());
        add(lines, "changes_missing", admin.missing());
        add(lines, "changes_unintended", admin.unintended());
        add(lines, "added_not_joined", admin.addedNotJoined());
        add(lines, "removed_on_lost_fork", admin.removedOnLostFork());
        add(lines, "sent", sent);
        add(lines, "sends_skipped", skippedSends);
        add(lines, "copies", copies);
        add(lines, "received", received);
        add(lines, "reported_lost", reportedLost);
        add(lines, "failed_not_arrived", failedNotArrived);
        add(lines, "silent_losses", silentLosses);
        add(lines, "after_removal_not_expected", afterRemovalNotExpected);
        add(lines, "missed_by_removed_member", missedByRemoved);
        add(lines, "false_lost_reports", falseLost);
        add(lines, "duplicates_shown", duplicatesShown);
        add(lines, "false_deliveries", falseDeliveries);
        add(lines, "leaks_to_removed", leaks);
        add(lines, "pre_join_receipts", preJoinReceipts);
        add(lines, "other_unexpected_receipts", otherUnexpected);
        add(lines, "phantoms", phantoms);
        add(lines, "wrong_sender", wrongSender);
        add(lines, "delivered", delivered);
        add(lines, "failed", failed);
        add(lines, "failed_not_everywhere", failedNotEverywhere);
        add(lines, "unresolved", unresolved);
        add(lines, "still_recovering", stillRecovering);
        add(lines, "lost_reported_total", lostReports);
        add(lines, "view_mismatches", viewMismatches);
        add(lines, "history_entries", historyEntries);
        add(lines, "settled", settled);
        add(lines, "online_sent", onlineSent);
        add(lines, "online_delivered", onlineDelivered);
        add(lines, "p50_delivery_ms", p50DeliveryMs);
        add(lines, "p95_delivery_ms", p95DeliveryMs);
        add(lines, "p99_delivery_ms", p99DeliveryMs);
        add(lines, "waku_messages_published", published);
        add(lines, "virtual_duration_s", virtualSeconds);
        add(lines, "settle_s", settleSeconds);
        add(lines, "wall_s", String.format(Locale.ROOT, "%.1f", wallSeconds));
        return lines;
    }

    private static void add(List<String> lines, String key, Object value) {
        lines.add(PREFIX + key + "=" + value);
    }
}
