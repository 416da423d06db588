package org.wakuchat.core.tools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.DeliveryState;

/**
 * After a soak: what every person's database holds, compared with the ledger. A message that did
 * not reach the recipient's database counts as reported when its sender shows FAILED, or when the
 * recipient's last missing-message report for that conversation still counts enough messages
 * (events carry counts, not ids, so reports are matched per conversation and direction).
 */
final class Census {

    private static final int DETAILS_KEPT = 10;

    private final World world;
    private final Ledger ledger;
    private final Map<String, DeliveryState> outgoingStates = new HashMap<>();
    private final Map<String, Set<String>> incoming = new HashMap<>();
    private int duplicateRows;

    Census(World world, Ledger ledger) {
        this.world = world;
        this.ledger = ledger;
        for (World.Person person : world.people()) {
            readDatabase(person);
        }
    }

    private void readDatabase(World.Person person) {
        ChatEngine engine = person.engine();
        Set<String> seen = new HashSet<>();
        Set<String> mine = incoming.computeIfAbsent(person.name, n -> new HashSet<>());
        for (Conversation conversation : engine.conversations()) {
            for (ChatMessage message : engine.messages(conversation.id(), 0, Integer.MAX_VALUE)) {
                String id = message.id().value();
                if (!seen.add(id)) {
                    duplicateRows++;
                }
                if (message.outgoing()) {
                    outgoingStates.put(id, message.state());
                } else {
                    mine.add(id);
                }
            }
        }
    }

    SoakReport report(SoakSettings settings, Chaos chaos, long published, long virtualSeconds, long settleSeconds,
                      double wallSeconds) {
        int delivered = 0;
        int received = 0;
        int failed = 0;
        int falseDeliveries = 0;
        int unresolved = 0;
        Map<Ledger.Direction, List<Ledger.Sent>> notArrivedNotFailed = new HashMap<>();
        int failedNotArrived = 0;
        for (Ledger.Sent sent : ledger.sent()) {
            DeliveryState state = outgoingStates.get(sent.id());
            boolean arrived = incoming.get(sent.to()).contains(sent.id());
            delivered += state == DeliveryState.DELIVERED ? 1 : 0;
            failed += state == DeliveryState.FAILED ? 1 : 0;
            unresolved += state == DeliveryState.QUEUED || state == DeliveryState.SENT || state == null ? 1 : 0;
            received += arrived ? 1 : 0;
            falseDeliveries += state == DeliveryState.DELIVERED && !arrived ? 1 : 0;
            if (!arrived && state == DeliveryState.FAILED) {
                failedNotArrived++;
            } else if (!arrived) {
                notArrivedNotFailed.computeIfAbsent(new Ledger.Direction(sent.to(), sent.conversation()),
                        d -> new ArrayList<>()).add(sent);
            }
        }
        int toldByRecipient = 0;
        List<Ledger.Sent> silent = new ArrayList<>();
        for (var entry : notArrivedNotFailed.entrySet()) {
            int told = Math.min(entry.getValue().size(), ledger.reportedMissing(entry.getKey()));
            toldByRecipient += told;
            silent.addAll(entry.getValue().subList(told, entry.getValue().size()));
        }
        List<Duration> times = new ArrayList<>(ledger.onlineDeliveryTimes());
        times.sort(null);
        return new SoakReport(settings, ledger.sentCount(), delivered, received, failed,
                failedNotArrived + toldByRecipient, silent.size(), ledger.duplicateAnnouncements() + duplicateRows,
                falseDeliveries, unresolved, ledger.stillRecovering(), percentile(times, 50), percentile(times, 95), percentile(times, 99),
                ledger.onlineSent(), times.size(), chaos.started(Chaos.Kind.PARTITION), chaos.started(Chaos.Kind.OFFLINE),
                chaos.started(Chaos.Kind.RESTART), published, virtualSeconds, settleSeconds, wallSeconds,
                details(silent));
    }

    private List<String> details(List<Ledger.Sent> silent) {
        return silent.stream().limit(DETAILS_KEPT)
                .map(s -> "silent loss: " + s.id() + " " + s.from() + "->" + s.to() + " sent at " + s.at()
                        + " bothOnline=" + s.bothOnline() + " senderState=" + outgoingStates.get(s.id()))
                .toList();
    }

    private static long percentile(List<Duration> sorted, int percent) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(index, 0)).toMillis();
    }
}
