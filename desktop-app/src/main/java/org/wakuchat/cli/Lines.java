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
import org.wakuchat.core.account.AccountId;
import org.wakuchat.core.group.Group;
import org.wakuchat.core.group.GroupDelivery;
import org.wakuchat.core.group.GroupHistoryEntry;
import org.wakuchat.core.group.GroupMember;
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

    /** A message in a group: as {@link MessageLine}, with the group's name as {@code contact} and who wrote it. */
    record GroupMessageLine(String type, String conversation, String contact, String message, String direction,
                            String state, int payloadType, String text, String sentAt, String receivedAt, long order,
                            boolean group, String sender, String senderName) {
        static GroupMessageLine of(ChatMessage m, Group g) {
            String senderName = m.sender().flatMap(id -> g.members().stream().filter(x -> x.id().equals(id)).findFirst())
                    .map(GroupMember::name).orElse(null);
            return new GroupMessageLine("message", m.conversation().value(), g.name(), m.id().value(),
                    m.outgoing() ? "out" : "in", m.state().name(), m.payload().type(), m.text(),
                    time(m.sentAt()), time(m.receivedAt()), m.order(), true,
                    m.sender().map(AccountId::value).orElse(null), senderName);
        }
    }

    record MemberLine(String accountId, String name, String role, boolean me) {
        static MemberLine of(GroupMember m) {
            return new MemberLine(m.id().value(), m.name(), m.role().name(), m.me());
        }
    }

    /** A group: {@code group list}, {@code group create/add/remove/leave/rename}, and {@code listen} when it changes. */
    record GroupLine(String type, String conversation, String name, long epoch, boolean member, boolean admin,
                     List<MemberLine> members, int unread, String lastActivity, String lastMessage) {
        static GroupLine of(Group g) {
            return new GroupLine("group", g.id().value(), g.name(), g.epoch(), g.member(), g.iAmAdmin(),
                    g.members().stream().map(MemberLine::of).toList(), g.unreadCount(), time(g.lastActivity()),
                    g.lastMessagePreview().orElse(null));
        }
    }

    /** One change in a group's history ({@code listen}): who did what to whom. */
    record GroupHistoryLine(String type, String conversation, long epoch, String at, String kind, String author,
                            String authorName, List<String> subjects, List<String> subjectNames, String newName) {
        static GroupHistoryLine of(ChatEvent.GroupHistoryAdded e) {
            GroupHistoryEntry h = e.entry();
            return new GroupHistoryLine("groupHistory", e.group().value(), h.epoch(), time(h.at()), h.kind().name(),
                    h.author().value(), h.authorName(), h.subjects().stream().map(AccountId::value).toList(),
                    h.subjectNames(), h.newName().orElse(null));
        }
    }

    /** Which members confirmed one of my group messages ({@code listen}). */
    record GroupDeliveryLine(String type, String conversation, String message, int delivered, int of,
                             List<String> deliveredTo, List<String> waitingFor) {
        static GroupDeliveryLine of(ChatEvent.GroupDeliveryChanged e) {
            GroupDelivery d = e.delivery();
            return new GroupDeliveryLine("groupDelivery", e.group().value(), d.message().value(), d.delivered(), d.of(),
                    d.deliveredTo().stream().map(AccountId::value).toList(),
                    d.waitingFor().stream().map(AccountId::value).toList());
        }
    }

    /** Missing messages of one group member ({@code listen}). */
    record GroupMissingLine(String type, String conversation, String sender, String senderName, int count, String state) {
        static GroupMissingLine of(ChatEvent.GroupMissingMessages e, String senderName) {
            return new GroupMissingLine("groupMissing", e.group().value(), e.sender().value(), senderName, e.count(),
                    e.state().name());
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
