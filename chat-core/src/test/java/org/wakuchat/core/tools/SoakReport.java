package org.wakuchat.core.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The soak's figures. {@code sent = received + reportedMissing + silentLosses}: a message that did
 * not arrive was either reported (FAILED at the sender, or announced missing to the recipient) or
 * lost silently.
 *
 * @param delivered       messages whose sender shows DELIVERED at the end
 * @param received        messages in the recipient's database
 * @param failed          messages whose sender shows FAILED at the end (arrived or not)
 * @param reportedMissing messages that did not arrive and the user was told so
 * @param silentLosses    messages that did not arrive and nobody was told
 * @param duplicatesShown a message shown twice: MessageAdded again for the same id, or a second row
 * @param falseDeliveries DELIVERED at the sender but not in the recipient's database
 * @param unresolved      neither DELIVERED nor FAILED at the sender after settling
 * @param stillRecovering conversation sides whose last missing-message report still says RECOVERING
 * @param p95DeliveryMs   95th percentile of send→DELIVERED (virtual ms), messages sent while both were online
 */
record SoakReport(SoakSettings settings, int sent, int delivered, int received, int failed, int reportedMissing,
                  int silentLosses, int duplicatesShown, int falseDeliveries, int unresolved, int stillRecovering, long p50DeliveryMs,
                  long p95DeliveryMs, long p99DeliveryMs, long onlineSent, long onlineDelivered, int partitions,
                  int offlinePeriods, int restarts, long published, long virtualSeconds, long settleSeconds,
                  double wallSeconds, List<String> silentLossDetails) {

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        add(lines, "seed", settings.seed());
        add(lines, "people", settings.people());
        add(lines, "loss", settings.loss());
        add(lines, "duplication", settings.duplication());
        add(lines, "latency_ms", settings.minLatency().toMillis() + ".." + settings.maxLatency().toMillis());
        add(lines, "chaos", settings.chaos());
        add(lines, "partitions", partitions);
        add(lines, "offline_periods", offlinePeriods);
        add(lines, "restarts", restarts);
        add(lines, "sent", sent);
        add(lines, "delivered", delivered);
        add(lines, "received", received);
        add(lines, "failed", failed);
        add(lines, "reported_missing", reportedMissing);
        add(lines, "silent_losses", silentLosses);
        add(lines, "duplicates_shown", duplicatesShown);
        add(lines, "false_deliveries", falseDeliveries);
        add(lines, "unresolved", unresolved);
        add(lines, "still_recovering", stillRecovering);
        add(lines, "online_sent", onlineSent);
        add(lines, "online_delivered", onlineDelivered);
        add(lines, "p50_delivery_ms", p50DeliveryMs);
        add(lines, "p95_delivery_ms", p95DeliveryMs);
        add(lines, "p99_delivery_ms", p99DeliveryMs);
        add(lines, "waku_messages_published", published);
        add(lines, "virtual_duration_s", virtualSeconds);
        add(lines, "settle_s", settleSeconds);
        add(lines, "wall_s", String.format(Locale.ROOT, "%.1f", wallSeconds));
        return lines;
    }

    private static void add(List<String> lines, String key, Object value) {
        lines.add(key + "=" + value);
    }
}
