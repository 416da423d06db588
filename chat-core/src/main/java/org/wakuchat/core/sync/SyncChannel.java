package org.wakuchat.core.sync;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.wakuchat.core.sync.proto.HistoryEntry;
import org.wakuchat.core.sync.proto.LogEntry;
import org.wakuchat.core.sync.proto.MissingEntry;
import org.wakuchat.core.sync.proto.SdsMessage;
import org.wakuchat.core.sync.proto.SyncState;
import org.wakuchat.core.transport.MessageHash;

/**
 * Scalable Data Sync for one 1:1 conversation: Lamport order, causal history with retrieval
 * hints, acknowledgements read from what the peer's history says it has, and the peer's
 * messages we know exist but never got. Pure bookkeeping: the engine encrypts, publishes, stores.
 *
 * <p>Lamport time is pegged to the sender's clock in milliseconds, as the SDS spec and
 * {@code @waku/sds} do: a new message takes {@code max(now_ms, last + 1)}, a received one raises
 * the clock to {@code max(local, received)}. So a message always sorts after everything its sender
 * had seen (causal), both devices sort by the values the messages carry (equal), and a
 * conversation started with the old counter (1, 2, 3 …) simply jumps to the millisecond clock.
 *
 * <p>Tuned for 1:1 chat (see docs/reliability.md): a message's history names the last
 * {@value #HISTORY_LENGTH} log entries plus every peer message received since our last
 * acknowledgement, so acknowledgements are exact; no bloom filter (its false positives would
 * make delivery ticks lie). Not thread-safe.
 */
public final class SyncChannel {

    /** Log entries named in each message's causal history. */
    public static final int HISTORY_LENGTH = 2;
    /** Acknowledgements one message carries at most; the rest go in the next one. */
    public static final int MAX_ACKS_PER_MESSAGE = 32;
    /** Missing messages tracked per conversation; beyond that the oldest are given up. */
    public static final int MAX_MISSING = 256;

    private long lamport;
    private final Set<String> pendingAcks;
    private final Deque<LogEntry> recent;
    private final Map<String, MissingEntry> missing = new LinkedHashMap<>();

    private SyncChannel(SyncState state) {
        lamport = state.getLamport();
        pendingAcks = new LinkedHashSet<>(state.getPendingAcksList());
        recent = new ArrayDeque<>(state.getRecentList());
        state.getMissingList().forEach(m -> missing.put(m.getMessageId(), m));
    }

    public static SyncChannel restore(SyncState state) {
        return new SyncChannel(state);
    }

    public SyncState snapshot() {
        return SyncState.newBuilder()
                .setLamport(lamport)
                .addAllPendingAcks(pendingAcks)
                .addAllRecent(recent)
                .addAllMissing(missing.values())
                .build();
    }

    /**
     * Takes the next Lamport time for a new message of mine, {@code max(now_ms, last + 1)}, and
     * logs it. {@code now} is the engine's clock (its Scheduler), so simulated runs stay
     * deterministic; a clock that goes back only slows the Lamport time to +1 per message.
     */
    public long append(String messageId, Instant now) {
        // Saturates instead of overflowing: only a peer sending 2^63 - 1 can get the clock there,
        // and then order falls back to message ids rather than going backwards.
        lamport = lamport == Long.MAX_VALUE ? lamport : Math.max(now.toEpochMilli(), lamport + 1);
        log(LogEntry.newBuilder().setMessageId(messageId).setMine(true).build());
        return lamport;
    }

    /**
     * The SDS message that carries (or carries again) one of my messages, with fresh causal
     * history and every pending acknowledgement.
     */
    public SdsMessage contentMessage(String messageId, long messageLamport, byte[] content) {
        return SdsMessage.newBuilder()
                .setMessageId(messageId)
                .setLamportTimestamp(messageLamport)
                .addAllCausalHistory(history(messageId))
                .setContent(ByteString.copyFrom(content))
                .build();
    }

    /** A sync message carrying only acknowledgements, if any are due. */
    public Optional<SdsMessage> syncMessage(String messageId) {
        if (pendingAcks.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SdsMessage.newBuilder()
                .setMessageId(messageId)
                .setLamportTimestamp(lamport)
                .addAllCausalHistory(history(null))
                .build());
    }

    public boolean hasPendingAcks() {
        return !pendingAcks.isEmpty();
    }

    /** Remembers the Waku hash my message went out with: the retrieval hint the peer needs if it is lost. */
    public void published(String messageId, MessageHash hash) {
        replaceInLog(messageId, entry -> entry.toBuilder().setHash(ByteString.copyFrom(hash.bytes())).build());
    }

    /**
     * Takes in an SDS message from the peer.
     *
     * @param arrivedWith the Waku hash it came with
     * @param have        whether a message id is already in the local log (mine or theirs)
     */
    public Received receive(SdsMessage message, MessageHash arrivedWith, Predicate<String> have, Instant now) {
        lamport = Math.max(lamport, lamportOf(message));
        String id = message.getMessageId();
        boolean isContent = message.hasContent();
        boolean isNew = isContent && !have.test(id);
        boolean recovered = false;
        if (isContent) {
            pendingAcks.add(id);
            recovered = missing.remove(id) != null;
            if (isNew) {
                log(LogEntry.newBuilder().setMessageId(id).setMine(false)
                        .setHash(ByteString.copyFrom(arrivedWith.bytes())).build());
            }
        }
        List<String> acknowledged = new ArrayList<>();
        List<MissingEntry> newlyMissing = new ArrayList<>();
        for (HistoryEntry entry : message.getCausalHistoryList()) {
            String named = entry.getMessageId();
            if (named.isEmpty() || named.equals(id)) {
                continue;
            }
            if (have.test(named)) {
                acknowledged.add(named);
            } else if (!missing.containsKey(named)) {
                MissingEntry gap = MissingEntry.newBuilder()
                        .setMessageId(named)
                        .setRetrievalHint(entry.getRetrievalHint())
                        .setDetectedAtMs(now.toEpochMilli())
                        .build();
                missing.put(named, gap);
                newlyMissing.add(gap);
            }
        }
        trimMissing();
        return new Received(isContent, isNew, recovered, List.copyOf(acknowledged), List.copyOf(newlyMissing));
    }

    /**
     * The Lamport time a message carries, also when an older Waku Chat wrote it. Those declared the
     * field int32 (a counter, read as unsigned): a negative int32 goes on the wire as a 10-byte
     * sign-extended varint, which reads as a uint64 of 2^63 or more, so such a value stands for its
     * low 32 bits. No clock in milliseconds reaches 2^63, so nothing current is misread.
     */
    public static long lamportOf(SdsMessage message) {
        long wire = message.getLamportTimestamp();
        return wire < 0 ? wire & 0xFFFF_FFFFL : wire;
    }

    /** The peer's messages known to exist but not received, oldest first. */
    public List<MissingEntry> missing() {
        return List.copyOf(missing.values());
    }

    /** Missing messages searched for longer than {@code patience}, not reported before: now reported lost. */
    public List<MissingEntry> giveUp(Instant now, Duration patience) {
        List<MissingEntry> lost = new ArrayList<>();
        for (Map.Entry<String, MissingEntry> e : missing.entrySet()) {
            MissingEntry gap = e.getValue();
            if (!gap.getReportedLost() && Instant.ofEpochMilli(gap.getDetectedAtMs()).plus(patience).isBefore(now)) {
                MissingEntry reported = gap.toBuilder().setReportedLost(true).build();
                e.setValue(reported);
                lost.add(reported);
            }
        }
        return lost;
    }

    /** What one incoming SDS message meant. */
    public record Received(boolean content, boolean isNew, boolean recoveredMissing, List<String> acknowledged,
                           List<MissingEntry> newlyMissing) {
    }

    private List<HistoryEntry> history(String excluding) {
        List<HistoryEntry> history = new ArrayList<>();
        Set<String> named = new LinkedHashSet<>();
        List<LogEntry> latest = new ArrayList<>(recent);
        // Only what came before the message: messages queued after it (written while offline,
        // or in a burst) are not yet published, and naming them made the peer report them missing
        // until they arrived a moment later.
        for (int i = 0; excluding != null && i < latest.size(); i++) {
            if (latest.get(i).getMessageId().equals(excluding)) {
                latest = latest.subList(0, i);
                break;
            }
        }
        for (int i = latest.size() - 1; i >= 0 && named.size() < HISTORY_LENGTH; i--) {
            LogEntry entry = latest.get(i);
            if (!entry.getMessageId().equals(excluding) && named.add(entry.getMessageId())) {
                HistoryEntry.Builder h = HistoryEntry.newBuilder().setMessageId(entry.getMessageId());
                // Only my own entries need a hint: the peer already has theirs.
                if (entry.getMine() && !entry.getHash().isEmpty()) {
                    h.setRetrievalHint(entry.getHash());
                }
                history.add(h.build());
            }
        }
        var acks = pendingAcks.iterator();
        while (acks.hasNext() && history.size() < HISTORY_LENGTH + MAX_ACKS_PER_MESSAGE) {
            String ack = acks.next();
            acks.remove();
            if (named.add(ack)) {
                history.add(HistoryEntry.newBuilder().setMessageId(ack).build());
            }
        }
        return history;
    }

    private void log(LogEntry entry) {
        recent.addLast(entry);
        while (recent.size() > HISTORY_LENGTH + 1) {
            recent.removeFirst();
        }
    }

    private void replaceInLog(String messageId, java.util.function.UnaryOperator<LogEntry> change) {
        List<LogEntry> entries = new ArrayList<>(recent);
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).getMessageId().equals(messageId)) {
                entries.set(i, change.apply(entries.get(i)));
            }
        }
        recent.clear();
        recent.addAll(entries);
    }

    private void trimMissing() {
        var oldest = missing.keySet().iterator();
        while (missing.size() > MAX_MISSING && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
