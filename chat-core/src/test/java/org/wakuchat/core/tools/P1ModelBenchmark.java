package org.wakuchat.core.tools;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wakuchat.core.engine.DeliveryPolicy;
import org.wakuchat.core.simulator.LinkConditions;
import org.wakuchat.core.simulator.NetworkSettings;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.transport.WakuMessages;

/**
 * Issue 16's P1 model, runnable ({@code -Pp1model}): the engine's own per-message figures, measured
 * now on the simulator by {@link BandwidthBenchmark}'s code (text and ack size, publishes and bytes
 * per text at {@code loss}, what a session start publishes), the RLN proof's size from nwaku's
 * RateLimitProof protobuf, and the relay overheads of {@link RelayMeshBenchmark} (options
 * {@code copies} a relay node receives of each message, {@code per_copy_framing_bytes} and
 * {@code per_copy_b} of the fit per copy, {@code idle_bytes_per_sec}; or {@code relay_a} and
 * {@code relay_b} directly), put through {@link P1Model}.
 * Prints the inputs it used and the P1 figures, {@code key=value}. Options (defaults): users=10000
 * per_minute=4 online=1 shards=8 loss=0.05 minutes=30 rln=true sessions_per_day=1 catchups_per_day=6
 * catchup_bytes=600, the relay figures or relay_from=&lt;a saved -Prelaymesh output&gt;; and text_bytes, ack_bytes, publishes_per_text, bytes_per_text_published
 * to skip the simulator; ack_window_ms and first_retry_ms to measure another acknowledgement window;
 * chart=&lt;file.svg&gt; to also measure other message rates and losses and draw how the figure grows
 * ({@link GrowthChart}). Besides the P1 figures it prints the floor ({@code p1_floor_…}), where a
 * text's bytes go ({@code p1_wire_…}) and the same for the engine before issue 16 part 3
 * ({@code before_…}).
 */
public final class P1ModelBenchmark {

    /**
     * Relay overheads measured with {@code -Prelaymesh} on 8 nwaku nodes in a ring of 6 peers each,
     * mesh degree 6 = nwaku's D (docs/benchmarks/p1-bandwidth.md, 2 December 2026); pass a new run's
     * figures as options or {@code relay_from=<its saved output>}.
     */
    static final Map<String, String> MEASURED_RELAY = Map.of("copies", "5.1", "per_copy_framing_bytes", "58.8",
            "per_copy_b", "1.044", "idle_bytes_per_sec", "307.9");

    private P1ModelBenchmark() {
    }

    /**
     * The engine's figures before issue 16 part 3 (wire version 2 as merged on 2 December 2026: every
     * plaintext padded to at least 256 bytes, acknowledgements 150 ms after arrival, first resend at
     * 1.5 s), as this tool measured them then ({@code -Pp1model}, loss 0.05, seed 1; the split into
     * pure acknowledgements and resends, the replies' share and the latencies measured with that
     * policy, {@code -Pbandwidth -Dbandwidth.args="ack_window_ms=150 first_retry_ms=1500"}): the
     * "before" of the printed breakdown.
     */
    static final EngineFigures BEFORE_ACK_WINDOW = new EngineFigures(393, 393, 2.067, 813.8, 2, 899,
            1.009, 393, 0.058, 0.013, 209, 1691);

    /**
     * What the engine publishes, per text and per session start (WakuMessage bytes, no RLN proof).
     *
     * @param pureAcksPerText          acknowledgements sent alone, per text (the rest rode on a reply)
     * @param pureAckBytes             their mean size
     * @param resendsPerText           resends of texts, per text
     * @param confirmedByReplyShare    share of texts whose DELIVERED tick came with the peer's reply
     * @param deliveryP50Ms            send → DELIVERED in virtual time (NaN: not measured)
     * @param deliveryP95Ms            likewise, 95th percentile
     */
    record EngineFigures(int textBytes, int ackBytes, double publishesPerText, double bytesPerTextPublished,
                         double sessionStartMessages, double sessionStartBytes, double pureAcksPerText,
                         double pureAckBytes, double resendsPerText, double confirmedByReplyShare,
                         double deliveryP50Ms, double deliveryP95Ms) {

        /** Figures given as options: no breakdown of the publishes. */
        EngineFigures(int textBytes, int ackBytes, double publishesPerText, double bytesPerTextPublished,
                      double sessionStartMessages, double sessionStartBytes) {
            this(textBytes, ackBytes, publishesPerText, bytesPerTextPublished, sessionStartMessages, sessionStartBytes,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }

        P1Model model(P1Model.Inputs like) {
            return new P1Model(new P1Model.Inputs(like.users(), like.textsPerMinute(), like.onlineShare(), like.shards(),
                    publishesPerText, bytesPerTextPublished, like.rlnProofBytes(), like.sessionStartsPerUserPerDay(),
                    sessionStartMessages, sessionStartBytes, like.catchupQueriesPerUserPerDay(), like.catchupQueryBytes(),
                    like.relayA(), like.relayB(), like.idleBytesPerSec()));
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>(MEASURED_RELAY);
        options.putAll(Map.of("users", "10000", "per_minute", "4", "online", "1", "shards", "8", "loss", "0.05",
                "rln", "true", "sessions_per_day", "1", "catchups_per_day", "6", "catchup_bytes", "600"));
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("options are key=value: " + arg);
            }
            options.put(pair[0], pair[1]);
        }
        if (options.containsKey("relay_from")) {
            options.putAll(relayFrom(Path.of(options.get("relay_from"))));
        }
        EngineFigures engine = engineFigures(options);
        double rln = Boolean.parseBoolean(options.get("rln")) ? rlnProofBytesOnWakuMessage() : 0;
        // a relay node gets `copies` copies of each message, each costing framing + b · size
        double copies = d(options, "copies");
        options.putIfAbsent("relay_a", P1Model.f1(copies * d(options, "per_copy_framing_bytes")));
        options.putIfAbsent("relay_b", P1Model.f3(copies * d(options, "per_copy_b")));
        var model = new P1Model(new P1Model.Inputs(d(options, "users"), d(options, "per_minute"), d(options, "online"),
                Integer.parseInt(options.get("shards")), engine.publishesPerText(), engine.bytesPerTextPublished(), rln,
                d(options, "sessions_per_day"), engine.sessionStartMessages(), engine.sessionStartBytes(),
                d(options, "catchups_per_day"), d(options, "catchup_bytes"), d(options, "relay_a"), d(options, "relay_b"),
                d(options, "idle_bytes_per_sec")));
        print("in_users", options.get("users"));
        print("in_texts_per_minute", options.get("per_minute"));
        print("in_online_share", options.get("online"));
        print("in_loss", options.get("loss"));
        print("in_text_bytes", engine.textBytes());
        print("in_ack_bytes", engine.ackBytes());
        print("in_publishes_per_text", P1Model.f3(engine.publishesPerText()));
        print("in_bytes_per_text_published", P1Model.f1(engine.bytesPerTextPublished()));
        print("in_session_start_messages", P1Model.f1(engine.sessionStartMessages()));
        print("in_session_start_bytes", P1Model.f1(engine.sessionStartBytes()));
        print("in_sessions_per_user_per_day", options.get("sessions_per_day"));
        print("in_catchups_per_user_per_day", options.get("catchups_per_day"));
        print("in_catchup_bytes", options.get("catchup_bytes"));
        print("in_rln_proof_bytes", P1Model.f1(rln));
        print("in_copies_per_message", options.get("copies"));
        print("in_per_copy_framing_bytes", options.get("per_copy_framing_bytes"));
        print("in_per_copy_b", options.get("per_copy_b"));
        print("in_relay_a_bytes", options.get("relay_a"));
        print("in_relay_b", options.get("relay_b"));
        print("in_idle_bytes_per_sec", options.get("idle_bytes_per_sec"));
        print("in_shards", options.get("shards"));
        print("in_pure_acks_per_text", P1Model.f3(engine.pureAcksPerText()));
        print("in_pure_ack_bytes", P1Model.f1(engine.pureAckBytes()));
        print("in_resends_per_text", P1Model.f3(engine.resendsPerText()));
        print("in_texts_confirmed_by_reply_share", P1Model.f3(engine.confirmedByReplyShare()));
        print("in_delivery_p50_ms", P1Model.f1(engine.deliveryP50Ms()));
        print("in_delivery_p95_ms", P1Model.f1(engine.deliveryP95Ms()));
        print("in_empty_waku_message_bytes", emptyWakuMessageBytes());
        model.figures().forEach(P1ModelBenchmark::print);
        model.floorFigures(emptyWakuMessageBytes()).forEach(P1ModelBenchmark::print);
        breakdown("p1_", model, engine);
        P1Model before = BEFORE_ACK_WINDOW.model(model.in());
        before.figures().forEach((key, value) -> print("before_" + key, value));
        breakdown("before_p1_", before, BEFORE_ACK_WINDOW);
        print("before_in_pure_acks_per_text", P1Model.f3(BEFORE_ACK_WINDOW.pureAcksPerText()));
        print("before_in_delivery_p95_ms", P1Model.f1(BEFORE_ACK_WINDOW.deliveryP95Ms()));
        if (options.containsKey("chart")) {
            GrowthChart.measureAndWrite(options, model.in(), Path.of(options.get("chart")));
        }
    }

    /**
     * Where a text's bytes on the wire go: the text itself, the acknowledgements sent alone, the
     * resends (what remains of the published bytes), and of all that the RLN proofs and the copies
     * beyond the first.
     */
    static void breakdown(String prefix, P1Model model, EngineFigures engine) {
        if (Double.isNaN(engine.pureAcksPerText())) {
            return;
        }
        double resendMessages = model.in().publishesPerText() - 1 - engine.pureAcksPerText();
        double resendBytes = model.in().bytesPerTextPublished() - engine.textBytes()
                - engine.pureAcksPerText() * engine.pureAckBytes();
        print(prefix + "wire_text_bytes", P1Model.f1(model.onWire(1, engine.textBytes())));
        print(prefix + "wire_pure_ack_bytes", P1Model.f1(model.onWire(engine.pureAcksPerText(),
                engine.pureAcksPerText() * engine.pureAckBytes())));
        print(prefix + "wire_resend_and_session_bytes", P1Model.f1(model.onWire(resendMessages, resendBytes)));
        print(prefix + "wire_rln_proof_bytes", P1Model.f1(model.in().relayB() * model.in().publishesPerText()
                * model.in().rlnProofBytes()));
    }

    /**
     * A WakuMessage with nothing in it but a conversation's content topic and a whole-second
     * timestamp: what the floor's messages would be (14/WAKU2-MESSAGE does not write an empty payload).
     */
    static int emptyWakuMessageBytes() {
        var topic = ContentTopic.parse("/wakuchat/1/c-0123456789abcdef/proto");
        return WakuMessages.encode(WakuMessage.of(new byte[0], topic, 1_764_633_600L * 1_000_000_000L)).length;
    }

    /** The fit and idle traffic from a saved {@code -Prelaymesh} output ({@code key=value} lines). */
    static Map<String, String> relayFrom(Path file) throws IOException {
        Map<String, String> mesh = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                mesh.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        Map<String, String> relay = new HashMap<>();
        for (var pair : List.of(List.of("relay_per_copy_framing_bytes", "per_copy_framing_bytes"),
                List.of("relay_per_copy_b", "per_copy_b"), List.of("relay_copies_per_node_per_msg_mean", "copies"),
                List.of("idle_bytes_in_per_sec_per_node", "idle_bytes_per_sec"))) {
            String value = mesh.get(pair.get(0));
            if (value == null) {
                throw new IllegalArgumentException(file + " has no " + pair.get(0) + ": not a -Prelaymesh output");
            }
            relay.put(pair.get(1), value);
        }
        return relay;
    }

    private static double d(Map<String, String> options, String key) {
        return Double.parseDouble(options.get(key));
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }

    /**
     * The engine's figures: the options {@code text_bytes}, {@code ack_bytes},
     * {@code publishes_per_text}, {@code bytes_per_text_published}, {@code session_start_messages},
     * {@code session_start_bytes} when all are given, else measured on the simulator now (two users,
     * {@code minutes} of chat at {@code per_minute} under {@code loss}), so they follow the wire format.
     */
    static EngineFigures engineFigures(Map<String, String> options) throws IOException {
        List<String> keys = List.of("text_bytes", "ack_bytes", "publishes_per_text", "bytes_per_text_published",
                "session_start_messages", "session_start_bytes");
        if (keys.stream().allMatch(options::containsKey)) {
            return new EngineFigures(Integer.parseInt(options.get("text_bytes")), Integer.parseInt(options.get("ack_bytes")),
                    Double.parseDouble(options.get("publishes_per_text")), Double.parseDouble(options.get("bytes_per_text_published")),
                    Double.parseDouble(options.get("session_start_messages")), Double.parseDouble(options.get("session_start_bytes")));
        }
        Path dir = Files.createTempDirectory("wakuchat-p1model");
        try {
            long seed = Long.parseLong(options.getOrDefault("seed", "1"));
            var wire = BandwidthBenchmark.WireSize.measure(dir.resolve("wire"), seed);
            long[] session = sessionStart(dir.resolve("session"), seed);
            return measured(dir.resolve("traffic"), options, wire, session,
                    Double.parseDouble(options.getOrDefault("per_minute", "4")),
                    Double.parseDouble(options.getOrDefault("loss", "0.05")));
        } finally {
            Soak.deleteRecursively(dir);
        }
    }

    /** Two users chatting on the simulator at {@code perMinute} each under {@code loss}, with the wire sizes and session start given. */
    static EngineFigures measured(Path dir, Map<String, String> options, BandwidthBenchmark.WireSize wire, long[] session,
                                  double perMinute, double loss) {
        var traffic = BandwidthBenchmark.Traffic.measure(dir, Long.parseLong(options.getOrDefault("seed", "1")), 2,
                Duration.ofMinutes(Long.parseLong(options.getOrDefault("minutes", "30"))), loss, perMinute,
                BandwidthBenchmark.policy(options));
        double texts = traffic.textsSent();
        return new EngineFigures(wire.total(), wire.ack(), traffic.publishes() / texts, traffic.bytes() / texts,
                session[0], session[1], traffic.pureAcks() / texts,
                (double) traffic.pureAckBytes() / Math.max(traffic.pureAcks(), 1), traffic.resends() / texts,
                (double) traffic.deliveredByReply() / Math.max(traffic.confirmed(), 1), traffic.p50Ms(), traffic.p95Ms());
    }

    /**
     * WakuMessages and their bytes published from accepting an invite through the invitee's first
     * text (it carries the session's handshake: accepting alone publishes nothing) and 60 s after.
     */
    static long[] sessionStart(Path dir, long seed) {
        var counting = new Object() {
            boolean on;
            long messages;
            long bytes;
        };
        var settings = NetworkSettings.defaults().withConditions(LinkConditions.healthy());
        try (var world = new World(dir, seed, settings, DeliveryPolicy.DEFAULT, (who, event) -> { }, (who, message) -> {
            if (counting.on) {
                counting.messages++;
                counting.bytes += WakuMessages.encode(message).length;
            }
        })) {
            World.Person alice = world.join("Alice");
            World.Person bob = world.join("Bob");
            world.clock.runFor(Duration.ofSeconds(10));
            counting.on = true;
            var id = world.connect(alice, bob);
            bob.engine().sendText(id, BandwidthBenchmark.randomText(new java.util.Random(seed)));
            world.clock.runFor(Duration.ofSeconds(60));
            return new long[] {counting.messages, counting.bytes};
        }
    }

    /**
     * nwaku's RateLimitProof protobuf (waku_rln_relay/protocol_types.nim: proof 128 bytes, then
     * merkle root, epoch, share x, share y, nullifier, rln identifier of 32 each, fields 1–7) as
     * WakuMessage field 21 adds it: what every message on The Waku Network carries. This library
     * cannot make proofs (libwaku is built without RLN), so the size comes from the fields.
     */
    static int rlnProofBytesOnWakuMessage() {
        int proof = CodedOutputStream.computeByteArraySize(1, new byte[128]);
        for (int field = 2; field <= 7; field++) {
            proof += CodedOutputStream.computeByteArraySize(field, new byte[32]);
        }
        var topic = ContentTopic.parse("/wakuchat/1/p1/proto");
        var without = new WakuMessage(new byte[300], topic, 0, 1L, new byte[0], new byte[0], false);
        var with = new WakuMessage(new byte[300], topic, 0, 1L, new byte[0], new byte[proof], false);
        return WakuMessages.encode(with).length - WakuMessages.encode(without).length;
    }
}
