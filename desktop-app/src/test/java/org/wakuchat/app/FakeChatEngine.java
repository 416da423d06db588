package org.wakuchat.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.wakuchat.app.demo.DemoChatEngine;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.Payload;
import org.wakuchat.core.account.Account;
import org.wakuchat.core.invite.Invite;
import org.wakuchat.core.report.ReliabilityReport;
import org.wakuchat.core.report.ReportQuery;

/** The demo engine with delivery driven by the test, and a record of what the UI sent. */
final class FakeChatEngine extends DemoChatEngine {

    private final List<ChatMessage> sent = new ArrayList<>();
    private final List<Boolean> rotations = new ArrayList<>();
    private final List<ReportQuery> reportQueries = new ArrayList<>();

    FakeChatEngine(Account me, Clock clock) {
        super(me, clock, false);
    }

    @Override
    public ChatMessage send(ConversationId id, Payload payload) {
        ChatMessage message = super.send(id, payload);
        synchronized (sent) {
            sent.add(message);
        }
        return message;
    }

    @Override
    public Invite rotateInvite(boolean revokeOlder) {
        synchronized (rotations) {
            rotations.add(revokeOlder);
        }
        return super.rotateInvite(revokeOlder);
    }

    /** Records the query; answers with the report set by {@link #setReliabilityReport}, if any. */
    @Override
    public ReliabilityReport reliabilityReport(ReportQuery query) {
        synchronized (reportQueries) {
            reportQueries.add(query);
        }
        return super.reliabilityReport(query);
    }

    /** Every reliability report the UI asked for, in order. */
    List<ReportQuery> reportQueries() {
        synchronized (reportQueries) {
            return List.copyOf(reportQueries);
        }
    }

    /** The revoke choice of every "New invite" the UI asked for, in order. */
    List<Boolean> rotations() {
        synchronized (rotations) {
            return List.copyOf(rotations);
        }
    }

    List<ChatMessage> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }
}
