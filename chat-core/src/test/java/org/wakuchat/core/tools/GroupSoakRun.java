package org.wakuchat.core.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.account.AccountId;
import org.wakuchat.core.engine.DeliveryPolicy;
import org.wakuchat.core.group.Group;
import org.wakuchat.core.group.GroupException;
import org.wakuchat.core.group.GroupHistoryEntry;
import org.wakuchat.core.group.GroupMember;
import org.wakuchat.core.group.GroupRole;
import org.wakuchat.core.simulator.LinkConditions;
import org.wakuchat.core.simulator.NetworkSettings;

/**
 * One group soak: people connect to the admins of the groups they are drawn into, the admins
 * create the groups, then the configured number of messages go out at random moments from random
 * members of random groups through loss, duplication, reordering and chaos (partitions, offline
 * periods, restarts), with a member added and another removed mid-run. Then the network heals,
 * the system settles, and the census compares what was sent with every member's database, the
 * confirmations, and every member's view of each group.
 */
final class GroupSoakRun {

    static final List<String> NAMES = List.of("Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi",
            "Ivan", "Judy", "Ken", "Liz", "Mallory", "Nia", "Oscar", "Peggy", "Quinn", "Rupert", "Sybil", "Trent",
            "Uma", "Victor", "Walter", "Xena", "Yuri", "Zoe");
    private static final Duration SETTLE_STEP = Duration.ofSeconds(30);
    private static final Duration GRACE = Duration.ofMinutes(1);
    private static final Duration SETUP_LIMIT = Duration.ofMinutes(30);

    /**
     * A change an admin asked its engine for. {@code concurrent}: a second admin of the group made
     * one within the same second (their changes fork the chain: one of them is written again).
     */
    record Intended(String author, GroupHistoryEntry.Kind kind, String subject, Instant at, boolean concurrent) {
    }

    /**
     * One group as the soak means it to be: who should be in it now, who left it, who may join.
     * {@code admin} created it; {@code promoted} are the members it makes admins after the set-up,
     * each with contacts of its own ({@code ownCandidates}, preferably not the creator's) to add.
     */
    static final class Plan {
        final int index;
        final String admin;
        final Set<String> members = new LinkedHashSet<>();
        final Set<String> removed = new LinkedHashSet<>();
        final Set<String> added = new LinkedHashSet<>();
        final Optional<String> candidate;
        final List<String> promoted = new ArrayList<>();
        final Map<String, List<String>> ownCandidates = new LinkedHashMap<>();
        final List<Intended> intended = new ArrayList<>();
        ConversationId id;

        Plan(int index, String admin, List<String> members, Optional<String> candidate) {
            this.index = index;
            this.admin = admin;
            this.members.addAll(members);
            this.candidate = candidate;
        }
    }

    private final GroupSoakSettings settings;
    private final Random random;
    private final World world;
    private final GroupLedger ledger;
    private final Chaos chaos;
    private final Map<String, World.Person> people = new LinkedHashMap<>();
    private final Map<String, AccountId> accounts = new HashMap<>();
    private final Map<String, Map<String, ConversationId>> conversations = new HashMap<>();
    private final Set<String> pendingHellos = new HashSet<>();
    private final List<Plan> plans = new ArrayList<>();
    private final List<String> refusedChanges = new ArrayList<>();
    private long published;
    private long skippedSends;
    private boolean addDone;
    private boolean removeDone;
    private int adminChangesDone;
    private int concurrentPairs;
    private int nonCreatorContactsAdded;
    private int adminChangesSkipped;

    private GroupSoakRun(GroupSoakSettings settings, Path dir) {
        this.settings = settings;
        this.random = new Random(settings.seed() * 131 + 17);
        LinkConditions link = new LinkConditions(settings.minLatency(), settings.maxLatency(), settings.loss(),
                settings.duplication());
        GroupLedger[] holder = new GroupLedger[1];
        this.world = new World(dir, settings.seed(), NetworkSettings.defaults().withConditions(link),
                DeliveryPolicy.DEFAULT, (person, event) -> {
                    hello(event);
                    holder[0].on(person, event);
                }, (person, message) -> published++);
        this.ledger = new GroupLedger(world.clock::now);
        holder[0] = ledger;
        this.chaos = new Chaos(world, random);
    }

    static GroupSoakReport run(GroupSoakSettings settings, Path dir) {
        long wallStart = System.nanoTime();
        GroupSoakRun soak = new GroupSoakRun(settings, dir);
        try (World world = soak.world) {
            soak.drawGroups();
            soak.connect();
            soak.createGroups();
            soak.promote();
            long publishedBefore = soak.published;
            Instant firstSend = world.clock.now();
            soak.sendAll();
            Instant lastSend = world.clock.now();
            boolean settled = soak.settle();
            long settleSeconds = Duration.between(lastSend, world.clock.now()).toSeconds();
            long virtualSeconds = Duration.between(firstSend, world.clock.now()).toSeconds();
            return new GroupCensus(soak.people, soak.plans, soak.ledger).report(settings, soak.chaos,
                    soak.published - publishedBefore, soak.skippedSends, soak.refusedChanges,
                    new GroupCensus.AdminFigures(soak.concurrentPairs, soak.nonCreatorContactsAdded, soak.adminChangesSkipped), settled,
                    virtualSeconds, settleSeconds, (System.nanoTime() - wallStart) / 1e9);
        }
    }

    /** Who is in which group: random sizes within the settings, a random admin, a candidate to add. */
    private void drawGroups() {
        for (int i = 0; i < settings.people(); i++) {
            World.Person person = world.join(NAMES.get(i));
            people.put(person.name, person);
            ledger.knows(person.name, person.engine().account().id());
            accounts.put(person.name, person.engine().account().id());
        }
        List<String> names = new ArrayList<>(people.keySet());
        for (int g = 0; g < settings.groups(); g++) {
            int size = settings.minMembers() + random.nextInt(settings.maxMembers() - settings.minMembers() + 1);
            Collections.shuffle(names, random);
            List<String> members = names.subList(0, size);
            Optional<String> candidate = settings.changes() && size < names.size()
                    ? Optional.of(names.get(size)) : Optional.empty();
            plans.add(new Plan(g, members.getFirst(), List.copyOf(members), candidate));
        }
        drawAdmins(names);
    }

    /**
     * Who each creator makes admin, and whom each of them may add: people outside the group, first
     * those who are no contact of the creator (only the promoted admin has a session with them, so
     * its changes reach the other members in broadcasts, and its invitees learn of other admins'
     * changes through it until they join). The creators' 1:1 chats are the only others the soak makes.
     */
    private void drawAdmins(List<String> names) {
        if (settings.admins() == 0) {
            return;
        }
        Set<String> creatorEdges = new HashSet<>();
        for (Plan plan : plans) {
            for (String m : plan.members) {
                creatorEdges.add(plan.admin + ">" + m);
                creatorEdges.add(m + ">" + plan.admin);
            }
            plan.candidate.ifPresent(c -> {
                creatorEdges.add(plan.admin + ">" + c);
                creatorEdges.add(c + ">" + plan.admin);
            });
        }
        for (Plan plan : plans) {
            List<String> others = new ArrayList<>(plan.members);
            others.remove(plan.admin);
            Collections.shuffle(others, random);
            int count = Math.min(others.size() - 1, 1 + random.nextInt(settings.admins()));
            List<String> outside = names.stream().filter(n -> !plan.members.contains(n) && !plan.candidate.equals(Optional.of(n)))
                    .sorted().collect(Collectors.toCollection(ArrayList::new));
            for (String promoted : others.subList(0, Math.max(count, 0))) {
                plan.promoted.add(promoted);
                Collections.shuffle(outside, random);
                List<String> strangers = outside.stream().filter(n -> !creatorEdges.contains(plan.admin + ">" + n)).toList();
                List<String> pool = strangers.isEmpty() ? outside : strangers;
                plan.ownCandidates.put(promoted, List.copyOf(pool.subList(0, Math.min(pool.size(), 1 + random.nextInt(2)))));
            }
        }
    }

    /**
     * Each creator gets a started 1:1 chat with its members and its candidate, each promoted admin
     * with its own candidates: both sides have sent and been confirmed.
     */
    private void connect() {
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        for (Plan plan : plans) {
            List<String> others = new ArrayList<>(plan.members);
            plan.candidate.ifPresent(others::add);
            others.remove(plan.admin);
            wanted.computeIfAbsent(plan.admin, n -> new ArrayList<>()).addAll(others);
        }
        for (Plan plan : plans) {
            plan.ownCandidates.forEach((admin, candidates) -> wanted.computeIfAbsent(admin, n -> new ArrayList<>()).addAll(candidates));
        }
        Set<String> answered = new LinkedHashSet<>();
        for (var entry : wanted.entrySet()) {
            for (String other : entry.getValue()) {
                if (conversation(entry.getKey(), other).isEmpty()) {
                    World.Person inviter = people.get(entry.getKey());
                    World.Person invitee = people.get(other);
                    ConversationId id = world.connect(inviter, invitee);
                    conversations.computeIfAbsent(entry.getKey(), n -> new HashMap<>()).put(other, id);
                    conversations.computeIfAbsent(other, n -> new HashMap<>()).put(entry.getKey(), id);
                    pendingHellos.add(invitee.engine().sendText(id, "hello from " + other).id().value());
                    answered.add(entry.getKey() + ">" + other);
                }
            }
        }
        world.runUntil(pendingHellos::isEmpty, SETUP_LIMIT);
        for (String pair : answered) {
            String[] names = pair.split(">");
            ConversationId id = conversation(names[0], names[1]).orElseThrow();
            pendingHellos.add(people.get(names[0]).engine().sendText(id, "hello to " + names[1]).id().value());
        }
        world.runUntil(pendingHellos::isEmpty, SETUP_LIMIT);
    }

    /** Each creator makes its promoted members admins; sending starts once every device shows that. */
    private void promote() {
        for (Plan plan : plans) {
            for (String promoted : plan.promoted) {
                people.get(plan.admin).engine().setGroupRole(plan.id, accounts.get(promoted),
                        GroupRole.ADMIN);
                plan.intended.add(new Intended(plan.admin, GroupHistoryEntry.Kind.PROMOTED, promoted, world.clock.now(), false));
            }
        }
        pollUntilViewsAgree();
    }

    private void hello(ChatEvent event) {
        if (event instanceof ChatEvent.DeliveryChanged changed && changed.state() == DeliveryState.DELIVERED) {
            pendingHellos.remove(changed.message().value());
        }
    }

    private Optional<ConversationId> conversation(String from, String to) {
        return Optional.ofNullable(conversations.getOrDefault(from, Map.of()).get(to));
    }

    /** The admins create the groups; the soak starts once every member's device shows the same group. */
    private void createGroups() {
        for (Plan plan : plans) {
            World.Person admin = people.get(plan.admin);
            List<ConversationId> contacts = plan.members.stream().filter(m -> !m.equals(plan.admin))
                    .map(m -> conversation(plan.admin, m).orElseThrow()).toList();
            Group group = admin.engine().createGroup("group " + plan.index, contacts);
            plan.id = group.id();
        }
        pollUntilViewsAgree();
        // The joins that follow an invite make new epochs; wait until they are done too.
        world.clock.runFor(Duration.ofSeconds(30));
        pollUntilViewsAgree();
    }

    /** Checks once a virtual second: after every task it would ask every engine for its groups thousands of times. */
    private void pollUntilViewsAgree() {
        Instant end = world.clock.now().plus(SETUP_LIMIT);
        while (!viewsAgree()) {
            if (!world.clock.now().isBefore(end)) {
                throw new IllegalStateException("the members' views of the new groups did not agree within " + SETUP_LIMIT
                        + ": " + disagreement().orElse("?") + "; groups: " + plans.stream()
                        .map(p -> p.index + " admin " + p.admin + " members " + p.members).toList());
            }
            world.clock.runFor(Duration.ofSeconds(1));
        }
    }

    private void sendAll() {
        Instant nextSend = world.clock.now().plus(gap(settings.meanGap()));
        Instant nextChaos = world.clock.now().plus(gap(settings.meanChaosGap()));
        while (ledger.sentCount() < settings.messages()) {
            Instant next = earliest(nextSend, settings.chaos() ? nextChaos : Instant.MAX, chaos.nextEnd().orElse(Instant.MAX));
            world.clock.runFor(durationUntil(next));
            Instant now = world.clock.now();
            chaos.finishDue(now);
            changeMembership();
            if (settings.chaos() && !nextChaos.isAfter(now)) {
                chaos.startOne(now);
                nextChaos = now.plus(gap(settings.meanChaosGap()));
            } else if (!nextSend.isAfter(now)) {
                sendRandom();
                nextSend = now.plus(gap(settings.meanGap()));
            }
        }
    }

    /** At a third of the messages an admin adds its candidate; at half, an admin removes a member (when its device is up). */
    private void changeMembership() {
        if (!settings.changes()) {
            return;
        }
        if (!addDone && ledger.sentCount() >= settings.messages() / 3) {
            plans.stream().filter(p -> p.candidate.isPresent() && people.get(p.admin).up()).findFirst().ifPresent(plan -> {
                addDone = true;
                String newcomer = plan.candidate.get();
                try {
                    people.get(plan.admin).engine().addToGroup(plan.id, List.of(conversation(plan.admin, newcomer).orElseThrow()));
                    plan.members.add(newcomer);
                    plan.added.add(newcomer);
                    ledger.changed(plan.id, newcomer, true);
                    plan.intended.add(new Intended(plan.admin, GroupHistoryEntry.Kind.ADDED, newcomer, world.clock.now(), false));
                } catch (GroupException e) {
                    refusedChanges.add("add " + newcomer + " to group " + plan.index + ": " + e.getMessage());
                }
            });
        }
        if (!removeDone && ledger.sentCount() >= settings.messages() / 2) {
            plans.stream().filter(p -> p.members.size() > 3 && people.get(p.admin).up()).findFirst().ifPresent(plan -> {
                removeDone = true;
                List<String> removable = removable(plan, plan.admin, plan.members);
                if (removable.isEmpty()) {
                    return;
                }
                String leaving = removable.get(random.nextInt(removable.size()));
                try {
                    people.get(plan.admin).engine().removeFromGroup(plan.id, accounts.get(leaving));
                    plan.members.remove(leaving);
                    plan.removed.add(leaving);
                    ledger.changed(plan.id, leaving, false);
                    plan.intended.add(new Intended(plan.admin, GroupHistoryEntry.Kind.REMOVED, leaving, world.clock.now(), false));
                } catch (GroupException e) {
                    refusedChanges.add("remove " + leaving + " from group " + plan.index + ": " + e.getMessage());
                }
            });
        }
        int due = settings.adminChanges() == 0 ? 0
                : (int) Math.min(settings.adminChanges(), (long) ledger.sentCount() * settings.adminChanges() * 10 / (8L * settings.messages()));
        while (adminChangesDone < due) {
            adminChangesDone++;
            adminChange();
        }
    }

    /** The admins of the group: its creator and those it promoted. */
    private static List<String> admins(Plan plan) {
        List<String> admins = new ArrayList<>();
        admins.add(plan.admin);
        admins.addAll(plan.promoted);
        return admins;
    }

    /**
     * Members an admin may remove: in the group as the soak made it and as the admin's device shows
     * it, not an admin, while the group keeps more than 3.
     */
    private List<String> removable(Plan plan, String admin, Set<String> members) {
        if (members.size() <= 3) {
            return List.of();
        }
        Set<String> shown = view(people.get(admin), plan).map(g -> g.members().stream().map(m -> ledger.name(m.id()))
                .collect(Collectors.toSet())).orElse(Set.of());
        List<String> admins = admins(plan);
        return members.stream().filter(m -> !admins.contains(m) && shown.contains(m)).toList();
    }

    /** An admin's own contacts it may add: never in the group before, not shown in its device's view. */
    private List<String> addable(Plan plan, String admin, Set<String> members) {
        Set<String> shown = view(people.get(admin), plan).map(g -> g.members().stream().map(m -> ledger.name(m.id()))
                .collect(Collectors.toSet())).orElse(Set.of());
        return plan.ownCandidates.getOrDefault(admin, List.of()).stream()
                .filter(c -> !members.contains(c) && !plan.removed.contains(c) && !shown.contains(c))
                .toList();
    }

    /**
     * A random admin (whose device is up) of a random group with more than one admin adds one of
     * its own contacts or removes a member; sometimes a second admin of the group makes a change
     * of its own within the same second, before the first one can have reached it.
     */
    private void adminChange() {
        List<Plan> eligible = plans.stream().filter(p -> !p.promoted.isEmpty()).toList();
        if (eligible.isEmpty()) {
            return;
        }
        Plan plan = eligible.get(random.nextInt(eligible.size()));
        List<String> admins = admins(plan).stream().filter(a -> people.get(a).up()).collect(Collectors.toCollection(ArrayList::new));
        if (admins.isEmpty()) {
            adminChangesSkipped++;
            return;
        }
        Collections.shuffle(admins, random);
        boolean pair = admins.size() > 1 && random.nextDouble() < settings.concurrent();
        if (pair) {
            concurrentPairs++;
        }
        // The second admin chooses from the group as it was before the first change (its device
        // has not heard of it yet), so both may pick the same member.
        Set<String> before = new LinkedHashSet<>(plan.members);
        adminChangeBy(plan, admins.get(0), pair, before);
        if (pair) {
            world.clock.runFor(Duration.ofMillis(random.nextInt(900)));
            if (people.get(admins.get(1)).up()) {
                adminChangeBy(plan, admins.get(1), true, before);
            }
        }
    }

    private void adminChangeBy(Plan plan, String admin, boolean concurrent, Set<String> before) {
        List<String> add = addable(plan, admin, before);
        // A second removal of another member only while the group keeps more than 3.
        List<String> remove = removable(plan, admin, before).stream()
                .filter(m -> !plan.members.contains(m) || plan.members.size() > 3).toList();
        if (add.isEmpty() && remove.isEmpty()) {
            adminChangesSkipped++;
            return;
        }
        World.Person person = people.get(admin);
        boolean adding = remove.isEmpty() || (!add.isEmpty() && random.nextBoolean());
        String subject = adding ? add.get(random.nextInt(add.size())) : remove.get(random.nextInt(remove.size()));
        // A second admin may pick the same member as the first: its change then loses the fork
        // or finds nothing left to do, and the member is added or removed once.
        boolean already = adding ? plan.members.contains(subject) : !plan.members.contains(subject);
        try {
            if (adding) {
                person.engine().addToGroup(plan.id, List.of(conversation(admin, subject).orElseThrow()));
                if (!already) {
                    plan.members.add(subject);
                    plan.added.add(subject);
                    ledger.changed(plan.id, subject, true);
                    if (conversation(plan.admin, subject).isEmpty()) {
                        nonCreatorContactsAdded++;
                    }
                }
            } else {
                person.engine().removeFromGroup(plan.id, accounts.get(subject));
                if (!already) {
                    plan.members.remove(subject);
                    plan.removed.add(subject);
                    ledger.changed(plan.id, subject, false);
                }
            }
            plan.intended.add(new Intended(admin, adding ? GroupHistoryEntry.Kind.ADDED : GroupHistoryEntry.Kind.REMOVED,
                    subject, world.clock.now(), concurrent));
        } catch (GroupException e) {
            refusedChanges.add((adding ? "add " : "remove ") + subject + " by " + admin + " in group " + plan.index + ": "
                    + e.getMessage());
        }
    }

    /** A random member of a random group whose device is up and knows it is in the group sends a text. */
    private void sendRandom() {
        Plan plan = plans.get(random.nextInt(plans.size()));
        List<String> senders = plan.members.stream().filter(m -> people.get(m).up()).toList();
        if (senders.isEmpty()) {
            skippedSends++;
            return;
        }
        World.Person from = people.get(senders.get(random.nextInt(senders.size())));
        Optional<Group> view = view(from, plan);
        if (view.isEmpty() || !view.get().member()) {
            // A newcomer whose invite has not arrived yet: nothing to send to.
            skippedSends++;
            return;
        }
        Set<String> audience = view.get().members().stream().filter(m -> !m.me()).map(m -> ledger.name(m.id()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        boolean allOnline = chaos.reachable(from) && audience.stream().allMatch(m -> chaos.reachable(people.get(m)));
        String text = "#" + ledger.sentCount() + " g" + plan.index + " " + "x".repeat(random.nextInt(160));
        ChatMessage message = from.engine().sendText(plan.id, text);
        ledger.sent(message, from.name, audience, view.get().epoch(), allOnline);
    }

    static Optional<Group> view(World.Person person, Plan plan) {
        return person.engine().groups().stream().filter(g -> g.id().equals(plan.id)).findFirst();
    }

    /** Every current member shows the same epoch and member list as the admin; every removed one shows it is out. */
    private boolean viewsAgree() {
        return disagreement().isEmpty();
    }

    /** The first difference between the members' views of a group and the admin's, if any. */
    private Optional<String> disagreement() {
        for (Plan plan : plans) {
            if (!people.get(plan.admin).up()) {
                return Optional.of("group " + plan.index + ": the admin " + plan.admin + " is down");
            }
            Optional<Group> reference = view(people.get(plan.admin), plan);
            if (reference.isEmpty()) {
                return Optional.of("group " + plan.index + ": the admin " + plan.admin + " does not show it");
            }
            Set<String> expected = reference.get().members().stream().map(m -> ledger.name(m.id())).collect(Collectors.toSet());
            if (!expected.equals(plan.members)) {
                return Optional.of("group " + plan.index + ": the admin shows " + expected + ", the soak made " + plan.members);
            }
            for (String member : plan.members) {
                World.Person person = people.get(member);
                Optional<Group> view = person.up() ? view(person, plan) : Optional.empty();
                String problem = !person.up() ? "down" : view.isEmpty() ? "no group"
                        : view.get().epoch() != reference.get().epoch() ? "epoch " + view.get().epoch() + ", admin " + reference.get().epoch()
                        : !view.get().member() ? "not a member"
                        : !sameMembers(view.get(), reference.get()) ? "members " + memberKeys(view.get()) + ", admin " + memberKeys(reference.get())
                        : null;
                if (problem != null) {
                    return Optional.of("group " + plan.index + " at " + member + ": " + problem);
                }
            }
            for (String gone : plan.removed) {
                World.Person person = people.get(gone);
                if (!person.up() || view(person, plan).map(Group::member).orElse(true)) {
                    return Optional.of("group " + plan.index + " at removed " + gone + ": still shown as a member (or down)");
                }
            }
        }
        return Optional.empty();
    }

    static boolean sameMembers(Group a, Group b) {
        return memberKeys(a).equals(memberKeys(b));
    }

    static Set<String> memberKeys(Group group) {
        return group.members().stream().map(GroupSoakRun::memberKey).collect(Collectors.toSet());
    }

    private static String memberKey(GroupMember member) {
        return member.id().value() + ":" + member.role();
    }

    /** Heals everything, brings everyone back, and runs until every message is resolved, nobody is still looking and all views agree. */
    private boolean settle() {
        chaos.finishAll();
        world.network.heal();
        for (World.Person person : world.people()) {
            if (!person.up()) {
                person.comeBack();
            }
        }
        changeMembership();
        Instant deadline = world.clock.now().plus(settings.maxSettle());
        while (world.clock.now().isBefore(deadline) && (ledger.unresolved() > 0 || ledger.recovering() || !viewsAgree())) {
            world.clock.runFor(SETTLE_STEP);
        }
        boolean settled = ledger.unresolved() == 0 && !ledger.recovering() && viewsAgree();
        world.clock.runFor(GRACE);
        return settled;
    }

    private Duration gap(Duration mean) {
        return Duration.ofMillis((long) (-Math.log(1 - random.nextDouble()) * mean.toMillis()));
    }

    private Duration durationUntil(Instant at) {
        Duration d = Duration.between(world.clock.now(), at);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Instant earliest(Instant... candidates) {
        Instant min = Instant.MAX;
        for (Instant c : candidates) {
            if (c.isBefore(min)) {
                min = c;
            }
        }
        return min;
    }
}
