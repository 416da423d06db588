package org.wakuchat.core.report;

import java.util.Objects;
import java.util.Optional;
import org.wakuchat.core.ConversationId;

/**
 * Which reliability report: the period, and one contact's conversation or (empty) all of them.
 * Connectivity, catch-ups and rate-limit waits belong to the account, not to a contact: a
 * report for one contact shows the account's figures for them.
 */
public record ReportQuery(ReportPeriod period, Optional<ConversationId> contact) {

    public ReportQuery {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(contact, "contact");
    }

    /** Every conversation over {@code period}. */
    public static ReportQuery overall(ReportPeriod period) {
        return new ReportQuery(period, Optional.empty());
    }

    /** One conversation over {@code period}. */
    public static ReportQuery forContact(ReportPeriod period, ConversationId conversation) {
        return new ReportQuery(period, Optional.of(conversation));
    }
}
