package org.wakuchat.core.tools;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.engine.Content;
import org.wakuchat.core.engine.DeliveryPolicy;
import org.wakuchat.core.simulator.LinkConditions;
import org.wakuchat.core.simulator.NetworkSettings;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.transport.WakuMessages;
import org.wakuchat.core.wire.Envelope;
import org.wakuchat.core.wire.RatchetMessage;

/**
 * What Waku Chat costs on the wire: the size of one 100-character text message in an established
 * session (the WakuMessage protobuf as published, no RLN proof) broken down by layer, and the
 * bytes per second each user publishes at 4 messages a minute, acknowledgements and resends
 * included. Prints {@code key=value} lines. Options {@code key=value}: users, minutes, loss,
 * per_minute, seed.
 */
public final class BandwidthBenchmark {

    static final int TEXT_CHARS = 100;
    private static final int AEAD_TAG_BYTES = 16;

    private BandwidthBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        int users = Integer.parseInt(options.getOrDefault("users", "2"));
        int minutes = Integer.parseInt(options.getOrDefault("minutes", "30"));
        double loss = Double.parseDouble(options.getOrDefault("loss", "0.05"));
        double perMinute = Double.parseDouble(options.getOrDefault("per_minute", "4"));
        long seed = Long.parseLong(options.getOrDefault("seed", "1"));
        Path dir = Files.createTempDirectory("wakuchat-bandwidth");
        try {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.putAll(WireSize.measure(dir.resolve("wire"), seed).figures());
            Traffic lossy = Traffic.measure(dir.resolve("lossy"), seed, users, Duration.ofMinutes(minutes), loss, perMinute);
            Traffic lossless = Traffic.measure(dir.resolve("lossless"), seed, users, Duration.ofMinutes(minutes), 0, perMinute);
            figures.putAll(lossy.figures(""));
            figures.putAll(lossless.figures("_lossless"));
            figures.forEach((key, value) -> System.out.println(key + "=" + value));
        } finally {
            Soak.deleteRecursively(dir);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("options are key=value (users, minutes, loss, per_minute, seed): " + arg);
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return options;
    }

    static String randomText(Random random) {
        var text = new StringBuilder(TEXT_CHARS);
        while (text.length() < TEXT_CHARS) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    /** Two people on a lossless network; captures Alice's text message and Bob's acknowledgement of it. */
    record WireSize(int total, int wakuEnvelope, int ratchetLayer, int sdsHistory, int sdsOther, int content,
                    int text, int ack) {

        static WireSize measure(Path dir, long seed) {
            Map<String, List<WakuMessage>> published = new HashMap<>();
            var settings = NetworkSettings.defaults().withConditions(LinkConditions.healthy());
            try (var world = new World(dir, seed, settings, DeliveryPolicy.DEFAULT, (who, event) -> { },
                    (who, message) -> published.computeIfAbsent(who, w -> new ArrayList<>()).add(message))) {
                World.Person alice = world.join("Alice");
                World.Person bob = world.join("Bob");
                ConversationId id = world.connect(alice, bob);
                var random = new Random(seed);
                for (World.Person sender : List.of(bob, alice, bob, alice)) {
                    ChatMessage warmUp = sender.engine().sendText(id, randomText(random));
                    world.runUntil(() -> delivered(sender, warmUp), Duration.ofMinutes(5));
                }
                world.clock.runFor(Duration.ofSeconds(10));
                published.clear();
                String body = randomText(random);
                ChatMessage message = alice.engine().sendText(id, body);
                world.clock.runFor(Duration.ofSeconds(2));
                return of(published.get("Alice").getFirst(), message, body, published.get("Bob").getFirst());
            }
        }

        private static WireSize of(WakuMessage wire, ChatMessage message, String body, WakuMessage ack) {
            int total = WakuMessages.encode(wire).length;
            byte[] payload = wire.payload();
            RatchetMessage ratchet = parse(payload).getRatchet();
            int sds = ratchet.getCiphertext().size() - AEAD_TAG_BYTES;
            byte[] content = Content.newBuilder().setType(1).setBody(ByteString.copyFromUtf8(body))
                    .setSentAtMs(message.sentAt().toEpochMilli()).build().toByteArray();
            int sdsOther = CodedOutputStream.computeStringSize(2, message.id().value())
                    + CodedOutputStream.computeUInt64Size(10, message.order())
                    + CodedOutputStream.computeBytesSize(20, ByteString.copyFrom(content)) - content.length;
            return new WireSize(total, total - payload.length, payload.length - sds, sds - sdsOther - content.length,
                    sdsOther, content.length - body.getBytes(StandardCharsets.UTF_8).length,
                    body.getBytes(StandardCharsets.UTF_8).length, WakuMessages.encode(ack).length);
        }

        private static Envelope parse(byte[] payload) {
            try {
                Envelope envelope = Envelope.parseFrom(payload);
                if (!envelope.hasRatchet()) {
                    throw new IllegalStateException("expected a ratchet message in an established session");
                }
                return envelope;
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("the engine published a payload that is not an Envelope", e);
            }
        }

        Map<String, Object> figures() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("wire_bytes_per_text_message", total);
            figures.put("wire_waku_envelope_bytes", wakuEnvelope);
            figures.put("wire_ratchet_layer_bytes", ratchetLayer);
            // Every plaintext is padded (docs/crypto.md, "Padding"): without decrypting, the causal
            // history and the padding after the SDS message are one figure.
            figures.put("wire_sds_causal_history_and_padding_bytes", sdsHistory);
            figures.put("wire_sds_id_lamport_framing_bytes", sdsOther);
            figures.put("wire_content_framing_bytes", content);
            figures.put("wire_text_bytes", text);
            figures.put("wire_bytes_per_ack", ack);
            return figures;
        }
    }

    /** Users chatting at a steady rate: bytes each publishes over the window, everything included. */
    record Traffic(int users, Duration window, double loss, long textsSent, long publishes, long bytes,
                   long maxUserBytes, long firstSendBytes) {

        static Traffic measure(Path dir, long seed, int users, Duration window, double loss, double perMinute) {
            var counting = new Object() {
                boolean on;
                boolean inSend;
                long publishes;
                long bytes;
                long firstSendBytes;
                final Map<String, Long> perUser = new HashMap<>();
            };
            var settings = NetworkSettings.defaults().withConditions(LinkConditions.healthy().withLossRate(loss));
            try (var world = new World(dir, seed, settings, DeliveryPolicy.DEFAULT, (who, event) -> { }, (who, message) -> {
                if (counting.on) {
                    int size = WakuMessages.encode(message).length;
                    counting.publishes++;
                    counting.bytes += size;
                    counting.firstSendBytes += counting.inSend ? size : 0;
                    counting.perUser.merge(who, (long) size, Long::sum);
                }
            })) {
                List<World.Person> people = new ArrayList<>();
                for (int i = 0; i < users; i++) {
                    people.add(world.join("User" + i));
                }
                var random = new Random(seed);
                Map<String, ConversationId> pairs = connectAll(world, people, random);
                world.clock.runFor(Duration.ofMinutes(1));
                counting.on = true;
                Instant end = world.clock.now().plus(window);
                long sent = 0;
                Duration meanGap = Duration.ofMillis((long) (60_000 / perMinute / users));
                while (true) {
                    Duration gap = Duration.ofMillis((long) (-Math.log(1 - random.nextDouble()) * meanGap.toMillis()));
                    if (world.clock.now().plus(gap).isAfter(end)) {
                        break;
                    }
                    world.clock.runFor(gap);
                    World.Person from = people.get(random.nextInt(users));
                    World.Person to = people.get((people.indexOf(from) + 1 + random.nextInt(users - 1)) % users);
                    counting.inSend = true;
                    from.engine().sendText(pairs.get(key(from, to)), randomText(random));
                    counting.inSend = false;
                    sent++;
                }
                world.clock.runFor(Duration.between(world.clock.now(), end));
                counting.on = false;
                long max = counting.perUser.values().stream().mapToLong(Long::longValue).max().orElse(0);
                return new Traffic(users, window, loss, sent, counting.publishes, counting.bytes, max,
                        counting.firstSendBytes);
            }
        }

        /** Every pair gets a conversation in which both have sent and been acknowledged once. */
        private static Map<String, ConversationId> connectAll(World world, List<World.Person> people, Random random) {
            Map<String, ConversationId> pairs = new HashMap<>();
            for (int i = 0; i < people.size(); i++) {
                for (int j = i + 1; j < people.size(); j++) {
                    World.Person a = people.get(i);
                    World.Person b = people.get(j);
                    ConversationId id = world.connect(a, b);
                    pairs.put(key(a, b), id);
                    pairs.put(key(b, a), id);
                    for (World.Person sender : List.of(b, a)) {
                        ChatMessage hello = sender.engine().sendText(id, randomText(random));
                        world.runUntil(() -> delivered(sender, hello), Duration.ofHours(1));
                    }
                }
            }
            return pairs;
        }

        private static String key(World.Person from, World.Person to) {
            return from.name + ">" + to.name;
        }

        Map<String, Object> figures(String suffix) {
            double seconds = window.toSeconds();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("bytes_per_sec_per_user" + suffix, format(bytes / seconds / users));
            figures.put("bytes_per_sec_busiest_user" + suffix, format(maxUserBytes / seconds));
            figures.put("first_send_bytes_per_sec_per_user" + suffix, format(firstSendBytes / seconds / users));
            figures.put("other_bytes_per_sec_per_user" + suffix, format((bytes - firstSendBytes) / seconds / users));
            figures.put("publishes_per_text_message" + suffix, format((double) publishes / Math.max(textsSent, 1)));
            figures.put("texts_sent" + suffix, textsSent);
            figures.put("users" + suffix, users);
            figures.put("window_s" + suffix, window.toSeconds());
            figures.put("loss" + suffix, loss);
            return figures;
        }

        private static String format(double value) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
    }

    static boolean delivered(World.Person sender, ChatMessage message) {
        return sender.engine().messages(message.conversation(), 0, Integer.MAX_VALUE).stream()
                .anyMatch(m -> m.id().equals(message.id()) && m.state() == DeliveryState.DELIVERED);
    }
}
