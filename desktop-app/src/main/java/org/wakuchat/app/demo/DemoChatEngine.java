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
            message = new ChatMessage(new MessageId("m-" + UUID.randomUUID()), id, outgoing, Payload.text(text),
                    sentAt, clock.instant(), state, ++order);
            list.add(message);
            updated = updateConversation(id, message, outgoing ? 0 : 1);
        }
        publish(new ChatEvent.MessageAdded(message));
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

    // Groups (issue #17): being built; docs/groups.md is the design.
    private static final String GROUPS_NOT_BUILT = "private groups are not built yet";

    @Override
    public java.util.List<org.wakuchat.core.group.Group> groups() {
        return java.util.List.of();
    }

    @Override
    public org.wakuchat.core.group.Group group(ConversationId id) {
        throw new org.wakuchat.core.group.GroupException("no such group: " + id);
    }

    @Override
    public org.wakuchat.core.group.Group createGroup(String name, java.util.List<ConversationId> contacts) {
        throw new org.wakuchat.core.group.GroupException(GROUPS_NOT_BUILT);
    }

    @Override
    public void addToGroup(ConversationId group, java.util.List<ConversationId> contacts) {
        throw new org.wakuchat.core.group.GroupException(GROUPS_NOT_BUILT);
    }

    @Override
    public void removeFromGroup(ConversationId group, org.wakuchat.core.account.AccountId member) {
        throw new org.wakuchat.core.group.GroupException(GROUPS_NOT_BUILT);
    }

    @Override
    public void leaveGroup(ConversationId group) {
        throw new org.wakuchat.core.group.GroupException(GROUPS_NOT_BUILT);
    }

    @Override
    public void renameGroup(ConversationId group, String name) {
        throw new org.wakuchat.core.group.GroupException(GROUPS_NOT_BUILT);
    }

    @Override
    public java.util.List<org.wakuchat.core.group.GroupHistoryEntry> groupHistory(ConversationId group) {
        return java.util.List.of();
    }

    @Override
    public org.wakuchat.core.group.GroupDelivery groupDelivery(MessageId message) {
        throw new org.wakuchat.core.group.GroupException(GROUPS_NOT_BUILT);
    }
}
