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
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.engine.Content;
import org.wakuchat.core.engine.DeliveryPolicy;
import org.wakuchat.core.session.Padding;
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
        DeliveryPolicy policy = policy(options);
        Path dir = Files.createTempDirectory("wakuchat-bandwidth");
        try {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.putAll(WireSize.measure(dir.resolve("wire"), seed).figures());
            Traffic lossy = Traffic.measure(dir.resolve("lossy"), seed, users, Duration.ofMinutes(minutes), loss, perMinute,
                    policy);
            Traffic lossless = Traffic.measure(dir.resolve("lossless"), seed, users, Duration.ofMinutes(minutes), 0,
                    perMinute, policy);
            figures.put("ack_window_ms", policy.ackWindow().toMillis());
            figures.put("first_retry_ms", policy.firstRetry().toMillis());
            figures.putAll(lossy.figures(""));
            figures.putAll(lossless.figures("_lossless"));
            figures.forEach((key, value) -> System.out.println(key + "=" + value));
        } finally {
            Soak.deleteRecursively(dir);
        }
    }

    /**
     * The engine's default delivery policy, or with {@code ack_window_ms} (how long an
     * acknowledgement waits for a reply) and {@code first_retry_ms} given: to measure other windows.
     */
    static DeliveryPolicy policy(Map<String, String> options) {
        DeliveryPolicy policy = DeliveryPolicy.DEFAULT;
        if (options.containsKey("ack_window_ms") || options.containsKey("first_retry_ms")) {
            policy = policy.withAckWindow(
                    Duration.ofMillis(Long.parseLong(options.getOrDefault("ack_window_ms", String.valueOf(policy.ackWindow().toMillis())))),
                    Duration.ofMillis(Long.parseLong(options.getOrDefault("first_retry_ms", String.valueOf(policy.firstRetry().toMillis())))));
        }
        return policy;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException(
                        "options are key=value (users, minutes, loss, per_minute, seed, ack_window_ms, first_retry_ms): " + arg);
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

    /**
     * Two people on a lossless network; captures Alice's text message and Bob's acknowledgement of
     * it, then replies of 1, 2, 3 … characters (Bob writes, Alice answers) to find the longest that is
     * as small on the wire as the acknowledgement (in the smallest padding bucket: an acknowledgement
     * looks like such a reply).
     */
    record WireSize(int total, int wakuEnvelope, int ratchetLayer, int sdsHistory, int sdsOther, int content,
                    int text, int ack, int shortTextMaxChars) {

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
                // the acknowledgement waits for a reply for the ack window, then goes alone
                world.clock.runFor(DeliveryPolicy.DEFAULT.ackWindow().plusSeconds(2));
                WakuMessage text = published.get("Alice").getFirst();
                WakuMessage ack = published.get("Bob").getFirst();
                int ackBytes = WakuMessages.encode(ack).length;
                int shortest = 0;
                for (int chars = 1; chars <= TEXT_CHARS; chars++) {
                    // a short reply: Bob has written, Alice answers (her text carries the acknowledgement)
                    ChatMessage fromBob = bob.engine().sendText(id, randomText(random));
                    world.runUntil(() -> delivered(bob, fromBob), Duration.ofMinutes(5));
                    published.clear();
                    alice.engine().sendText(id, randomText(random).substring(0, chars));
                    world.clock.runFor(DeliveryPolicy.DEFAULT.ackWindow().plusSeconds(2));
                    // in the ack's bucket: the ratchet's counters make sizes within a bucket differ by a few bytes
                    if (WakuMessages.encode(published.get("Alice").getFirst()).length >= ackBytes + Padding.MIN_BUCKET / 2) {
                        break;
                    }
                    shortest = chars;
                }
                return of(text, message, body, ack, shortest);
            }
        }

        private static WireSize of(WakuMessage wire, ChatMessage message, String body, WakuMessage ack, int shortest) {
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
                    body.getBytes(StandardCharsets.UTF_8).length, WakuMessages.encode(ack).length, shortest);
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
            figures.put("wire_short_text_max_chars_as_small_as_ack", shortTextMaxChars);
            return figures;
        }
    }

    /**
     * Users chatting at a steady rate: bytes each publishes over the window, everything included,
     * and what the publishes were: first sends of texts, pure acknowledgements (smaller than a
     * text: the ack bucket; at loss 0 exactly publishes − texts), resends; how many texts were
     * confirmed by a reply (the DELIVERED tick came with a new message from the peer) and the
     * send → DELIVERED latency in virtual time.
     */
    record Traffic(int users, Duration window, double loss, long textsSent, long publishes, long bytes,
                   long maxUserBytes, long firstSendBytes, long pureAcks, long pureAckBytes, long confirmed,
                   long deliveredByReply, long p50Ms, long p95Ms) {

        static Traffic measure(Path dir, long seed, int users, Duration window, double loss, double perMinute) {
            return measure(dir, seed, users, window, loss, perMinute, DeliveryPolicy.DEFAULT);
        }

        static Traffic measure(Path dir, long seed, int users, Duration window, double loss, double perMinute,
                               DeliveryPolicy policy) {
            var counting = new Object() {
                boolean on;
                boolean inSend;
                long publishes;
                long bytes;
                long firstSendBytes;
                long firstSendSize;
                long smaller;
                long smallerBytes;
                final Map<String, Long> perUser = new HashMap<>();
                final Map<String, Instant> sentAt = new HashMap<>();
                final Map<String, Instant> lastNewFromPeer = new HashMap<>();
                final List<Long> latencies = new ArrayList<>();
                long byReply;
            };
            var settings = NetworkSettings.defaults().withConditions(LinkConditions.healthy().withLossRate(loss));
            VirtualClockHolder clock = new VirtualClockHolder();
            try (var world = new World(dir, seed, settings, policy, (who, event) -> {
                if (event instanceof ChatEvent.MessageAdded(var m) && !m.outgoing()) {
                    counting.lastNewFromPeer.put(who, clock.now());
                } else if (event instanceof ChatEvent.DeliveryChanged(var c, var id, var state)
                        && state == DeliveryState.DELIVERED) {
                    Instant sent = counting.sentAt.remove(id.value());
                    if (sent != null) {
                        counting.latencies.add(Duration.between(sent, clock.now()).toMillis());
                        if (clock.now().equals(counting.lastNewFromPeer.get(who))) {
                            counting.byReply++;
                        }
                    }
                }
            }, (who, message) -> {
                if (counting.on) {
                    int size = WakuMessages.encode(message).length;
                    counting.publishes++;
                    counting.bytes += size;
                    if (counting.inSend) {
                        counting.firstSendBytes += size;
                        counting.firstSendSize = size;
                    } else if (counting.firstSendSize > 0 && size < counting.firstSendSize) {
                        counting.smaller++;
                        counting.smallerBytes += size;
                    }
                    counting.perUser.merge(who, (long) size, Long::sum);
                }
            })) {
                clock.world = world;
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
                    ChatMessage text = from.engine().sendText(pairs.get(key(from, to)), randomText(random));
                    counting.inSend = false;
                    counting.sentAt.put(text.id().value(), world.clock.now());
                    sent++;
                }
                world.clock.runFor(Duration.between(world.clock.now(), end));
                counting.on = false;
                long max = counting.perUser.values().stream().mapToLong(Long::longValue).max().orElse(0);
                List<Long> sorted = new ArrayList<>(counting.latencies);
                java.util.Collections.sort(sorted);
                // at loss 0 nothing is resent: every publish beyond the texts is a pure acknowledgement
                long pureAcks = loss == 0 ? counting.publishes - sent : counting.smaller;
                long pureAckBytes = loss == 0 ? counting.bytes - counting.firstSendBytes : counting.smallerBytes;
                return new Traffic(users, window, loss, sent, counting.publishes, counting.bytes, max,
                        counting.firstSendBytes, pureAcks, pureAckBytes, sorted.size(), counting.byReply,
                        percentile(sorted, 50), percentile(sorted, 95));
            }
        }

        private static long percentile(List<Long> sorted, int p) {
            if (sorted.isEmpty()) {
                return 0;
            }
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        }

        /** The world's clock for the event sink, which is made before the world. */
        private static final class VirtualClockHolder {
            World world;

            Instant now() {
                return world.clock.now();
            }
        }

        /** Publishes that were neither a text's first send nor a pure acknowledgement: resends. */
        long resends() {
            return publishes - textsSent - pureAcks;
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
            figures.put("pure_acks_per_text" + suffix, format3((double) pureAcks / Math.max(textsSent, 1)));
            figures.put("pure_ack_bytes_mean" + suffix, format((double) pureAckBytes / Math.max(pureAcks, 1)));
            figures.put("resends_per_text" + suffix, format3((double) resends() / Math.max(textsSent, 1)));
            figures.put("texts_confirmed_by_reply_share" + suffix, format3((double) deliveredByReply / Math.max(confirmed, 1)));
            figures.put("delivery_p50_ms" + suffix, p50Ms);
            figures.put("delivery_p95_ms" + suffix, p95Ms);
            figures.put("texts_sent" + suffix, textsSent);
            figures.put("users" + suffix, users);
            figures.put("window_s" + suffix, window.toSeconds());
            figures.put("loss" + suffix, loss);
            return figures;
        }

        private static String format(double value) {
            return String.format(Locale.ROOT, "%.1f", value);
        }

        private static String format3(double value) {
            return String.format(Locale.ROOT, "%.3f", value);
        }
    }

    static boolean delivered(World.Person sender, ChatMessage message) {
        return sender.engine().messages(message.conversation(), 0, Integer.MAX_VALUE).stream()
                .anyMatch(m -> m.id().equals(message.id()) && m.state() == DeliveryState.DELIVERED);
    }
}
