package org.wakuchat.core.tools;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.wakuchat.core.simulator.SimulatedNode;

/**
 * What goes wrong while people chat, one episode per person at a time: a partition from the
 * other people (the relay and Store stay reachable), going offline, or an app restart (engine
 * closed, later unlocked again on a new node). Every episode ends by itself.
 */
final class Chaos {

    enum Kind {
        PARTITION, OFFLINE, RESTART
    }

    private record Episode(Kind kind, Instant end, Runnable finish) {
    }

    private final World world;
    private final Random random;
    private final Map<String, Episode> active = new LinkedHashMap<>();
    private final Map<Kind, Integer> started = new LinkedHashMap<>();

    Chaos(World world, Random random) {
        this.world = world;
        this.random = random;
        for (Kind kind : Kind.values()) {
            started.put(kind, 0);
        }
    }

    /** Starts an episode for someone who is not in one, if anyone is free. */
    void startOne(Instant now) {
        List<World.Person> free = world.people().stream().filter(p -> !active.containsKey(p.name)).toList();
        if (free.isEmpty()) {
            return;
        }
        World.Person person = free.get(random.nextInt(free.size()));
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        if (kind == Kind.PARTITION && active.values().stream().anyMatch(e -> e.kind() == Kind.PARTITION)) {
            kind = Kind.OFFLINE;
        }
        started.merge(kind, 1, Integer::sum);
        active.put(person.name, switch (kind) {
            case PARTITION -> partition(person, now);
            case OFFLINE -> offline(person, now);
            case RESTART -> restart(person, now);
        });
    }

    private Episode partition(World.Person person, Instant now) {
        List<SimulatedNode> others = world.people().stream().filter(p -> p != person).map(World.Person::node).toList();
        world.network.partition(List.of(person.node()), others);
        return new Episode(Kind.PARTITION, now.plus(between(Duration.ofSeconds(10), Duration.ofMinutes(3))),
                world.network::heal);
    }

    private Episode offline(World.Person person, Instant now) {
        SimulatedNode node = person.node();
        world.network.setOnline(node, false);
        return new Episode(Kind.OFFLINE, now.plus(between(Duration.ofSeconds(30), Duration.ofMinutes(5))),
                () -> world.network.setOnline(node, true));
    }

    private Episode restart(World.Person person, Instant now) {
        person.shutDown();
        return new Episode(Kind.RESTART, now.plus(between(Duration.ZERO, Duration.ofMinutes(2))), person::comeBack);
    }

    Optional<Instant> nextEnd() {
        return active.values().stream().map(Episode::end).min(Comparator.naturalOrder());
    }

    /** Ends the episodes that are over by {@code now}. */
    void finishDue(Instant now) {
        for (var entry : List.copyOf(active.entrySet())) {
            if (!entry.getValue().end().isAfter(now)) {
                active.remove(entry.getKey());
                entry.getValue().finish().run();
            }
        }
    }

    void finishAll() {
        finishDue(Instant.MAX);
    }

    /** Up and reachable by the other people. */
    boolean reachable(World.Person person) {
        return person.up() && !active.containsKey(person.name);
    }

    int started(Kind kind) {
        return started.get(kind);
    }

    private Duration between(Duration min, Duration max) {
        return min.plusMillis((long) (random.nextDouble() * (max.toMillis() - min.toMillis())));
    }
}
