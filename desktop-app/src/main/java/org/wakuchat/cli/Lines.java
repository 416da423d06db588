package org.wakuchat.cli;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.account.Account;
import org.wakuchat.core.account.SafetyNumber;
import org.wakuchat.core.invite.Invite;

/**
 * The {@code --json} line formats. Field names are a contract with scripts: add fields, never
 * rename or remove them. Every line has {@code type}; times are ISO-8601 UTC; absent values are
 * left out.
 */
final class Lines {

    private Lines() {
    }

    record AccountLine(String type, String accountId, String displayName, String dataDir) {
        static AccountLine of(Account account, String dataDir) {
            return new AccountLine("account", account.id().value(), account.displayName(), dataDir);
        }
    }

    record InviteLine(String type, String link, String code, String expiresAt, List<String> qr) {
        static InviteLine of(Invite invite, List<String> qr) {
            return new InviteLine("invite", invite.link(), invite.code(), invite.expiresAt().toString(), qr);
        }
    }

    record ContactLine(String type, String conversation, String contactId, String name, String contactName,
                       String nickname, boolean verified, int unread, String lastActivity, String lastMessage,
                       String safetyNumber) {
        static ContactLine of(Conversation c, SafetyNumber safetyNumber) {
            return new ContactLine("contact", c.id().value(), c.contactId().value(), c.displayName(), c.contactName(),
                    c.nickname().orElse(null), c.verified(), c.unreadCount(), time(c.lastActivity()),
                    c.lastMessagePreview().orElse(null), safetyNumber == null ? null : safetyNumber.digits());
        }
    }

    /** A message: in {@code history}, as {@code listen} receives it, and as {@code send} leaves it. */
    record MessageLine(String type, String conversation, String contact, String message, String direction,
                       String state, int payloadType, String text, String sentAt, String receivedAt, long order) {
        static MessageLine of(ChatMessage m, String contactName) {
            return new MessageLine("message", m.conversation().value(), contactName, m.id().value(),
                    m.outgoing() ? "out" : "in", m.state().name(), m.payload().type(), m.text(),
                    time(m.sentAt()), time(m.receivedAt()), m.order());
        }
    }

    record DeliveryLine(String type, String conversation, String message, String state) {
        static DeliveryLine of(ChatEvent.DeliveryChanged e) {
            return new DeliveryLine("delivery", e.conversation().value(), e.message().value(), e.state().name());
        }
    }

    record MissingLine(String type, String conversation, String contact, int count, String state) {
        static MissingLine of(ChatEvent.MissingMessages e, String contactName) {
            return new MissingLine("missing", e.conversation().value(), contactName, e.count(), e.state().name());
        }
    }

    /**
     * The engine's state; {@code listenAddress} is absent when the node does not tell it
     * (no libwaku, not running, or a simulated node).
     */
    record StatusLine(String type, String state, int peers, String detail, int queued, String offlineSince,
                      boolean catchingUp, String rateLimitedUntil, Integer clusterId, List<String> shards,
                      String listenAddress) {
        static StatusLine of(EngineStatus s, NodeInfo node) {
            return new StatusLine("status", s.state().name(), s.peers(), s.detail().isEmpty() ? null : s.detail(),
                    s.queued(), time(s.offlineSince()), s.catchingUp(), time(s.rateLimitedUntil()),
                    node == null ? null : node.clusterId(), node == null ? null : node.shards(),
                    node == null ? null : node.listenAddress().orElse(null));
        }
    }

    /** After being offline: what catching up from Store fetched, and what it could not check. */
    record CatchUpLine(String type, int messagesFetched, String problem) {
        static CatchUpLine of(ChatEvent.CatchUpFinished e) {
            return new CatchUpLine("catchup", e.messagesFetched(), e.problem().orElse(null));
        }
    }

    /** Where my running node can be dialled ({@code listenAddress} absent when the node does not tell it). */
    record NodeLine(String type, int clusterId, List<String> shards, String listenAddress) {
        static NodeLine of(NodeInfo node) {
            return new NodeLine("node", node.clusterId(), node.shards(), node.listenAddress().orElse(null));
        }
    }

    /** An event kind this version does not know yet, passed on as its name and text. */
    record EventLine(String type, String kind, String detail) {
        static EventLine of(ChatEvent e) {
            return new EventLine("event", e.getClass().getSimpleName(), e.toString());
        }
    }

    record ErrorLine(String type, int exitCode, String error, String message) {
        static ErrorLine of(int code, String message) {
            return new ErrorLine("error", code, ExitCodes.name(code), message);
        }
    }

    /** What the CLI knows about its running node. */
    /**
     * What an accepted invite says about its network: the inviter's cluster and service nodes,
     * whether that is my network, and whether {@code --join} saved it.
     */
    record NetworkLine(String type, int clusterId, List<String> hints, boolean sameNetwork, boolean joined) {
        static NetworkLine of(int clusterId, List<String> hints, boolean sameNetwork, boolean joined) {
            return new NetworkLine("network", clusterId, hints, sameNetwork, joined);
        }
    }

    record NodeInfo(int clusterId, List<String> shards, Optional<String> listenAddress) {
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String time(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }
}
