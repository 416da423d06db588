package org.wakuchat.app.demo;

import org.wakuchat.core.report.ReliabilityReport;
import org.wakuchat.core.report.ReportCalculator;
import org.wakuchat.core.report.ReportQuery;
import org.wakuchat.core.store.MessageFigures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.Payload;
import org.wakuchat.core.SealedSettings;
import org.wakuchat.core.account.Account;
import org.wakuchat.core.account.AccountId;
import org.wakuchat.core.account.SafetyNumber;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.invite.Invite;
import org.wakuchat.core.invite.InviteException;
import org.wakuchat.core.invite.InviteNetwork;
import org.wakuchat.core.invite.InvitePreview;
import org.wakuchat.core.group.Group;
import org.wakuchat.core.group.GroupDelivery;
import org.wakuchat.core.group.GroupException;
import org.wakuchat.core.group.GroupHistoryEntry;
import org.wakuchat.core.group.GroupMember;
import org.wakuchat.core.group.GroupRole;

/**
 * An in-memory stand-in for the real engine, for {@code --demo} and for UI tests: nothing goes
 * over the network and nothing is saved. Its extra public methods play the other side (receive,
 * delivery, missing messages, status). Invites are {@code wakuchat://invite/} + base64url of the
 * inviter's name; they carry no keys.
 */
public class DemoChatEngine implements ChatEngine {

    public static final String INVITE_PREFIX = "wakuchat://invite/";

    private final Account me;
    private final Clock clock;
    private final boolean autoDeliver;
    private final List<Consumer<ChatEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Map<ConversationId, Conversation> conversations = new LinkedHashMap<>();
    private final Map<ConversationId, List<ChatMessage>> messages = new HashMap<>();
    private final ScheduledExecutorService timers;
    private EngineStatus status = EngineStatus.stopped();
    private Invite invite;
    private long order;
    private final Map<String, String> sealed = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Optional<InviteNetwork> inviteNetwork = Optional.empty();
    private volatile ReliabilityReport fixedReport;

    /** @param autoDeliver whether sent messages move to SENT and DELIVERED by themselves (demo) or only when told (tests) */
    public DemoChatEngine(Account me, Clock clock, boolean autoDeliver) {
        this.me = me;
        this.clock = clock;
        this.autoDeliver = autoDeliver;
        this.timers = autoDeliver ? Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "demo-engine");
            thread.setDaemon(true);
            return thread;
        }) : null;
        this.invite = newInvite();
    }

    // ---- the other side, played by the demo or a test

    /** The network the invites a test previews say they come from (none: like a version-1 invite). */
    public void setPreviewedInviteNetwork(Optional<InviteNetwork> network) {
        inviteNetwork = network;
    }

    public synchronized Conversation addContact(String name, byte[] identityKey) {
        ConversationId id = new ConversationId("c-" + UUID.randomUUID());
        Conversation conversation = new Conversation(id, new AccountId(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Crypto.sha256(identityKey))), name, Optional.empty(), identityKey, false,
                Optional.empty(), Optional.empty(), 0);
        conversations.put(id, conversation);
        messages.put(id, new ArrayList<>());
        publish(new ChatEvent.ConversationChanged(conversation));
        return conversation;
    }

    /** A message from the contact, at {@code sentAt}. */
    public ChatMessage receive(ConversationId id, String text, Instant sentAt) {
        ChatMessage message = append(id, false, text, sentAt, DeliveryState.RECEIVED);
        return message;
    }

    public ChatMessage receive(ConversationId id, String text) {
        return receive(id, text, clock.instant());
    }

    /** Many old messages at once, without events (for history and scrolling). */
    public synchronized void addHistory(ConversationId id, int count, Instant firstSentAt, Duration spacing) {
        List<ChatMessage> list = messages.get(id);
        for (int i = 0; i < count; i++) {
            boolean outgoing = i % 3 == 0;
            Instant at = firstSentAt.plus(spacing.multipliedBy(i));
            list.add(new ChatMessage(new MessageId("h-" + UUID.randomUUID()), id, outgoing,
                    Payload.text("Message number " + (i + 1)), at, at,
                    outgoing ? DeliveryState.DELIVERED : DeliveryState.RECEIVED, ++order));
        }
        updateConversation(id, list.getLast(), 0);
    }

    public void setDelivery(MessageId messageId, DeliveryState state) {
        ConversationId owner;
        synchronized (this) {
            owner = null;
            for (Map.Entry<ConversationId, List<ChatMessage>> entry : messages.entrySet()) {
                List<ChatMessage> list = entry.getValue();
                for (int i = list.size() - 1; i >= 0; i--) {
                    if (list.get(i).id().equals(messageId)) {
                        list.set(i, list.get(i).withState(state));
                        owner = entry.getKey();
                        break;
                    }
                }
            }
        }
        if (owner != null) {
            publish(new ChatEvent.DeliveryChanged(owner, messageId, state));
        }
    }

    public void announceMissing(ConversationId id, int count, ChatEvent.MissingState state) {
        publish(new ChatEvent.MissingMessages(id, count, state));
    }

    /** Tells listeners that catching up with the Store has finished (for tests and the demo). */
    public void finishCatchUp(int fetched, Optional<String> problem) {
        publish(new ChatEvent.CatchUpFinished(fetched, problem));
    }

    public void setStatus(EngineStatus newStatus) {
        synchronized (this) {
            status = newStatus;
        }
        publish(new ChatEvent.StatusChanged(newStatus));
    }

    /** The invite link another demo user with this name would show. */
    public static String inviteLinkFor(String displayName) {
        return INVITE_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(displayName.getBytes(StandardCharsets.UTF_8));
    }

    // ---- ChatEngine

    @Override
    public Account account() {
        return me;
    }

    @Override
    public synchronized EngineStatus status() {
        return status;
    }

    @Override
    public void start() {
        setStatus(new EngineStatus(EngineStatus.State.STARTING, 0, "", Optional.empty(), false, Optional.empty(), 0));
        if (autoDeliver) {
            timers.schedule(() -> setStatus(new EngineStatus(EngineStatus.State.CONNECTED, 8, "", Optional.empty(),
                    false, Optional.empty(), 0)), 1200, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public Subscription subscribe(Consumer<ChatEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public synchronized Invite currentInvite() {
        if (!invite.expiresAt().isAfter(clock.instant())) {
            invite = newInvite();
        }
        return invite;
    }

    @Override
    public synchronized Invite rotateInvite(boolean revokeOlder) {
        invite = newInvite();
        return invite;
    }

    @Override
    public InvitePreview previewInvite(String linkOrCode) throws InviteException {
        String name = inviterName(linkOrCode);
        return new InvitePreview(new AccountId("demo-" + name), name, clock.instant().plus(Duration.ofDays(7)), inviteNetwork);
    }

    @Override
    public SealedSettings sealedSettings() {
        return new SealedSettings() {
            @Override
            public Optional<String> get(String name) {
                return Optional.ofNullable(sealed.get(name));
            }

            @Override
            public void put(String name, String value) {
                if (value == null || value.isEmpty()) {
                    sealed.remove(name);
                } else {
                    sealed.put(name, value);
                }
            }
        };
    }

    @Override
    public Conversation acceptInvite(String linkOrCode) throws InviteException {
        String name = inviterName(linkOrCode);
        return addContact(name, Crypto.sha256(name.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public synchronized List<Conversation> conversations() {
        return conversations.values().stream()
                .sorted(Comparator.comparing((Conversation c) -> c.lastActivity().orElse(Instant.EPOCH)).reversed())
                .toList();
    }

    @Override
    public synchronized Conversation conversation(ConversationId id) {
        Conversation conversation = conversations.get(id);
        if (conversation == null) {
            throw new IllegalArgumentException("no conversation " + id);
        }
        return conversation;
    }

    @Override
    public synchronized int messageCount(ConversationId id) {
        return messages.getOrDefault(id, List.of()).size();
    }

    @Override
    public synchronized List<ChatMessage> messages(ConversationId id, int fromIndex, int limit) {
        List<ChatMessage> list = messages.getOrDefault(id, List.of());
        int from = Math.clamp(fromIndex, 0, list.size());
        return List.copyOf(list.subList(from, Math.min(list.size(), from + limit)));
    }

    @Override
    public ChatMessage sendText(ConversationId id, String text) {
        return send(id, Payload.text(text));
    }

    @Override
    public ChatMessage send(ConversationId id, Payload payload) {
        ChatMessage message = append(id, true, payload.text(), clock.instant(), DeliveryState.QUEUED);
        List<AccountId> others = null;
        synchronized (this) {
            DemoGroup group = groups.get(id);
            if (group != null) {
                others = group.members.stream().filter(m -> !m.me()).map(GroupMember::id).toList();
                groupDeliveries.put(message.id(), new GroupDelivery(message.id(), List.of(), others));
            }
        }
        if (others != null) {
            publish(new ChatEvent.GroupDeliveryChanged(id, groupDelivery(message.id())));
            if (autoDeliver) {
                timers.schedule(() -> setDelivery(message.id(), DeliveryState.SENT), 700, TimeUnit.MILLISECONDS);
                long after = 1200;
                for (AccountId other : others) {
                    timers.schedule(() -> confirmInGroup(message.id(), other), after, TimeUnit.MILLISECONDS);
                    after += 900;
                }
            }
            return message;
        }
        if (autoDeliver) {
            timers.schedule(() -> setDelivery(message.id(), DeliveryState.SENT), 700, TimeUnit.MILLISECONDS);
            timers.schedule(() -> setDelivery(message.id(), DeliveryState.DELIVERED), 2000, TimeUnit.MILLISECONDS);
        }
        return message;
    }

    @Override
    public void retry(MessageId id) {
        setDelivery(id, DeliveryState.QUEUED);
        if (autoDeliver) {
            timers.schedule(() -> setDelivery(id, DeliveryState.DELIVERED), 1500, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void markRead(ConversationId id) {
        Conversation updated;
        Group readGroup = null;
        synchronized (this) {
            DemoGroup group = groups.get(id);
            if (group != null) {
                if (group.unread == 0) {
                    return;
                }
                group.unread = 0;
                readGroup = group.snapshot();
            }
        }
        if (readGroup != null) {
            publish(new ChatEvent.GroupChanged(readGroup));
            return;
        }
        synchronized (this) {
            Conversation old = conversation(id);
            if (old.unreadCount() == 0) {
                return;
            }
            updated = copy(old, old.nickname(), old.verified(), old.lastMessagePreview(), old.lastActivity(), 0);
            conversations.put(id, updated);
        }
        publish(new ChatEvent.ConversationChanged(updated));
    }

    @Override
    public void setNickname(ConversationId id, String nickname) {
        Conversation updated;
        synchronized (this) {
            Conversation old = conversation(id);
            updated = copy(old, Optional.ofNullable(nickname).filter(n -> !n.isBlank()), old.verified(),
                    old.lastMessagePreview(), old.lastActivity(), old.unreadCount());
            conversations.put(id, updated);
        }
        publish(new ChatEvent.ConversationChanged(updated));
    }

    @Override
    public SafetyNumber safetyNumber(ConversationId id) {
        byte[] hash = Crypto.sha256(me.identityKey(), conversation(id).contactIdentityKey());
        StringBuilder digits = new StringBuilder();
        for (int i = 0; digits.length() < 60; i++) {
            digits.append(String.format("%03d", (hash[i % hash.length] & 0xff) % 1000));
        }
        return new SafetyNumber(digits.substring(0, 60), hash);
    }

    @Override
    public void setVerified(ConversationId id, boolean verified) {
        Conversation updated;
        synchronized (this) {
            Conversation old = conversation(id);
            updated = copy(old, old.nickname(), verified, old.lastMessagePreview(), old.lastActivity(), old.unreadCount());
            conversations.put(id, updated);
        }
        publish(new ChatEvent.ConversationChanged(updated));
    }

    /**
     * What {@link #reliabilityReport} returns from now on for every query (a test's figures);
     * null goes back to figures computed from the demo's messages.
     */
    public void setReliabilityReport(ReliabilityReport report) {
        fixedReport = report;
    }

    /** From the demo's messages (no delivery times, no event log), unless a test set one. */
    @Override
    public synchronized ReliabilityReport reliabilityReport(ReportQuery query) {
        ReliabilityReport fixed = fixedReport;
        if (fixed != null) {
            return fixed;
        }
        var figures = messages.values().stream().flatMap(List::stream)
                .map(m -> new MessageFigures(m.conversation(), m.outgoing(), m.state(), m.failure(), m.sentAt(),
                        m.receivedAt(), Optional.empty(), m.outgoing() ? 1 : 0))
                .toList();
        return ReportCalculator.compute(query, clock.instant(), Optional.empty(), figures, List.of());
    }

    @Override
    public void close() {
        if (timers != null) {
            timers.shutdownNow();
        }
        listeners.clear();
    }

    // ---- internals

    private ChatMessage append(ConversationId id, boolean outgoing, String text, Instant sentAt, DeliveryState state) {
        ChatMessage message;
        Conversation updated;
        synchronized (this) {
            List<ChatMessage> list = messages.get(id);
            if (list == null) {
                throw new IllegalArgumentException("no conversation " + id);
            }
            DemoGroup group = groups.get(id);
            if (group != null && !group.member) {
                throw new GroupException("You are not a member of this group any more.");
            }
            message = new ChatMessage(new MessageId("m-" + UUID.randomUUID()), id, outgoing, Payload.text(text),
                    sentAt, clock.instant(), state, ++order);
            list.add(message);
            if (group != null) {
                group.preview = Optional.of("You: " + text.lines().findFirst().orElse(""));
                group.lastActivity = Optional.of(sentAt);
                updated = null;
            } else {
                updated = updateConversation(id, message, outgoing ? 0 : 1);
            }
        }
        publish(new ChatEvent.MessageAdded(message));
        if (updated == null) {
            publish(new ChatEvent.GroupChanged(group(id)));
            return message;
        }
        publish(new ChatEvent.ConversationChanged(updated));
        return message;
    }

    private Conversation updateConversation(ConversationId id, ChatMessage last, int newUnread) {
        Conversation old = conversations.get(id);
        String preview = (last.outgoing() ? "You: " : "") + last.text().lines().findFirst().orElse("");
        Conversation updated = copy(old, old.nickname(), old.verified(), Optional.of(preview),
                Optional.of(last.sentAt()), old.unreadCount() + newUnread);
        conversations.put(id, updated);
        return updated;
    }

    private static Conversation copy(Conversation old, Optional<String> nickname, boolean verified,
                                     Optional<String> preview, Optional<Instant> activity, int unread) {
        return new Conversation(old.id(), old.contactId(), old.contactName(), nickname, old.contactIdentityKey(),
                verified, preview, activity, unread);
    }

    private void publish(ChatEvent event) {
        for (Consumer<ChatEvent> listener : listeners) {
            listener.accept(event);
        }
    }

    private Invite newInvite() {
        String link = inviteLinkFor(me.displayName());
        return new Invite(link, link.substring(INVITE_PREFIX.length()), clock.instant().plus(Duration.ofDays(7)));
    }

    private String inviterName(String linkOrCode) throws InviteException {
        String text = linkOrCode == null ? "" : linkOrCode.strip();
        String code = text.startsWith(INVITE_PREFIX) ? text.substring(INVITE_PREFIX.length()) : text;
        if (code.isEmpty() || text.contains(" ") || (text.contains("://") && !text.startsWith(INVITE_PREFIX))) {
            throw new InviteException(InviteException.Reason.NOT_AN_INVITE);
        }
        try {
            String name = new String(Base64.getUrlDecoder().decode(code), StandardCharsets.UTF_8);
            if (name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
                throw new InviteException(InviteException.Reason.CORRUPTED);
            }
            if (name.equals(me.displayName())) {
                throw new InviteException(InviteException.Reason.OWN_INVITE);
            }
            return name;
        } catch (IllegalArgumentException notBase64) {
            throw new InviteException(InviteException.Reason.NOT_AN_INVITE);
        }
    }

    // ---- groups (issue #17), in memory: the same rules the real engine enforces, no cryptography

    private static final int MAX_NAME = 64;

    /** One group as this demo device knows it; guarded by the engine's lock. */
    private static final class DemoGroup {
        final ConversationId id;
        String name;
        List<GroupMember> members;
        long epoch;
        boolean member = true;
        Optional<String> preview = Optional.empty();
        Optional<Instant> lastActivity = Optional.empty();
        int unread;
        final List<GroupHistoryEntry> history = new ArrayList<>();

        DemoGroup(ConversationId id, String name, List<GroupMember> members) {
            this.id = id;
            this.name = name;
            this.members = List.copyOf(members);
        }

        Group snapshot() {
            return new Group(id, name, members, epoch, member, preview, lastActivity, unread);
        }
    }

    private final Map<ConversationId, DemoGroup> groups = new LinkedHashMap<>();
    /** Per group message of mine: the members whose device confirmed it. */
    private final Map<MessageId, GroupDelivery> groupDeliveries = new HashMap<>();

    @Override
    public synchronized List<Group> groups() {
        return groups.values().stream().map(DemoGroup::snapshot)
                .sorted(Comparator.comparing((Group g) -> g.lastActivity().orElse(Instant.EPOCH)).reversed())
                .toList();
    }

    @Override
    public synchronized Group group(ConversationId id) {
        return groupState(id).snapshot();
    }

    @Override
    public Group createGroup(String name, List<ConversationId> contacts) {
        String clean = checkedName(name);
        Group created;
        GroupHistoryEntry entry;
        synchronized (this) {
            if (contacts.isEmpty()) {
                throw new GroupException("Choose at least one contact for the group.");
            }
            List<GroupMember> members = new ArrayList<>();
            members.add(new GroupMember(me.id(), me.displayName(), me.identityKey(), GroupRole.ADMIN, true));
            for (ConversationId contact : new java.util.LinkedHashSet<>(contacts)) {
                members.add(memberFor(contact));
            }
            if (members.size() > Group.MAX_MEMBERS) {
                throw new GroupException("A group has at most " + Group.MAX_MEMBERS + " members, you included.");
            }
            byte[] random = new byte[16];
            new java.security.SecureRandom().nextBytes(random);
            ConversationId id = new ConversationId("g-" + java.util.HexFormat.of().formatHex(random));
            DemoGroup group = new DemoGroup(id, clean, members);
            group.lastActivity = Optional.of(clock.instant());
            entry = new GroupHistoryEntry(0, clock.instant(), GroupHistoryEntry.Kind.CREATED, me.id(), me.displayName(),
                    members.subList(1, members.size()).stream().map(GroupMember::id).toList(),
                    members.subList(1, members.size()).stream().map(GroupMember::name).toList(), Optional.of(clean));
            group.history.add(entry);
            groups.put(id, group);
            messages.put(id, new ArrayList<>());
            created = group.snapshot();
        }
        publish(new ChatEvent.GroupChanged(created));
        publish(new ChatEvent.GroupHistoryAdded(created.id(), entry));
        return created;
    }

    @Override
    public void addToGroup(ConversationId id, List<ConversationId> contacts) {
        if (contacts.isEmpty()) {
            throw new GroupException("Choose at least one contact to add.");
        }
        change(id, true, group -> {
            List<GroupMember> added = new ArrayList<>();
            for (ConversationId contact : new java.util.LinkedHashSet<>(contacts)) {
                GroupMember member = memberFor(contact);
                if (group.members.stream().anyMatch(m -> m.id().equals(member.id()))) {
                    throw new GroupException(member.name() + " is already in the group.");
                }
                added.add(member);
            }
            if (group.members.size() + added.size() > Group.MAX_MEMBERS) {
                throw new GroupException("A group has at most " + Group.MAX_MEMBERS + " members, you included.");
            }
            List<GroupMember> now = new ArrayList<>(group.members);
            now.addAll(added);
            group.members = List.copyOf(now);
            return entry(group, GroupHistoryEntry.Kind.ADDED, me.id(), me.displayName(), added, Optional.empty());
        });
    }

    @Override
    public void removeFromGroup(ConversationId id, AccountId memberId) {
        change(id, true, group -> {
            GroupMember removed = group.members.stream().filter(m -> m.id().equals(memberId)).findFirst()
                    .orElseThrow(() -> new GroupException("They are not in this group any more."));
            if (removed.me()) {
                throw new GroupException("To leave the group, use Leave.");
            }
            group.members = group.members.stream().filter(m -> !m.id().equals(memberId)).toList();
            return entry(group, GroupHistoryEntry.Kind.REMOVED, me.id(), me.displayName(), List.of(removed), Optional.empty());
        });
    }

    @Override
    public void leaveGroup(ConversationId id) {
        change(id, false, group -> {
            GroupMember mine = group.members.stream().filter(GroupMember::me).findFirst().orElseThrow();
            group.members = group.members.stream().filter(m -> !m.me()).toList();
            group.member = false;
            return entry(group, GroupHistoryEntry.Kind.LEFT, me.id(), me.displayName(), List.of(mine), Optional.empty());
        });
    }

    @Override
    public void renameGroup(ConversationId id, String name) {
        String clean = checkedName(name);
        change(id, true, group -> {
            group.name = clean;
            return entry(group, GroupHistoryEntry.Kind.RENAMED, me.id(), me.displayName(), List.of(), Optional.of(clean));
        });
    }

    @Override
    public void setGroupRole(ConversationId id, AccountId memberId, org.wakuchat.core.group.GroupRole role) {
        change(id, true, group -> {
            GroupMember subject = group.members.stream().filter(m -> m.id().equals(memberId)).findFirst()
                    .orElseThrow(() -> new GroupException("They are not in this group any more."));
            if (subject.role() == role) {
                throw new GroupException(subject.name() + (role == org.wakuchat.core.group.GroupRole.ADMIN
                        ? " is already an admin." : " is not an admin."));
            }
            if (role != org.wakuchat.core.group.GroupRole.ADMIN
                    && group.members.stream().filter(m -> m.role() == org.wakuchat.core.group.GroupRole.ADMIN).count() == 1) {
                throw new GroupException("A group needs an admin: make someone else admin first.");
            }
            group.members = group.members.stream().map(m -> m.id().equals(memberId)
                    ? new GroupMember(m.id(), m.name(), m.identityKey(), role, m.me()) : m).toList();
            return entry(group, role == org.wakuchat.core.group.GroupRole.ADMIN ? GroupHistoryEntry.Kind.PROMOTED
                    : GroupHistoryEntry.Kind.DEMOTED, me.id(), me.displayName(), List.of(subject), Optional.empty());
        });
    }

    @Override
    public synchronized List<GroupHistoryEntry> groupHistory(ConversationId id) {
        return List.copyOf(groupState(id).history);
    }

    @Override
    public synchronized GroupDelivery groupDelivery(MessageId message) {
        GroupDelivery delivery = groupDeliveries.get(message);
        if (delivery == null) {
            throw new GroupException("Not one of my group messages: " + message);
        }
        return delivery;
    }

    // ---- groups: the other members, played by the demo or a test

    /**
     * A group someone else made with me in it ({@code admin} and {@code others} are my contacts);
     * I am a plain member.
     */
    public Group joinGroup(String name, ConversationId admin, List<ConversationId> others) {
        Group joined;
        GroupHistoryEntry entry;
        synchronized (this) {
            GroupMember adminMember = memberFor(admin);
            adminMember = new GroupMember(adminMember.id(), adminMember.name(), adminMember.identityKey(), GroupRole.ADMIN, false);
            List<GroupMember> members = new ArrayList<>(List.of(adminMember));
            members.add(new GroupMember(me.id(), me.displayName(), me.identityKey(), GroupRole.MEMBER, true));
            others.forEach(other -> members.add(memberFor(other)));
            ConversationId id = new ConversationId("g-" + UUID.randomUUID().toString().replace("-", ""));
            DemoGroup group = new DemoGroup(id, name, members);
            group.lastActivity = Optional.of(clock.instant());
            List<GroupMember> subjects = members.subList(1, members.size());
            entry = new GroupHistoryEntry(0, clock.instant(), GroupHistoryEntry.Kind.CREATED, adminMember.id(),
                    adminMember.name(), subjects.stream().map(GroupMember::id).toList(),
                    subjects.stream().map(GroupMember::name).toList(), Optional.of(name));
            group.history.add(entry);
            groups.put(id, group);
            messages.put(id, new ArrayList<>());
            joined = group.snapshot();
        }
        publish(new ChatEvent.GroupChanged(joined));
        publish(new ChatEvent.GroupHistoryAdded(joined.id(), entry));
        return joined;
    }

    /** A message another member wrote in the group. */
    public ChatMessage receiveInGroup(ConversationId id, AccountId sender, String text, Instant sentAt) {
        ChatMessage message;
        Group updated;
        synchronized (this) {
            DemoGroup group = groupState(id);
            message = new ChatMessage(new MessageId("m-" + UUID.randomUUID()), id, false, Payload.text(text), sentAt,
                    clock.instant(), DeliveryState.RECEIVED, ++order, Optional.empty(), Optional.of(sender));
            messages.get(id).add(message);
            String who = group.members.stream().filter(m -> m.id().equals(sender)).map(GroupMember::name)
                    .findFirst().orElse("Someone");
            group.preview = Optional.of(who + ": " + text.lines().findFirst().orElse(""));
            group.lastActivity = Optional.of(sentAt);
            group.unread++;
            updated = group.snapshot();
        }
        publish(new ChatEvent.MessageAdded(message));
        publish(new ChatEvent.GroupChanged(updated));
        return message;
    }

    public ChatMessage receiveInGroup(ConversationId id, AccountId sender, String text) {
        return receiveInGroup(id, sender, text, clock.instant());
    }

    /**
     * Many group messages at once, without events (for history and scrolling): "Group message 1"
     * onwards, every third one mine (confirmed by everyone), the others from the other members in turn.
     */
    public synchronized void addGroupHistory(ConversationId id, int count, Instant firstSentAt, Duration spacing) {
        DemoGroup group = groupState(id);
        List<GroupMember> others = group.members.stream().filter(m -> !m.me()).toList();
        List<ChatMessage> list = messages.get(id);
        for (int i = 0; i < count; i++) {
            boolean outgoing = i % 3 == 0 || others.isEmpty();
            Instant at = firstSentAt.plus(spacing.multipliedBy(i));
            ChatMessage message = new ChatMessage(new MessageId("h-" + UUID.randomUUID()), id, outgoing,
                    Payload.text("Group message " + (i + 1)), at, at,
                    outgoing ? DeliveryState.DELIVERED : DeliveryState.RECEIVED, ++order, Optional.empty(),
                    outgoing ? Optional.empty() : Optional.of(others.get(i % others.size()).id()));
            list.add(message);
            if (outgoing) {
                groupDeliveries.put(message.id(), new GroupDelivery(message.id(),
                        others.stream().map(GroupMember::id).toList(), List.of()));
            }
            group.preview = Optional.of(message.text());
            group.lastActivity = Optional.of(at);
        }
    }

    /** I renamed the group at {@code at}, without events (a history entry at a chosen time, for tests). */
    public synchronized void renameGroupAt(ConversationId id, String name, Instant at) {
        DemoGroup group = groupState(id);
        group.name = checkedName(name);
        group.epoch++;
        group.history.add(new GroupHistoryEntry(group.epoch, at, GroupHistoryEntry.Kind.RENAMED, me.id(),
                me.displayName(), List.of(), List.of(), Optional.of(group.name)));
    }

    /** {@code member}'s device confirmed my group message; DELIVERED once every member did. */
    public void confirmInGroup(MessageId message, AccountId member) {
        GroupDelivery delivery;
        ConversationId group;
        boolean all;
        synchronized (this) {
            GroupDelivery old = groupDeliveries.get(message);
            if (old == null || !old.waitingFor().contains(member)) {
                return;
            }
            List<AccountId> delivered = new ArrayList<>(old.deliveredTo());
            delivered.add(member);
            delivery = new GroupDelivery(message, delivered,
                    old.waitingFor().stream().filter(m -> !m.equals(member)).toList());
            groupDeliveries.put(message, delivery);
            group = messages.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(m -> m.id().equals(message)))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            all = delivery.waitingFor().isEmpty();
        }
        publish(new ChatEvent.GroupDeliveryChanged(group, delivery));
        setDelivery(message, all ? DeliveryState.DELIVERED : DeliveryState.SENT);
    }

    /** Another admin, {@code author}, made {@code member} (me too) an admin or a plain member again. */
    public void roleSetByAdmin(ConversationId id, AccountId author, AccountId member, GroupRole role) {
        GroupHistoryEntry entry;
        Group updated;
        synchronized (this) {
            DemoGroup group = groupState(id);
            GroupMember admin = group.members.stream().filter(m -> m.id().equals(author) && m.admin()).findFirst()
                    .orElseThrow(() -> new GroupException("not an admin of the group"));
            GroupMember subject = group.members.stream().filter(m -> m.id().equals(member)).findFirst().orElseThrow();
            group.members = group.members.stream().map(m -> m.id().equals(member)
                    ? new GroupMember(m.id(), m.name(), m.identityKey(), role, m.me()) : m).toList();
            entry = entry(group, role == GroupRole.ADMIN ? GroupHistoryEntry.Kind.PROMOTED : GroupHistoryEntry.Kind.DEMOTED,
                    admin.id(), admin.name(), List.of(subject), Optional.empty());
            updated = group.snapshot();
        }
        publish(new ChatEvent.GroupChanged(updated));
        publish(new ChatEvent.GroupHistoryAdded(id, entry));
    }

    /** The admin (another member) removed {@code member}, me included. */
    public void removedByAdmin(ConversationId id, AccountId member) {
        GroupHistoryEntry entry;
        Group updated;
        synchronized (this) {
            DemoGroup group = groupState(id);
            GroupMember admin = group.members.stream().filter(GroupMember::admin).findFirst()
                    .orElseThrow(() -> new GroupException("the group has no admin"));
            GroupMember removed = group.members.stream().filter(m -> m.id().equals(member)).findFirst().orElseThrow();
            group.members = group.members.stream().filter(m -> !m.id().equals(member)).toList();
            group.member = !removed.me();
            entry = entry(group, GroupHistoryEntry.Kind.REMOVED, admin.id(), admin.name(), List.of(removed), Optional.empty());
            updated = group.snapshot();
        }
        publish(new ChatEvent.GroupChanged(updated));
        publish(new ChatEvent.GroupHistoryAdded(id, entry));
    }

    public void announceGroupMissing(ConversationId group, AccountId sender, int count, ChatEvent.MissingState state) {
        publish(new ChatEvent.GroupMissingMessages(group, sender, count, state));
    }

    // ---- groups: internals

    /** A group change by me: checks, applies {@code apply} (which returns the history entry), announces. */
    private void change(ConversationId id, boolean adminOnly, java.util.function.Function<DemoGroup, GroupHistoryEntry> apply) {
        GroupHistoryEntry entry;
        Group updated;
        synchronized (this) {
            DemoGroup group = groupState(id);
            if (!group.member) {
                throw new GroupException("You are not a member of this group any more.");
            }
            if (adminOnly && !group.snapshot().iAmAdmin()) {
                throw new GroupException("Only the group's admins can change the group.");
            }
            entry = apply.apply(group);
            updated = group.snapshot();
        }
        publish(new ChatEvent.GroupChanged(updated));
        publish(new ChatEvent.GroupHistoryAdded(id, entry));
    }

    private GroupHistoryEntry entry(DemoGroup group, GroupHistoryEntry.Kind kind, AccountId author, String authorName,
                                    List<GroupMember> subjects, Optional<String> newName) {
        group.epoch++;
        GroupHistoryEntry entry = new GroupHistoryEntry(group.epoch, clock.instant(), kind, author, authorName,
                subjects.stream().map(GroupMember::id).toList(), subjects.stream().map(GroupMember::name).toList(), newName);
        group.history.add(entry);
        return entry;
    }

    private DemoGroup groupState(ConversationId id) {
        DemoGroup group = groups.get(id);
        if (group == null) {
            throw new GroupException("No such group: " + id);
        }
        return group;
    }

    private GroupMember memberFor(ConversationId contact) {
        Conversation conversation = conversations.get(contact);
        if (conversation == null) {
            throw new GroupException("Not a contact: " + contact);
        }
        return new GroupMember(conversation.contactId(), conversation.displayName(), conversation.contactIdentityKey(),
                GroupRole.MEMBER, false);
    }

    private static String checkedName(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            throw new GroupException("Give the group a name.");
        }
        if (clean.length() > MAX_NAME) {
            throw new GroupException("A group name has at most " + MAX_NAME + " characters.");
        }
        return clean;
    }
}
