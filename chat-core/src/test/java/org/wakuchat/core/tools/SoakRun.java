package org.wakuchat.core.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.engine.DeliveryPolicy;
import org.wakuchat.core.simulator.LinkConditions;
import org.wakuchat.core.simulator.NetworkSettings;

/**
 * One soak: people connect, send the configured number of messages at random moments to random
 * contacts through loss, duplication, reordering and chaos, then the network heals and the
 * system settles; finally the census compares what was sent with what every database holds.
 */
final class SoakRun {

    private static final String[] NAMES = {"Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi",
        "Ivan", "Judy", "Ken", "Liz", "Mallory", "Nia", "Oscar", "Peggy", "Quinn", "Rupert", "Sybil", "Trent",
        "Uma", "Victor", "Walter", "Xena", "Yuri", "Zoe"};
    private static final Duration SETTLE_STEP = Duration.ofSeconds(30);
    private static final Duration GRACE = Duration.ofMinutes(1);

    private final SoakSettings settings;
    private final Random random;
    private final World world;
    private final Ledger ledger;
    private final Chaos chaos;
    private final Map<String, Map<String, ConversationId>> conversations = new HashMap<>();
    private long published;

    private SoakRun(SoakSettings settings, Path dir) {
        this.settings = settings;
        this.random = new Random(settings.seed() * 31 + 7);
        LinkConditions link = new LinkConditions(settings.minLatency(), settings.maxLatency(), settings.loss(),
                settings.duplication());
        Ledger[] ledgerHolder = new Ledger[1];
        this.world = new World(dir, settings.seed(), NetworkSettings.defaults().withConditions(link),
                DeliveryPolicy.DEFAULT, (person, event) -> ledgerHolder[0].on(person, event), (person, message) -> published++);
        this.ledger = new Ledger(world.clock::now);
        ledgerHolder[0] = ledger;
        this.chaos = new Chaos(world, random);
    }

    static SoakReport run(SoakSettings settings, Path dir) {
        long wallStart = System.nanoTime();
        SoakRun soak = new SoakRun(settings, dir);
        try (World world = soak.world) {
            soak.connectEveryone();
            soak.sendAll();
            Instant lastSend = world.clock.now();
            soak.settle();
            long settleSeconds = Duration.between(lastSend, world.clock.now()).toSeconds();
            long virtualSeconds = Duration.between(World.EPOCH, world.clock.now()).toSeconds();
            return new Census(soak.world, soak.ledger).report(settings, soak.chaos, soak.published, virtualSeconds,
                    settleSeconds, (System.nanoTime() - wallStart) / 1e9);
        }
    }

    /** Everyone joins; each pair gets a conversation that both sides know (the invitee says hello first). */
    private void connectEveryone() {
        List<World.Person> people = new ArrayList<>();
        for (int i = 0; i < settings.people(); i++) {
            people.add(world.join(NAMES[i]));
        }
        for (int i = 0; i < people.size(); i++) {
            for (int j = i + 1; j < people.size(); j++) {
                World.Person inviter = people.get(i);
                World.Person invitee = people.get(j);
                ConversationId id = world.connect(inviter, invitee);
                conversations.computeIfAbsent(inviter.name, n -> new HashMap<>()).put(invitee.name, id);
                conversations.computeIfAbsent(invitee.name, n -> new HashMap<>()).put(inviter.name, id);
                send(invitee, inviter);
            }
        }
        for (World.Person person : people) {
            world.runUntil(() -> person.engine().conversations().size() == people.size() - 1, Duration.ofHours(1));
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
            if (settings.chaos() && !nextChaos.isAfter(now)) {
                chaos.startOne(now);
                nextChaos = now.plus(gap(settings.meanChaosGap()));
            } else if (!nextSend.isAfter(now)) {
                sendRandom();
                nextSend = now.plus(gap(settings.meanGap()));
            }
        }
    }

    private void sendRandom() {
        List<World.Person> up = world.people().stream().filter(World.Person::up).toList();
        if (up.isEmpty()) {
            return;
        }
        World.Person from = up.get(random.nextInt(up.size()));
        List<World.Person> contacts = world.people().stream().filter(p -> p != from).toList();
        send(from, contacts.get(random.nextInt(contacts.size())));
    }

    private void send(World.Person from, World.Person to) {
        ConversationId id = conversations.get(from.name).get(to.name);
        String text = "#" + ledger.sentCount() + " " + "x".repeat(random.nextInt(160));
        ChatMessage message = from.engine().sendText(id, text);
        ledger.sent(message, from.name, to.name, chaos.reachable(from) && chaos.reachable(to));
    }

    /** Heals everything, brings everyone back, and runs until every message is delivered or failed and no recipient is still looking. */
    private void settle() {
        chaos.finishAll();
        world.network.heal();
        for (World.Person person : world.people()) {
            if (!person.up()) {
                person.comeBack();
            }
        }
        Instant deadline = world.clock.now().plus(settings.maxSettle());
        while (world.clock.now().isBefore(deadline) && (ledger.unresolved() > 0 || ledger.recovering())) {
            world.clock.runFor(SETTLE_STEP);
        }
        world.clock.runFor(GRACE);
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
