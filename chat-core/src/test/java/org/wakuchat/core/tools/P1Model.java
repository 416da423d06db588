package org.wakuchat.core.tools;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Chat SDK's P1 as arithmetic (issue 16): what {@code users} in 1:1 conversations, each
 * sending {@code textsPerMinute} texts, cost every relay node of a shard. Per text the engine
 * publishes {@code publishesPerText} WakuMessages (the text, its acknowledgement, resends at the
 * loss it was measured at) of {@code bytesPerTextPublished} bytes in all; The Waku Network adds an
 * RLN proof of {@code rlnProofBytes} to each. A relay node receives, per WakuMessage of {@code M}
 * bytes published on its shard, {@code relayA + relayB · M} bytes (the fit of the nwaku mesh
 * measurement: duplicate copies, gossipsub and libp2p framing, gossip), plus
 * {@code idleBytesPerSec} of control traffic with no messages at all. Autosharding spreads the
 * conversations' content topics evenly over {@code shards}, so one shard carries 1/shards of the
 * traffic. Session starts add their own messages; catch-up queries go to a Store node (request and
 * response), not onto the relay shard, so they count in the user's bytes, not the shard's.
 */
record P1Model(Inputs in) {

    static final double BUDGET_MBPS = 10;
    static final double SECONDS_PER_DAY = 86_400;

    /**
     * @param users                       users in all (P1: 10,000 active)
     * @param textsPerMinute              texts each online user sends a minute (P1: 4)
     * @param onlineShare                 share of the users online and chatting (1: P1's "active")
     * @param shards                      shards the conversations spread over (1: P1 as stated; 8: TWN)
     * @param publishesPerText            WakuMessages published per text sent (text, ack, resends)
     * @param bytesPerTextPublished       their WakuMessage bytes in all, per text sent (no RLN proof)
     * @param rlnProofBytes               bytes an RLN proof adds to each WakuMessage (0 off TWN)
     * @param sessionStartsPerUserPerDay  conversations each user starts a day
     * @param sessionStartMessages        WakuMessages published by a session start
     * @param sessionStartBytes           their bytes in all
     * @param catchupQueriesPerUserPerDay Store catch-ups each user makes a day (app starts, wake-ups)
     * @param catchupQueryBytes           bytes of one catch-up on the user's link (request and answer headers)
     * @param relayA                      bytes a relay node receives per message on its shard, whatever its size
     * @param relayB                      bytes a relay node receives per byte of WakuMessage (≈ copies received)
     * @param idleBytesPerSec             bytes a relay node receives a second on a shard with no messages
     */
    record Inputs(double users, double textsPerMinute, double onlineShare, int shards, double publishesPerText,
                  double bytesPerTextPublished, double rlnProofBytes, double sessionStartsPerUserPerDay,
                  double sessionStartMessages, double sessionStartBytes, double catchupQueriesPerUserPerDay,
                  double catchupQueryBytes, double relayA, double relayB, double idleBytesPerSec) {

        Inputs {
            if (users < 0 || textsPerMinute < 0 || onlineShare < 0 || onlineShare > 1 || shards < 1 || publishesPerText < 1) {
                throw new IllegalArgumentException("users, rate ≥ 0, online share 0..1, shards ≥ 1, publishes per text ≥ 1");
            }
        }

        Inputs withUsers(double n) {
            return new Inputs(n, textsPerMinute, onlineShare, shards, publishesPerText, bytesPerTextPublished, rlnProofBytes,
                    sessionStartsPerUserPerDay, sessionStartMessages, sessionStartBytes, catchupQueriesPerUserPerDay,
                    catchupQueryBytes, relayA, relayB, idleBytesPerSec);
        }
    }

    P1Model withUsers(double users) {
        return new P1Model(in.withUsers(users));
    }

    double onlineUsers() {
        return in.users() * in.onlineShare();
    }

    /** Texts sent a second by everyone online, on all shards together. */
    double textsPerSec() {
        return onlineUsers() * in.textsPerMinute() / 60;
    }

    private double sessionStartsPerSec() {
        return onlineUsers() * in.sessionStartsPerUserPerDay() / SECONDS_PER_DAY;
    }

    /** WakuMessages a second on one of {@code shards} shards. */
    double messagesPerSec(int shards) {
        return (textsPerSec() * in.publishesPerText() + sessionStartsPerSec() * in.sessionStartMessages()) / shards;
    }

    /** WakuMessage bytes (RLN proofs included) published a second on one of {@code shards} shards. */
    double wakuBytesPerSec(int shards) {
        return (textsPerSec() * (in.bytesPerTextPublished() + in.publishesPerText() * in.rlnProofBytes())
                + sessionStartsPerSec() * (in.sessionStartBytes() + in.sessionStartMessages() * in.rlnProofBytes())) / shards;
    }

    /** What one relay node of a shard receives a second, with the conversations spread over {@code shards}. */
    double relayBytesInPerSec(int shards) {
        return messagesPerSec(shards) * in.relayA() + wakuBytesPerSec(shards) * in.relayB() + in.idleBytesPerSec();
    }

    /** Everything a relay node of the text's shard receives per text sent: the text, its ack, resends, with proofs. */
    double bytesPerTextOnWire() {
        return onWire(in.publishesPerText(), in.bytesPerTextPublished());
    }

    /**
     * What a relay node receives for {@code messages} WakuMessages of {@code bytes} in all (no
     * proofs) published on its shard: every copy's framing, every copy of message and proof. For
     * the breakdown of a text's bytes into the text, its acknowledgements and resends.
     */
    double onWire(double messages, double bytes) {
        return messages * in.relayA() + in.relayB() * (bytes + messages * in.rlnProofBytes());
    }

    /**
     * The floor: this model if Waku Chat sent one WakuMessage per text with an empty payload and
     * no acknowledgements, resends or session starts ({@code emptyMessageBytes}: content topic and
     * timestamp alone). What is left is the RLN proof, Waku's own fields and the relay's framing,
     * times the copies gossipsub delivers: what no change to Waku Chat's messages can remove.
     */
    P1Model floor(double emptyMessageBytes) {
        return new P1Model(new Inputs(in.users(), in.textsPerMinute(), in.onlineShare(), in.shards(), 1,
                emptyMessageBytes, in.rlnProofBytes(), 0, 0, 0, in.catchupQueriesPerUserPerDay(),
                in.catchupQueryBytes(), in.relayA(), in.relayB(), in.idleBytesPerSec()));
    }

    double mbps(int shards) {
        return relayBytesInPerSec(shards) * 8 / 1e6;
    }

    /** A user's own Store catch-ups a second, averaged over the day (off the shard). */
    double catchupBytesPerSecPerUser() {
        return in.catchupQueriesPerUserPerDay() * in.catchupQueryBytes() / SECONDS_PER_DAY;
    }

    /** The required keys for {@code in.users()} (named for 10,000, P1's figure), and what they came from. */
    Map<String, String> figures() {
        Map<String, String> figures = new LinkedHashMap<>();
        String users = usersKey();
        figures.put("p1_shard_mbps_" + users + "_users", f3(mbps(1)));
        figures.put("p1_shard_mbps_" + users + "_users_" + in.shards() + "_shards", f3(mbps(in.shards())));
        figures.put("p1_bytes_per_text_on_wire", f1(bytesPerTextOnWire()));
        figures.put("p1_budget_ratio", f3(mbps(1) / BUDGET_MBPS));
        figures.put("p1_budget_ratio_" + in.shards() + "_shards", f3(mbps(in.shards()) / BUDGET_MBPS));
        figures.put("p1_messages_per_sec_per_shard", f1(messagesPerSec(1)));
        figures.put("p1_messages_per_sec_per_shard_" + in.shards() + "_shards", f1(messagesPerSec(in.shards())));
        figures.put("p1_idle_share_" + in.shards() + "_shards", f3(in.idleBytesPerSec() / relayBytesInPerSec(in.shards())));
        figures.put("p1_catchup_bytes_per_sec_per_user", f3(catchupBytesPerSecPerUser()));
        return figures;
    }

    /**
     * {@code p1_floor_mbps_…} (one shard), {@code …_8_shards} and {@code p1_floor_bytes_per_text_on_wire}:
     * the {@linkplain #floor floor} for this model's users and rate.
     */
    Map<String, String> floorFigures(double emptyMessageBytes) {
        P1Model floor = floor(emptyMessageBytes);
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("p1_floor_mbps_" + usersKey() + "_users", f3(floor.mbps(1)));
        figures.put("p1_floor_mbps_" + usersKey() + "_users_" + in.shards() + "_shards", f3(floor.mbps(in.shards())));
        figures.put("p1_floor_bytes_per_text_on_wire", f1(floor.bytesPerTextOnWire()));
        figures.put("p1_floor_budget_ratio", f3(floor.mbps(1) / BUDGET_MBPS));
        figures.put("p1_above_floor_share", f3(1 - floor.mbps(1) / mbps(1)));
        return figures;
    }

    private String usersKey() {
        return in.users() == 10_000 ? "10k" : String.valueOf(Math.round(in.users()));
    }

    static String f1(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    static String f3(double v) {
        return String.format(java.util.Locale.ROOT, "%.3f", v);
    }
}
