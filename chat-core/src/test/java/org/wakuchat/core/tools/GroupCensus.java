package org.wakuchat.core.tools;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.group.Group;
import org.wakuchat.core.group.GroupDelivery;
import org.wakuchat.core.group.GroupException;
import org.wakuchat.core.group.GroupHistoryEntry;

/**
 * After a group soak: what every person's database holds, compared with the ledger, and what
 * every member's device shows of each group.
 *
 * <ul>
 * <li>A copy (one message, one member it was meant for) that is not in that member's database is
 * reported when that member's last {@code GroupMissingMessages} for that group and sender says
 * LOST with a count that covers it (events carry counts, not ids, so reports are matched per
 * recipient, group and sender), or when its sender shows the message FAILED (its "delivered to
 * k of n" names who did not confirm it), as in the 1:1 soak; otherwise it is a <b>silent loss</b>. A copy meant for a member who was removed, of a message
 * sent after the admin removed it, is not expected (the sender had not heard of the removal yet).
 * <li>A <b>false delivery</b>: a member some engine announced (or the sender's
 * {@code groupDelivery} lists) as having confirmed a message, whose database does not have it;
 * or DELIVERED at the sender while a member of its audience lacks it.
 * <li>A <b>leak</b>: a member removed before a message was sent, in whose sender's view it was no
 * longer, has it in its database (it must not be able to read it).
 * <li><b>Views</b>: every current member shows the admin's member list (id and role), epoch and
 * history; a removed member shows {@code member() == false} and a history that is a prefix of the
 * admin's ending with its removal.
 * </ul>
 */
final class GroupCensus {

    private static final int DETAILS_KEPT = 10;

    private final Map<String, World.Person> people;
    private final List<GroupSoakRun.Plan> plans;
    private final GroupLedger ledger;
    private final Map<String, DeliveryState> outgoingStates = new HashMap<>();
    private final Map<String, Set<String>> incoming = new HashMap<>();
    private final Map<String, String> senderOf = new HashMap<>();
    private final List<String> details = new ArrayList<>();
    private final Set<String> sentIds = new HashSet<>();
    private int duplicateRows;
    private int phantoms;
    private int wrongSender;

    GroupCensus(Map<String, World.Person> people, List<GroupSoakRun.Plan> plans, GroupLedger ledger) {
        this.people = people;
        this.plans = plans;
        this.ledger = ledger;
        ledger.sent().forEach(s -> sentIds.add(s.id()));
        for (World.Person person : people.values()) {
            readDatabase(person);
        }
    }

    private void readDatabase(World.Person person) {
        ChatEngine engine = person.engine();
        Set<String> mine = incoming.computeIfAbsent(person.name, n -> new HashSet<>());
        for (GroupSoakRun.Plan plan : plans) {
            if (GroupSoakRun.view(person, plan).isEmpty()) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (ChatMessage message : engine.messages(plan.id, 0, Integer.MAX_VALUE)) {
                String id = message.id().value();
                if (!seen.add(id)) {
                    duplicateRows++;
                    detail("duplicate row: " + id + " at " + person.name);
                }
                if (message.outgoing()) {
                    outgoingStates.put(id, message.state());
                    continue;
                }
                mine.add(id);
                String sender = message.sender().map(ledger::name).orElse("(none)");
                senderOf.put(person.name + "/" + id, sender);
                if (!sentIds.contains(id)) {
                    phantoms++;
                    detail("phantom: " + id + " at " + person.name + " from " + sender + " text=" + message.text());
                }
            }
        }
    }

    /** What the run did with several admins, for the report: pairs of changes within one second, adds of non-creator contacts. */
    record AdminFigures(int concurrentPairs, int nonCreatorContactsAdded, int skipped) {
    }

    GroupSoakReport report(GroupSoakSettings settings, Chaos chaos, long published, long skippedSends,
                           List<String> refusedChanges, AdminFigures adminFigures, boolean settled, long virtualSeconds,
                           long settleSeconds, double wallSeconds) {
        var c = new Object() {
            int copies;
            int received;
            int afterRemovalNotExpected;
            int missedByRemoved;
            int falseDeliveries;
            int delivered;
            int failed;
            int failedNotEverywhere;
            int unresolved;
            int leaks;
            int preJoin;
            int otherUnexpected;
        };
        Map<GroupLedger.Direction, List<GroupLedger.Sent>> notArrived = new HashMap<>();
        Map<String, GroupLedger.Sent> byId = new HashMap<>();
        for (GroupLedger.Sent sent : ledger.sent()) {
            byId.put(sent.id(), sent);
            DeliveryState state = outgoingStates.get(sent.id());
            c.delivered += state == DeliveryState.DELIVERED ? 1 : 0;
            c.failed += state == DeliveryState.FAILED ? 1 : 0;
            c.unresolved += state == DeliveryState.QUEUED || state == DeliveryState.SENT || state == null ? 1 : 0;
            boolean everywhere = true;
            for (String member : sent.audience()) {
                if (has(member, sent.id())) {
                    c.copies++;
                    c.received++;
                    String shownSender = senderOf.get(member + "/" + sent.id());
                    if (!sent.from().equals(shownSender)) {
                        wrongSender++;
                        detail("wrong sender: " + sent.id() + " from " + sent.from() + " shown at " + member + " as " + shownSender);
                    }
                } else if (removedBefore(sent.group(), member, sent.at())) {
                    c.afterRemovalNotExpected++;
                } else if (removedBefore(sent.group(), member, Instant.MAX)) {
                    // Sent while it was a member, not received before the removal: its device dropped the
                    // group's keys on removal (docs/groups.md), so it can never read it.
                    c.copies++;
                    c.missedByRemoved++;
                    detail("missed by removed member: " + sent.id() + " " + sent.from() + "->" + member + " sent at " + sent.at()
                            + "; " + whereIs(member, sent) + "; last report "
                            + ledger.lastReport(new GroupLedger.Direction(member, sent.group(), sent.from())));
                } else {
                    c.copies++;
                    everywhere = false;
                    notArrived.computeIfAbsent(new GroupLedger.Direction(member, sent.group(), sent.from()),
                            d -> new ArrayList<>()).add(sent);
                }
            }
            c.failedNotEverywhere += state == DeliveryState.FAILED && !everywhere ? 1 : 0;
            if (state == DeliveryState.FAILED) {
                detail("failed: " + sent.id() + " from " + sent.from() + " epoch " + sent.epoch() + " sent at " + sent.at()
                        + " audience " + sent.audience() + " confirmed " + ledger.confirmedEver(sent.id()));
            }
            Set<String> confirmed = new HashSet<>(ledger.confirmedEver(sent.id()));
            confirmed.addAll(finalConfirmations(sent));
            if (state == DeliveryState.DELIVERED) {
                // DELIVERED: every member of the epoch confirmed, except those removed since (not waited for).
                confirmed.addAll(sent.audience().stream().filter(m -> !removedBefore(sent.group(), m, Instant.MAX)).toList());
            }
            for (String member : confirmed) {
                if (!has(member, sent.id())) {
                    c.falseDeliveries++;
                    detail("false delivery: " + sent.id() + " from " + sent.from() + " confirmed for " + member
                            + " senderState=" + state + " epoch " + sent.epoch() + " sent at " + sent.at() + "; " + whereIs(member, sent));
                }
            }
        }
        for (var entry : incoming.entrySet()) {
            for (String id : entry.getValue()) {
                GroupLedger.Sent sent = byId.get(id);
                if (sent == null || sent.audience().contains(entry.getKey())) {
                    continue;
                }
                if (removedBefore(sent.group(), entry.getKey(), sent.at())) {
                    c.leaks++;
                    detail("leak: " + id + " from " + sent.from() + " read by removed " + entry.getKey());
                } else if (addedAfter(sent.group(), entry.getKey(), sent.at())) {
                    c.preJoin++;
                    detail("pre-join receipt: " + id + " from " + sent.from() + " epoch " + sent.epoch() + " sent at " + sent.at()
                            + " read by " + entry.getKey() + " " + whereIs(entry.getKey(), sent));
                } else {
                    c.otherUnexpected++;
                    detail("other unexpected receipt: " + id + " from " + sent.from() + " epoch " + sent.epoch() + " sent at "
                            + sent.at() + " audience " + sent.audience() + " read by " + entry.getKey());
                }
            }
        }
        int reported = 0;
        List<GroupLedger.Sent> silentList = new ArrayList<>();
        List<String> silentWho = new ArrayList<>();
        int failedNotArrived = 0;
        for (var entry : notArrived.entrySet()) {
            // As in the 1:1 soak, a copy is told when its sender shows the message FAILED (with who
            // did not confirm it) or its member was told LOST. Reports are counts, not ids: they are
            // taken to cover the FAILED ones first, so that no report is counted twice.
            List<GroupLedger.Sent> failedHere = entry.getValue().stream()
                    .filter(s -> outgoingStates.get(s.id()) == DeliveryState.FAILED).toList();
            List<GroupLedger.Sent> notFailed = entry.getValue().stream()
                    .filter(s -> outgoingStates.get(s.id()) != DeliveryState.FAILED).toList();
            int lostReports = ledger.reportedLost(entry.getKey());
            int toldByRecipient = Math.min(entry.getValue().size(), lostReports);
            int coveringOthers = Math.min(notFailed.size(), Math.max(0, lostReports - failedHere.size()));
            reported += toldByRecipient;
            failedNotArrived += Math.max(0, failedHere.size() + coveringOthers - toldByRecipient);
            for (GroupLedger.Sent s : notFailed.subList(coveringOthers, notFailed.size())) {
                silentList.add(s);
                silentWho.add(entry.getKey().recipient());
            }
        }
        // A LOST report larger than what that member really misses from that sender: a false alarm.
        int falseLost = 0;
        for (GroupLedger.Direction direction : ledger.lostReportDirections()) {
            int missed = notArrived.getOrDefault(direction, List.of()).size();
            int extra = ledger.reportedLost(direction) - missed;
            if (extra > 0) {
                falseLost += extra;
                detail("false LOST: " + direction.recipient() + " told " + ledger.reportedLost(direction) + " of "
                        + direction.sender() + "'s messages LOST, misses " + missed);
            }
        }
        List<String> silentDetails = new ArrayList<>();
        for (int i = 0; i < Math.min(DETAILS_KEPT, silentList.size()); i++) {
            GroupLedger.Sent s = silentList.get(i);
            silentDetails.add("silent loss: " + s.id() + " " + s.from() + "->" + silentWho.get(i) + " in " + s.group()
                    + " epoch " + s.epoch() + " sent at " + s.at() + " allOnline=" + s.allOnline()
                    + " senderState=" + outgoingStates.get(s.id()) + "; " + whereIs(silentWho.get(i), s)
                    + "; last report " + ledger.lastReport(new GroupLedger.Direction(silentWho.get(i), s.group(), s.from())));
        }
        // All silent losses by sender, recipient, group and epoch (the detail lines keep only the first few).
        Map<String, Integer> silentBy = new java.util.TreeMap<>();
        for (int i = 0; i < silentList.size(); i++) {
            GroupLedger.Sent s = silentList.get(i);
            silentBy.merge(s.from() + "->" + silentWho.get(i) + " group " + groupIndex(s.group()) + " epoch " + s.epoch(), 1, Integer::sum);
        }
        if (!silentBy.isEmpty()) {
            silentDetails.add("silent losses by direction: " + silentBy);
        }
        Views views = compareViews();
        GroupSoakReport.AdminChecks adminChecks = adminChecks(adminFigures, views.removedOnLostFork());
        List<Duration> times = new ArrayList<>(ledger.onlineDeliveryTimes());
        times.sort(null);
        IntSummary sizes = sizes();
        List<String> all = new ArrayList<>(silentDetails);
        all.addAll(details);
        all.addAll(views.details);
        all.addAll(adminChecks.details());
        refusedChanges.forEach(r -> all.add("change refused: " + r));
        ledger.unknownAnnouncements().forEach(a -> all.add("unknown account in a group event: " + a));
        ledger.recoveringDirections().forEach(d -> all.add("still recovering: " + d));
        ledger.lostDirections().forEach(d -> all.add("lost report: " + d));
        return new GroupSoakReport(settings, plans.size(), sizes.min, sizes.max,
                (int) ledger.changes().stream().filter(GroupLedger.Change::added).count(),
                (int) ledger.changes().stream().filter(ch -> !ch.added()).count(), refusedChanges.size(),
                ledger.sentCount(), skippedSends, c.copies, c.received, reported, failedNotArrived, silentList.size(), c.afterRemovalNotExpected,
                c.missedByRemoved, falseLost,
                ledger.duplicateAnnouncements() + duplicateRows, c.falseDeliveries, c.leaks, c.preJoin, c.otherUnexpected,
                phantoms, wrongSender, c.delivered, c.failed, c.failedNotEverywhere, c.unresolved, ledger.stillRecovering(),
                ledger.lostReports(), views.mismatches, views.historyEntries, settled, percentile(times, 50),
                percentile(times, 95), percentile(times, 99), ledger.onlineSent(), times.size(),
                chaos.started(Chaos.Kind.PARTITION), chaos.started(Chaos.Kind.OFFLINE), chaos.started(Chaos.Kind.RESTART),
                published, virtualSeconds, settleSeconds, wallSeconds, adminChecks, all);
    }

    /** For a detail line: the member's changes in the soak and whether its device has the message anywhere. */
    private String whereIs(String member, GroupLedger.Sent sent) {
        List<String> changes = ledger.changes().stream().filter(ch -> ch.group().equals(sent.group()) && ch.member().equals(member))
                .map(ch -> (ch.added() ? "added at " : "removed at ") + ch.at()).toList();
        ChatEngine engine = people.get(member).engine();
        List<String> where = new ArrayList<>();
        for (var conversation : engine.conversations()) {
            if (engine.messages(conversation.id(), 0, Integer.MAX_VALUE).stream().anyMatch(m -> m.id().value().equals(sent.id()))) {
                where.add(conversation.id().value());
            }
        }
        return member + " " + changes + " has it in 1:1 " + where;
    }

    private boolean has(String member, String id) {
        return incoming.getOrDefault(member, Set.of()).contains(id);
    }

    /** Whether the soak had removed {@code member} from the group before {@code at}. */
    private boolean removedBefore(ConversationId group, String member, Instant at) {
        return ledger.changes().stream().anyMatch(ch -> !ch.added() && ch.group().equals(group)
                && ch.member().equals(member) && !ch.at().isAfter(at));
    }

    /** Whether the soak added {@code member} to the group after {@code at}. */
    private boolean addedAfter(ConversationId group, String member, Instant at) {
        return ledger.changes().stream().anyMatch(ch -> ch.added() && ch.group().equals(group)
                && ch.member().equals(member) && ch.at().isAfter(at));
    }

    private Set<String> finalConfirmations(GroupLedger.Sent sent) {
        try {
            GroupDelivery delivery = people.get(sent.from()).engine().groupDelivery(new org.wakuchat.core.MessageId(sent.id()));
            return delivery.deliveredTo().stream().map(ledger::name).collect(Collectors.toSet());
        } catch (GroupException e) {
            detail("groupDelivery refused for " + sent.id() + ": " + e.getMessage());
            return Set.of();
        }
    }

    private record Views(int mismatches, int historyEntries, int removedOnLostFork, List<String> details) {
    }

    /**
     * Every change an admin asked for against the final history on the creator's device (identical
     * on every member's, {@link #compareViews}): it is there by its author, or by another admin who
     * asked for the same change at about the same time (superseded: the author's device found it
     * done when it wrote its lost change again); no membership change is there that nobody asked
     * for, none twice; and every member added joined (a KEY_REFRESHED listing it after its ADDED).
     */
    private GroupSoakReport.AdminChecks adminChecks(AdminFigures figures, int removedOnLostFork) {
        int promotions = 0;
        int intended = 0;
        int byPromoted = 0;
        int inHistory = 0;
        int superseded = 0;
        int missing = 0;
        int unintended = 0;
        int notJoined = 0;
        List<String> out = new ArrayList<>();
        for (GroupSoakRun.Plan plan : plans) {
            List<GroupHistoryEntry> history = people.get(plan.admin).engine().groupHistory(plan.id);
            out.add("admins of group " + plan.index + ": " + plan.admin + " (creator), " + plan.promoted + " with "
                    + plan.ownCandidates + "; asked for " + plan.intended);
            for (GroupSoakRun.Intended want : plan.intended) {
                intended++;
                promotions += want.kind() == GroupHistoryEntry.Kind.PROMOTED ? 1 : 0;
                byPromoted += plan.promoted.contains(want.author()) ? 1 : 0;
                List<String> authors = history.stream().filter(e -> e.kind() == want.kind()
                        && e.subjects().stream().anyMatch(id -> ledger.name(id).equals(want.subject())))
                        .map(e -> ledger.name(e.author())).toList();
                boolean sameAskedByOther = authors.stream().anyMatch(a -> plan.intended.stream().anyMatch(o -> o != want
                        && o.author().equals(a) && o.kind() == want.kind() && o.subject().equals(want.subject())));
                if (authors.contains(want.author())) {
                    inHistory++;
                } else if (sameAskedByOther) {
                    superseded++;
                } else {
                    missing++;
                    out.add("admin change missing: group " + plan.index + " " + want + " history has it by " + authors);
                }
            }
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < history.size(); i++) {
                GroupHistoryEntry e = history.get(i);
                boolean membership = e.kind() == GroupHistoryEntry.Kind.ADDED || e.kind() == GroupHistoryEntry.Kind.REMOVED
                        || e.kind() == GroupHistoryEntry.Kind.LEFT || e.kind() == GroupHistoryEntry.Kind.PROMOTED
                        || e.kind() == GroupHistoryEntry.Kind.DEMOTED || e.kind() == GroupHistoryEntry.Kind.RENAMED;
                if (!membership) {
                    continue;
                }
                for (var id : e.subjects()) {
                    String subject = ledger.name(id);
                    boolean asked = plan.intended.stream().anyMatch(w -> w.kind() == e.kind() && w.subject().equals(subject));
                    if (!asked || seen.merge(e.kind() + " " + subject, 1, Integer::sum) > 1) {
                        unintended++;
                        out.add("unintended change: group " + plan.index + " epoch " + e.epoch() + " " + e.kind() + " "
                                + subject + " by " + ledger.name(e.author()) + (asked ? " (again)" : ""));
                    }
                }
                if (e.kind() == GroupHistoryEntry.Kind.ADDED) {
                    for (var id : e.subjects()) {
                        String subject = ledger.name(id);
                        boolean joined = history.subList(i + 1, history.size()).stream().anyMatch(later ->
                                later.kind() == GroupHistoryEntry.Kind.KEY_REFRESHED && later.subjects().contains(id));
                        boolean removedLater = history.subList(i + 1, history.size()).stream().anyMatch(later ->
                                later.kind() == GroupHistoryEntry.Kind.REMOVED && later.subjects().contains(id));
                        if (!joined && !removedLater) {
                            notJoined++;
                            out.add("added, never joined: group " + plan.index + " " + subject + " added at epoch " + e.epoch());
                        }
                    }
                }
            }
        }
        return new GroupSoakReport.AdminChecks(promotions, intended - promotions, byPromoted, figures.concurrentPairs(),
                figures.nonCreatorContactsAdded(), figures.skipped(), inHistory, superseded, missing, unintended, notJoined, removedOnLostFork, out);
    }

    private Views compareViews() {
        int mismatches = 0;
        int removedOnLostFork = 0;
        int entries = 0;
        List<String> out = new ArrayList<>();
        for (GroupSoakRun.Plan plan : plans) {
            World.Person admin = people.get(plan.admin);
            Optional<Group> reference = GroupSoakRun.view(admin, plan);
            if (reference.isEmpty()) {
                mismatches++;
                out.add("view: the admin " + plan.admin + " does not show group " + plan.index);
                continue;
            }
            List<String> history = history(admin, plan.id);
            entries += history.size();
            Set<String> names = reference.get().members().stream().map(m -> ledger.name(m.id())).collect(Collectors.toSet());
            if (!names.equals(plan.members)) {
                mismatches++;
                out.add("view: group " + plan.index + " admin shows " + names + ", the soak made " + plan.members);
            }
            for (String member : plan.members) {
                World.Person person = people.get(member);
                Optional<Group> view = GroupSoakRun.view(person, plan);
                String problem = view.isEmpty() ? "no group"
                        : !view.get().member() ? "not a member"
                        : view.get().epoch() != reference.get().epoch() ? "epoch " + view.get().epoch() + " vs " + reference.get().epoch()
                        + behind(person, plan, history)
                        : !GroupSoakRun.sameMembers(view.get(), reference.get()) ? "members differ"
                        : view.get().me().map(m -> !m.id().equals(person.engine().account().id())).orElse(true) ? "me() wrong"
                        : !history(person, plan.id).equals(history) ? "history differs: " + history(person, plan.id) + " vs " + history
                        : null;
                if (problem != null) {
                    mismatches++;
                    out.add("view: group " + plan.index + " at " + member + ": " + problem);
                }
            }
            for (String gone : plan.removed) {
                World.Person person = people.get(gone);
                Optional<Group> view = GroupSoakRun.view(person, plan);
                List<String> own = history(person, plan.id);
                List<GroupHistoryEntry> groupEntries = people.get(plan.admin).engine().groupHistory(plan.id);
                int common = 0;
                while (common < own.size() && common < history.size() && own.get(common).equals(history.get(common))) {
                    common++;
                }
                boolean endsWithRemoval = !own.isEmpty() && removal(person.engine().groupHistory(plan.id).getLast(), person);
                // Its removal may be on the branch that lost a fork (the winner's author wrote it
                // again on top): its device left on it and keeps that branch's entries up to it.
                String problem = view.isEmpty() ? "no group"
                        : view.get().member() ? "still a member" + behind(person, plan, history)
                        : own.isEmpty() ? "no history"
                        : common == own.size()
                        ? (endsWithRemoval || removedLater(groupEntries, own.size(), person) ? null
                                : "history does not end with its removal: " + own)
                        : !endsWithRemoval ? "history not a prefix: " + own + " of " + history
                        : !removedLater(groupEntries, common, person)
                        ? "left on a lost fork whose removal the group never wrote again: " + own + " of " + history
                        : null;
                if (problem == null && !(endsWithRemoval && common == own.size())) {
                    removedOnLostFork++;
                    out.add("removed on a lost fork: group " + plan.index + " " + gone + " stops at " + own.getLast()
                            + "; the group's next: " + (history.size() > common ? history.get(common) : "-"));
                }
                if (problem != null) {
                    mismatches++;
                    out.add("view: group " + plan.index + " at removed " + gone + ": " + problem);
                }
            }
        }
        return new Views(mismatches, entries, removedOnLostFork, out);
    }

    /**
     * Whether an entry of the group after the removed member's last one removes it: a removal that
     * lost a fork, written again by its author on top of the winner (after the winner's own later
     * changes, which the member may still have been told of), which the member, whose device left
     * on the lost version, cannot read any more.
     */
    private static boolean removedLater(List<GroupHistoryEntry> group, int index, World.Person person) {
        return group.subList(Math.min(index, group.size()), group.size()).stream().anyMatch(e -> removal(e, person));
    }

    /** For a detail line: the member's last change, the group's next one, and whether it has a 1:1 session with that one's author. */
    private String behind(World.Person person, GroupSoakRun.Plan plan, List<String> history) {
        List<String> own = history(person, plan.id);
        List<GroupHistoryEntry> group = people.get(plan.admin).engine().groupHistory(plan.id);
        int next = Math.min(own.size(), group.size() - 1);
        var author = group.get(next).author();
        boolean session = person.engine().conversations().stream().anyMatch(c -> c.contactId().equals(author));
        return "; it stops at " + own.getLast() + (history.size() > own.size() - 1 && history.get(own.size() - 1).equals(own.getLast())
                ? "" : " (not the group's)") + "; the group's next " + history.get(next) + "; 1:1 with its author " + session;
    }

    private int groupIndex(ConversationId group) {
        return plans.stream().filter(p -> p.id.equals(group)).mapToInt(p -> p.index).findFirst().orElse(-1);
    }

    private static boolean removal(GroupHistoryEntry entry, World.Person person) {
        return entry.kind() == GroupHistoryEntry.Kind.REMOVED && entry.subjects().contains(person.engine().account().id());
    }

    private List<String> history(World.Person person, ConversationId group) {
        List<GroupHistoryEntry> entries = person.engine().groupHistory(group);
        return entries.stream().map(e -> e.epoch() + " " + e.at() + " " + e.kind() + " by " + ledger.name(e.author())
                + " " + e.subjects().stream().map(ledger::name).toList() + e.newName().map(n -> " name=" + n).orElse("")).toList();
    }

    private record IntSummary(int min, int max) {
    }

    private IntSummary sizes() {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (GroupSoakRun.Plan plan : plans) {
            int size = plan.members.size() + plan.removed.size() - plan.added.size();
            min = Math.min(min, size);
            max = Math.max(max, size);
        }
        return new IntSummary(min, max);
    }

    private void detail(String line) {
        if (details.size() < DETAILS_KEPT * 3) {
            details.add(line);
        }
    }

    private static long percentile(List<Duration> sorted, int percent) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(index, 0)).toMillis();
    }
}
