package org.wakuchat.core.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.engine.DeliveryPolicy;
import org.wakuchat.core.group.Group;
import org.wakuchat.core.group.GroupRole;
import org.wakuchat.core.simulator.NetworkSettings;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.transport.WakuMessages;

/**
 * What a group costs, against 1:1 chats (issue #17 item 6), on the simulator with its default
 * links (10–50 ms, no loss): wire bytes of one 100-character group text against a 1:1 text and
 * against a chain of 1:1 texts (a Status-style group: one 1:1 message per other member); publishes
 * per group message at the sender and in all (acknowledgements and sync messages of every member
 * included) in steady traffic; and how long a new member's first message takes to be readable by
 * every member. Prints {@code key=value} lines. Options {@code key=value}: sizes (comma-separated
 * group sizes, admin included; default 3,10,50), minutes (steady window, default 10), per_minute
 * (group texts a minute, default 4), seed.
 * Run: {@code ./mvnw -q -B -ntp -pl chat-core -am -DskipTests -Pgroupfigures verify}.
 */
public final class GroupFiguresBenchmark {

    private static final Duration LIMIT = Duration.ofMinutes(30);

    private GroupFiguresBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("options are key=value (sizes, minutes, per_minute, seed): " + arg);
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        List<Integer> sizes = Arrays.stream(options.getOrDefault("sizes", "3,10,50").split(",")).map(String::trim)
                .map(Integer::parseInt).toList();
        Duration window = Duration.ofMinutes(Long.parseLong(options.getOrDefault("minutes", "10")));
        double perMinute = Double.parseDouble(options.getOrDefault("per_minute", "4"));
        long seed = Long.parseLong(options.getOrDefault("seed", "1"));
        Path shm = Path.of("/dev/shm");
        Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "wakuchat-groupfigures") : Files.createTempDirectory("wakuchat-groupfigures");
        try {
            Map<String, Object> figures = new LinkedHashMap<>();
            int oneToOne = BandwidthBenchmark.WireSize.measure(dir.resolve("wire"), seed).total();
            var pair = BandwidthBenchmark.Traffic.measure(dir.resolve("pair"), seed, 2, window, 0, perMinute);
            double pairPublishes = (double) pair.publishes() / Math.max(pair.textsSent(), 1);
            double pairBytes = (double) pair.bytes() / Math.max(pair.textsSent(), 1);
            figures.put("one_to_one_wire_bytes_per_text", oneToOne);
            figures.put("one_to_one_publishes_per_text", format(pairPublishes));
            figures.put("one_to_one_bytes_per_text_all_included", format(pairBytes));
            for (int n : sizes) {
                long wallStart = System.nanoTime();
                Map<String, Object> group = measure(dir.resolve("n" + n), seed, n, window, perMinute);
                figures.put("chain_of_1to1_wire_bytes_per_text_n" + n, (n - 1) * oneToOne);
                figures.put("chain_of_1to1_publishes_per_text_n" + n, format((n - 1) * pairPublishes));
                figures.put("chain_of_1to1_bytes_per_text_all_included_n" + n, format((n - 1) * pairBytes));
                figures.putAll(group);
                figures.put("group_wall_s_n" + n, format((System.nanoTime() - wallStart) / 1e9));
                figures.forEach((key, value) -> System.out.println(key + "=" + value));
                figures.clear();
            }
        } finally {
            Soak.deleteRecursively(dir);
        }
    }

    /** One group of {@code n} (admin included) plus a newcomer; every figure has the suffix {@code _n<n>}. */
    static Map<String, Object> measure(Path dir, long seed, int n, Duration window, double perMinute) {
        String suffix = "_n" + n;
        Map<String, Object> figures = new LinkedHashMap<>();
        var meter = new Object() {
            boolean on;
            String sending;
            final List<WakuMessage> sentInCall = new ArrayList<>();
            long groupPublishes;
            long groupBytes;
            long otherPublishes;
            long otherBytes;
            final Set<String> pending = new HashSet<>();
            final Map<String, Set<String>> holders = new HashMap<>();
        };
        var settings = NetworkSettings.defaults();
        try (var world = new World(dir, seed, settings, DeliveryPolicy.DEFAULT, (who, event) -> {
            if (event instanceof ChatEvent.DeliveryChanged changed && changed.state() == DeliveryState.DELIVERED) {
                meter.pending.remove(changed.message().value());
            } else if (event instanceof ChatEvent.MessageAdded added) {
                meter.holders.computeIfAbsent(added.message().id().value(), id -> new HashSet<>()).add(who);
            }
        }, (who, message) -> {
            if (who.equals(meter.sending)) {
                meter.sentInCall.add(message);
            }
            if (meter.on) {
                int size = WakuMessages.encode(message).length;
                if (isGroupTopic(message)) {
                    meter.groupPublishes++;
                    meter.groupBytes += size;
                } else {
                    meter.otherPublishes++;
                    meter.otherBytes += size;
                }
            }
        })) {
            List<World.Person> people = new ArrayList<>();
            for (int i = 0; i <= n; i++) {
                people.add(world.join(String.format(Locale.ROOT, "P%02d", i)));
            }
            World.Person admin = people.getFirst();
            World.Person newcomer = people.getLast();
            List<World.Person> members = people.subList(1, n);
            Map<String, ConversationId> toAdmin = new HashMap<>();
            for (World.Person other : people.subList(1, n + 1)) {
                ConversationId id = world.connect(admin, other);
                toAdmin.put(other.name, id);
                meter.pending.add(other.engine().sendText(id, "hello").id().value());
            }
            world.runUntil(meter.pending::isEmpty, LIMIT);
            toAdmin.values().forEach(id -> meter.pending.add(admin.engine().sendText(id, "hello").id().value()));
            world.runUntil(meter.pending::isEmpty, LIMIT);

            Instant created = world.clock.now();
            meter.on = true;
            Group group = admin.engine().createGroup("figures " + n,
                    members.stream().map(m -> toAdmin.get(m.name)).toList());
            poll(world, () -> agree(group.id(), admin, members));
            figures.put("group_shown_everywhere_ms" + suffix, Duration.between(created, world.clock.now()).toMillis());
            // The group is complete once the admin's history records every invitee's join (joins
            // that arrive close together share one change) and everyone agrees on it.
            poll(world, () -> GroupJoins.joinedCount(admin.engine(), group.id()) >= n - 1
                    && agree(group.id(), admin, members));
            figures.put("group_all_joined_everywhere_ms" + suffix, Duration.between(created, world.clock.now()).toMillis());
            world.clock.runFor(Duration.ofSeconds(30));
            poll(world, () -> agree(group.id(), admin, members));
            meter.on = false;
            figures.put("group_create_publishes" + suffix, meter.groupPublishes + meter.otherPublishes);
            figures.put("group_create_bytes" + suffix, meter.groupBytes + meter.otherBytes);
            figures.put("group_epoch_after_create" + suffix, admin.engine().group(group.id()).epoch());

            // A second admin who has a 1:1 session with the creator only changes the group: the
            // others get it in one broadcast on the group topic, their secrets sealed to their wrap keys.
            World.Person second = members.getFirst();
            admin.engine().setGroupRole(group.id(), second.engine().account().id(), GroupRole.ADMIN);
            poll(world, () -> second.engine().group(group.id()).iAmAdmin() && agree(group.id(), admin, members));
            world.clock.runFor(Duration.ofSeconds(30));
            meter.groupPublishes = meter.groupBytes = meter.otherPublishes = meter.otherBytes = 0;
            meter.sentInCall.clear();
            meter.on = true;
            meter.sending = second.name;
            Instant renamedAt = world.clock.now();
            second.engine().renameGroup(group.id(), "renamed by a second admin");
            meter.sending = null;
            List<WakuMessage> changeCall = List.copyOf(meter.sentInCall);
            poll(world, () -> admin.engine().group(group.id()).name().equals("renamed by a second admin")
                    && agree(group.id(), admin, members));
            figures.put("second_admin_change_everywhere_ms" + suffix, Duration.between(renamedAt, world.clock.now()).toMillis());
            figures.put("second_admin_change_publishes_in_call" + suffix, changeCall.size());
            figures.put("second_admin_change_broadcast_bytes" + suffix, changeCall.stream().filter(GroupFiguresBenchmark::isGroupTopic)
                    .mapToInt(m -> WakuMessages.encode(m).length).max().orElse(0));
            world.clock.runFor(Duration.ofMinutes(11)); // the broadcast's later copies, the acknowledgements
            meter.on = false;
            figures.put("second_admin_change_publishes_in_all" + suffix, meter.groupPublishes + meter.otherPublishes);
            figures.put("second_admin_change_bytes_in_all" + suffix, meter.groupBytes + meter.otherBytes);

            var random = new Random(seed);
            List<World.Person> everyone = people.subList(0, n);
            for (World.Person warm : everyone.subList(0, Math.min(n, 5))) {
                warm.engine().sendText(group.id(), BandwidthBenchmark.randomText(random));
                world.clock.runFor(Duration.ofSeconds(2));
            }
            world.clock.runFor(Duration.ofSeconds(30));

            World.Person writer = members.getFirst();
            meter.sentInCall.clear();
            meter.sending = writer.name;
            writer.engine().sendText(group.id(), BandwidthBenchmark.randomText(random));
            meter.sending = null;
            List<WakuMessage> inCall = List.copyOf(meter.sentInCall);
            figures.put("group_publishes_in_send" + suffix, inCall.size());
            Optional<WakuMessage> text = inCall.stream().filter(GroupFiguresBenchmark::isGroupTopic).findFirst();
            figures.put("group_wire_bytes_per_text" + suffix, text.map(m -> (Object) WakuMessages.encode(m).length)
                    .orElse("none_published_in_sendText"));
            world.clock.runFor(Duration.ofSeconds(30));

            meter.groupPublishes = meter.groupBytes = meter.otherPublishes = meter.otherBytes = 0;
            meter.on = true;
            Instant end = world.clock.now().plus(window);
            long texts = 0;
            Duration meanGap = Duration.ofMillis((long) (60_000 / perMinute));
            while (true) {
                Duration gap = Duration.ofMillis((long) (-Math.log(1 - random.nextDouble()) * meanGap.toMillis()));
                if (world.clock.now().plus(gap).isAfter(end)) {
                    break;
                }
                world.clock.runFor(gap);
                everyone.get(random.nextInt(n)).engine().sendText(group.id(), BandwidthBenchmark.randomText(random));
                texts++;
            }
            world.clock.runFor(Duration.between(world.clock.now(), end));
            meter.on = false;
            long all = meter.groupPublishes + meter.otherPublishes;
            figures.put("group_texts_in_window" + suffix, texts);
            figures.put("group_publishes_per_text" + suffix, format((double) all / Math.max(texts, 1)));
            figures.put("group_topic_publishes_per_text" + suffix, format((double) meter.groupPublishes / Math.max(texts, 1)));
            figures.put("group_bytes_per_text_all_included" + suffix,
                    format((double) (meter.groupBytes + meter.otherBytes) / Math.max(texts, 1)));
            world.clock.runFor(Duration.ofSeconds(30));

            if (n + 1 > Group.MAX_MEMBERS) {
                // A full group takes no newcomer (GroupException): measure that part at a smaller n.
                figures.put("new_member_first_message_readable_by_all_ms" + suffix, "skipped_group_full");
                return figures;
            }
            Instant addAt = world.clock.now();
            admin.engine().addToGroup(group.id(), List.of(toAdmin.get(newcomer.name)));
            boolean invited = world.clock.runUntil(() -> newcomer.engine().groups().stream()
                    .anyMatch(g -> g.id().equals(group.id()) && g.member()), LIMIT);
            if (!invited) {
                figures.put("new_member_invite_ms" + suffix, "not_reached_in_" + LIMIT.toMinutes() + "_min");
                return figures;
            }
            Instant invitedAt = world.clock.now();
            ChatMessage first = newcomer.engine().sendText(group.id(), BandwidthBenchmark.randomText(random));
            List<String> others = everyone.stream().map(p -> p.name).toList();
            boolean readable = world.clock.runUntil(() -> meter.holders.getOrDefault(first.id().value(), Set.of())
                    .containsAll(others), LIMIT);
            Instant readableAt = world.clock.now();
            meter.pending.add(first.id().value());
            boolean delivered = world.clock.runUntil(() -> !meter.pending.contains(first.id().value()), LIMIT);
            figures.put("new_member_invite_ms" + suffix, Duration.between(addAt, invitedAt).toMillis());
            figures.put("new_member_first_message_readable_by_all_ms" + suffix, readable
                    ? Duration.between(invitedAt, readableAt).toMillis() : "not_reached_in_" + LIMIT.toMinutes() + "_min");
            figures.put("new_member_add_to_first_message_readable_ms" + suffix, readable
                    ? Duration.between(addAt, readableAt).toMillis() : "not_reached");
            figures.put("new_member_first_message_delivered_ms" + suffix, delivered
                    ? Duration.between(invitedAt, world.clock.now()).toMillis() : "not_reached_in_" + LIMIT.toMinutes() + "_min");
            return figures;
        }
    }

    /**
     * Runs until the condition holds, checking every 250 ms of virtual time: checking after every
     * task would ask up to 50 engines for their groups thousands of times.
     */
    private static void poll(World world, java.util.function.BooleanSupplier condition) {
        Instant end = world.clock.now().plus(LIMIT);
        while (!condition.getAsBoolean()) {
            if (!world.clock.now().isBefore(end)) {
                throw new IllegalStateException("not reached within " + LIMIT + " of virtual time");
            }
            world.clock.runFor(Duration.ofMillis(250));
        }
    }

    /** Every member shows the group with the admin's epoch and member list. */
    private static boolean agree(ConversationId id, World.Person admin, List<World.Person> members) {
        Group reference = admin.engine().group(id);
        if (reference.members().size() != members.size() + 1) {
            return false;
        }
        for (World.Person member : members) {
            Optional<Group> view = member.engine().groups().stream().filter(g -> g.id().equals(id)).findFirst();
            if (view.isEmpty() || view.get().epoch() != reference.epoch() || !GroupSoakRun.sameMembers(view.get(), reference)) {
                return false;
            }
        }
        return true;
    }

    static boolean isGroupTopic(WakuMessage message) {
        return message.contentTopic().name().startsWith("g-");
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
