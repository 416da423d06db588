package org.wakuchat.core.engine;

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
import org.wakuchat.core.sync.proto.SdsMessage;
import org.wakuchat.core.transport.MessageHash;

/**
 * Scalable Data Sync of one group, all senders in one log (docs/groups.md, "Reliability"): Lamport
 * order, causal history of the last {@value #HISTORY_LENGTH} log entries of any sender with their
 * retrieval hints plus what I received since my last acknowledgement (at most
 * {@value #MAX_ACKS_PER_MESSAGE}), each naming its sender; acknowledgements and gaps read from
 * others' histories. Pure bookkeeping, like {@link org.wakuchat.core.sync.SyncChannel}. Not thread-safe.
 */
final class GroupSync {

    static final int HISTORY_LENGTH = 2;
    static final int MAX_ACKS_PER_MESSAGE = 32;
    static final int MAX_MISSING = 256;

    private long lamport;
    private final Map<String, GroupLogEntry> pendingAcks = new LinkedHashMap<>();
    private final Deque<GroupLogEntry> recent;
    private final Map<String, GroupMissingEntry> missing = new LinkedHashMap<>();

    GroupSync(GroupSyncState state) {
        lamport = state.getLamport();
        state.getPendingAcksList().forEach(e -> pendingAcks.put(e.getMessageId(), e));
        recent = new ArrayDeque<>(state.getRecentList());
        state.getMissingList().forEach(m -> missing.put(m.getMessageId(), m));
    }

    GroupSyncState snapshot() {
        return GroupSyncState.newBuilder().setLamport(lamport).addAllPendingAcks(pendingAcks.values())
                .addAllRecent(recent).addAllMissing(missing.values()).build();
    }

    /** The next Lamport time for a new message of mine, pegged to ms as in 1:1 chats (docs/reliability.md), logged. */
    long append(String messageId, String myMemberId, java.time.Instant now) {
        lamport = lamport == Long.MAX_VALUE ? lamport : Math.max(now.toEpochMilli(), lamport + 1);
        log(GroupLogEntry.newBuilder().setMessageId(messageId).setSenderId(myMemberId).build());
        return lamport;
    }

    /**
     * An SDS message of mine (new or resent) with fresh causal history; takes the pending
     * acknowledgements with it.
     */
    SdsMessage message(String messageId, String myMemberId, String channelId, long messageLamport,
                       Optional<byte[]> content) {
        // No sender_id and channel_id on the wire: the receiver knows them from the authenticated
        // header and the keys that opened the message (and sets them), and the 48 characters would
        // push a typical text from the 256-byte padding bucket to the 512 one.
        SdsMessage.Builder sds = SdsMessage.newBuilder()
                .setMessageId(messageId)
                .setLamportTimestamp(messageLamport)
                .addAllCausalHistory(history(messageId));
        content.ifPresent(c -> sds.setContent(ByteString.copyFrom(c)));
        return sds.build();
    }

    long lamport() {
        return lamport;
    }

    boolean hasPendingAcks() {
        return !pendingAcks.isEmpty();
    }

    void published(String messageId, MessageHash hash) {
        List<GroupLogEntry> entries = new ArrayList<>(recent);
        recent.clear();
        for (GroupLogEntry e : entries) {
            recent.add(e.getMessageId().equals(messageId)
                    ? e.toBuilder().setHash(ByteString.copyFrom(hash.bytes())).build() : e);
        }
    }

    /**
     * Takes in a member's SDS message (already authenticated: {@code sds.sender_id} is the signer).
     *
     * @param have whether a message id is already in my log (mine or anyone's)
     */
    Received receive(SdsMessage sds, MessageHash arrivedWith, Predicate<String> have, Instant now,
                     boolean hintlessGaps) {
        lamport = Math.max(lamport, org.wakuchat.core.sync.SyncChannel.lamportOf(sds));
        String id = sds.getMessageId();
        boolean content = sds.hasContent();
        boolean isNew = content && !have.test(id);
        boolean recovered = false;
        if (content) {
            GroupLogEntry entry = GroupLogEntry.newBuilder().setMessageId(id).setSenderId(sds.getSenderId())
                    .setHash(ByteString.copyFrom(arrivedWith.bytes())).build();
            pendingAcks.put(id, entry);
            recovered = missing.remove(id) != null;
            if (isNew) {
                log(entry);
            }
        }
        List<String> named = new ArrayList<>();
        List<GroupMissingEntry> newlyMissing = new ArrayList<>();
        for (HistoryEntry entry : sds.getCausalHistoryList()) {
            String m = entry.getMessageId();
            if (m.isEmpty() || m.equals(id)) {
                continue;
            }
            if (have.test(m)) {
                named.add(m);
            } else if (entry.getRetrievalHint().isEmpty() && !hintlessGaps) {
                // An acknowledgement (no hint) of a message I do not have, soon after I joined: it
                // may be from before I joined (never mine to read). One that is mine comes anyway:
                // its writer resends it until every member of its epoch confirmed it.
                continue;
            } else if (!missing.containsKey(m)) {
                GroupMissingEntry gap = GroupMissingEntry.newBuilder().setMessageId(m)
                        .setSenderId(entry.getSenderId()).setRetrievalHint(entry.getRetrievalHint())
                        .setDetectedAtMs(now.toEpochMilli()).build();
                missing.put(m, gap);
                newlyMissing.add(gap);
            }
        }
        var oldest = missing.keySet().iterator();
        while (missing.size() > MAX_MISSING && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
        return new Received(content, isNew, recovered, List.copyOf(named), List.copyOf(newlyMissing));
    }

    List<GroupMissingEntry> missing() {
        return List.copyOf(missing.values());
    }

    /** Forgets a missing entry (a message that arrived, or one we can never read). */
    boolean forgetMissing(String messageId) {
        return missing.remove(messageId) != null;
    }

    /** Missing messages searched for longer than {@code patience}, not reported before: now reported lost. */
    List<GroupMissingEntry> giveUp(Instant now, Duration patience) {
        List<GroupMissingEntry> lost = new ArrayList<>();
        for (Map.Entry<String, GroupMissingEntry> e : missing.entrySet()) {
            GroupMissingEntry gap = e.getValue();
            if (!gap.getReportedLost() && Instant.ofEpochMilli(gap.getDetectedAtMs()).plus(patience).isBefore(now)) {
                GroupMissingEntry reported = gap.toBuilder().setReportedLost(true).build();
                e.setValue(reported);
                lost.add(reported);
            }
        }
        return lost;
    }

    /** What one member's SDS message meant; {@code named} are the ids in its history that I have. */
    record Received(boolean content, boolean isNew, boolean recoveredMissing, List<String> named,
                    List<GroupMissingEntry> newlyMissing) {
    }

    private List<HistoryEntry> history(String excluding) {
        List<HistoryEntry> history = new ArrayList<>();
        Set<String> named = new LinkedHashSet<>();
        List<GroupLogEntry> latest = new ArrayList<>(recent);
        // Only what came before the message (see SyncChannel): later ones are not published yet.
        for (int i = 0; i < latest.size(); i++) {
            if (latest.get(i).getMessageId().equals(excluding)) {
                latest = latest.subList(0, i);
                break;
            }
        }
        for (int i = latest.size() - 1; i >= 0 && named.size() < HISTORY_LENGTH; i--) {
            GroupLogEntry entry = latest.get(i);
            if (named.add(entry.getMessageId())) {
                history.add(entry(entry));
            }
        }
        var acks = pendingAcks.values().iterator();
        int taken = 0;
        while (acks.hasNext() && taken < MAX_ACKS_PER_MESSAGE) {
            GroupLogEntry ack = acks.next();
            acks.remove();
            taken++;
            if (named.add(ack.getMessageId())) {
                // An acknowledgement names the message and its writer, no hint: its writer has it,
                // and 32 hints would triple the message.
                history.add(HistoryEntry.newBuilder().setMessageId(ack.getMessageId()).setSenderId(ack.getSenderId()).build());
            }
        }
        return history;
    }

    private static HistoryEntry entry(GroupLogEntry e) {
        HistoryEntry.Builder h = HistoryEntry.newBuilder().setMessageId(e.getMessageId()).setSenderId(e.getSenderId());
        if (!e.getHash().isEmpty()) {
            h.setRetrievalHint(e.getHash());
        }
        return h.build();
    }

    private void log(GroupLogEntry entry) {
        recent.addLast(entry);
        while (recent.size() > HISTORY_LENGTH + 1) {
            recent.removeFirst();
        }
    }
}
