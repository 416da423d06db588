package org.wakuchat.core.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.Payload;
import org.wakuchat.core.SealedSettings;
import org.wakuchat.core.account.Account;
import org.wakuchat.core.account.AccountIds;
import org.wakuchat.core.account.SafetyNumber;
import org.wakuchat.core.account.SafetyNumbers;
import org.wakuchat.core.invite.Invite;
import org.wakuchat.core.invite.InviteCodec;
import org.wakuchat.core.invite.InviteData;
import org.wakuchat.core.invite.InviteException;
import org.wakuchat.core.invite.InviteNetwork;
import org.wakuchat.core.invite.InvitePreview;
import org.wakuchat.core.report.ReliabilityReport;
import org.wakuchat.core.report.ReportCalculator;
import org.wakuchat.core.report.ReportQuery;
import org.wakuchat.core.session.Session;
import org.wakuchat.core.store.Storage;
import org.wakuchat.core.store.StoredConversation;
import org.wakuchat.core.store.StoredMessage;
import org.wakuchat.core.time.Scheduler;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.transport.NodeStatus;
import org.wakuchat.core.transport.ReceivedMessage;
import org.wakuchat.core.transport.WakuNode;

/** The engine of one unlocked account. Every entry point serializes on one lock. */
final class DefaultChatEngine implements ChatEngine {

    private static final Logger log = LoggerFactory.getLogger(DefaultChatEngine.class);

    private final Storage storage;
    private final EngineParts parts;
    private final Outbox outbox;
    private final Receiver receiver;
    private final CatchUp catchUp;
    private final Recovery recovery;
    private final GroupEngine groups;
    private final Object lock = new Object();
    private final SealedSettings sealedSettings;
    private final java.util.Optional<org.wakuchat.core.DataFolderWarning> dataFolderWarning;
    private EngineStatus status = EngineStatus.stopped();
    private boolean closed;
    private Scheduler.Cancellable nextPrune;
    /** While the node's relay is degraded: the next Store poll (guarded by lock). */
    private Scheduler.Cancellable degradedPoll;
    /** How often Store is polled while relay has no mesh peer on one of my shards. */
    static final Duration DEGRADED_POLL = Duration.ofSeconds(10);

    DefaultChatEngine(EngineConfig config, Storage storage, KeyRing keys) {
        this.storage = storage;
        this.dataFolderWarning = config.folderMarkers().flatMap(markers ->
                org.wakuchat.core.store.FolderGenerations.checkAndAdvance(storage.secrets(), markers, config.random()));
        this.sealedSettings = new StoredSealedSettings(storage.secrets());
        WakuNode node = config.nodeFor(sealedSettings);
        this.parts = new EngineParts(config, storage.messages(), storage.secrets(), keys,
                new ConversationBook(storage.messages(), storage.secrets(), config.random()), node, new EventHub(), lock,
                () -> closed, new ReportRecorder(storage.events(), config.scheduler(), lock));
        this.outbox = new Outbox(parts, new RateLimiter(config.rateLimit()), this::refreshStatus);
        this.recovery = new Recovery(parts);
        this.receiver = new Receiver(parts, outbox, recovery);
        recovery.deliverRecoveredTo(receiver::onStoreMessage);
        this.groups = new GroupEngine(parts, storage.groups(), outbox, this::refreshStatus);
        receiver.onControl(groups::onControl);
        this.catchUp = new CatchUp(parts, m -> groups.handles(m) ? groups.onMessage(m) : receiver.onStoreMessage(m),
                recovery, this::refreshStatus);
        node.setListener(new WakuNode.Listener() {
            @Override
            public void onMessage(ReceivedMessage message) {
                synchronized (lock) {
                    if (!closed) {
                        if (groups.handles(message)) {
                            groups.onMessage(message);
                        } else {
                            receiver.onMessage(message);
                        }
                    }
                }
            }

            @Override
            public void onStatus(NodeStatus nodeStatus) {
                synchronized (lock) {
                    if (!closed) {
                        nodeStatusChanged(nodeStatus);
                    }
                }
            }
        });
        synchronized (lock) {
            status = withQueued(EngineStatus.stopped());
            schedulePrune();
        }
    }

    /**
     * Deletes each prekey when its grace period ends, not only when a new invite is made: its
     * private key is what a thief would need to read the first messages sent with that invite.
     */
    private void schedulePrune() {
        if (nextPrune != null) {
            nextPrune.cancel();
            nextPrune = null;
        }
        parts.keys().nextPruneAt().ifPresent(at -> {
            java.time.Duration delay = java.time.Duration.between(now(), at).plusMillis(1);
            nextPrune = parts.config().scheduler().schedule(delay.isNegative() ? java.time.Duration.ZERO : delay, () -> {
                synchronized (lock) {
                    nextPrune = null;
                    if (!closed) {
                        parts.keys().prune(now());
                        schedulePrune();
                    }
                }
            });
        });
    }

    @Override
    public Account account() {
        return parts.keys().account();
    }

    @Override
    public java.util.Optional<org.wakuchat.core.DataFolderWarning> dataFolderWarning() {
        return dataFolderWarning;
    }

    @Override
    public SealedSettings sealedSettings() {
        return sealedSettings;
    }

    @Override
    public EngineStatus status() {
        synchronized (lock) {
            return status;
        }
    }

    @Override
    public void start() {
        synchronized (lock) {
            dataFolderWarning.ifPresent(warning -> parts.events().publish(new ChatEvent.DataFolderWarned(warning)));
            parts.node().subscribe(myTopics());
            recovery.resume();
            groups.resume();
            parts.report().started();
            nodeStatusChanged(new NodeStatus(NodeStatus.State.STARTING, 0, ""));
        }
        parts.node().start().whenComplete((ok, error) -> {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                if (error != null) {
                    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    log.warn("Waku node unavailable: {}", cause.getMessage());
                    nodeStatusChanged(new NodeStatus(NodeStatus.State.UNAVAILABLE, 0, String.valueOf(cause.getMessage())));
                } else {
                    parts.node().rlnMessageLimit().ifPresent(outbox.limiter()::followMembership);
                    nodeStatusChanged(parts.node().status());
                }
            }
        });
    }

    @Override
    public Subscription subscribe(Consumer<ChatEvent> listener) {
        return parts.events().subscribe(listener);
    }

    @Override
    public Invite currentInvite() {
        synchronized (lock) {
            PreKeyRecord prekey = parts.keys().currentPrekey(now(), parts.config().inviteValidity(),
                    parts.config().random());
            schedulePrune();
            return invite(prekey);
        }
    }

    @Override
    public Invite rotateInvite(boolean revokeOlder) {
        synchronized (lock) {
            PreKeyRecord prekey = parts.keys().newPrekey(now(), parts.config().inviteValidity(), parts.config().random());
            if (revokeOlder) {
                parts.keys().revokeAllBut(prekey.getId());
            }
            schedulePrune();
            return invite(prekey);
        }
    }

    @Override
    public InvitePreview previewInvite(String linkOrCode) throws InviteException {
        InviteData data = decodeForeignInvite(linkOrCode);
        return data.preview();
    }

    @Override
    public Conversation acceptInvite(String linkOrCode) throws InviteException {
        InviteData data = decodeForeignInvite(linkOrCode);
        synchronized (lock) {
            byte[] theirKey = data.identityKey();
            ConversationId id = Topics.conversationId(parts.keys().identity().publicKey(), theirKey);
            if (parts.book().stored(id).isPresent()) {
                return parts.book().view(id);
            }
            Session session = Session.initiate(parts.keys().identity(), account().displayName(), theirKey,
                    data.preKeyId(), data.preKeyPublic(), parts.config().random());
            var stored = new StoredConversation(id, AccountIds.of(theirKey), data.displayName(), Optional.empty(),
                    theirKey, false, now(), new byte[0]);
            return parts.openConversation(stored, session, data.expiresAt().toEpochMilli());
        }
    }

    @Override
    public List<Conversation> conversations() {
        synchronized (lock) {
            return parts.book().ids().stream().map(parts.book()::view)
                    .sorted(Comparator.comparing((Conversation c) -> c.lastActivity().orElse(Instant.EPOCH)).reversed())
                    .toList();
        }
    }

    @Override
    public Conversation conversation(ConversationId id) {
        synchronized (lock) {
            return parts.book().view(id);
        }
    }

    @Override
    public int messageCount(ConversationId id) {
        synchronized (lock) {
            requireVisible(id);
            return parts.messages().count(id);
        }
    }

    @Override
    public List<ChatMessage> messages(ConversationId id, int fromIndex, int limit) {
        synchronized (lock) {
            requireVisible(id);
            return parts.messages().page(id, fromIndex, limit);
        }
    }

    @Override
    public ChatMessage sendText(ConversationId id, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("nothing to send");
        }
        return send(id, Payload.text(text));
    }

    @Override
    public ChatMessage send(ConversationId id, Payload payload) {
        synchronized (lock) {
            if (GroupEngine.isGroup(id)) {
                ChatMessage message = groups.send(id, payload);
                refreshStatus();
                return message;
            }
            parts.book().require(id);
            ChatMessage message = outbox.enqueue(id, payload);
            refreshStatus();
            return message;
        }
    }

    @Override
    public void retry(MessageId id) {
        synchronized (lock) {
            StoredMessage stored = parts.messages().message(id).filter(m -> m.message().outgoing())
                    .orElseThrow(() -> new IllegalArgumentException("no outgoing message " + id));
            if (GroupEngine.isGroup(stored.message().conversation())) {
                groups.retry(stored);
            } else {
                outbox.retry(id);
            }
        }
    }

    @Override
    public void markRead(ConversationId id) {
        synchronized (lock) {
            if (GroupEngine.isGroup(id)) {
                groups.markRead(id);
                return;
            }
            parts.messages().markRead(id);
            parts.events().publish(new ChatEvent.ConversationChanged(parts.book().view(id)));
        }
    }

    @Override
    public void setNickname(ConversationId id, String nickname) {
        synchronized (lock) {
            StoredConversation c = parts.book().require(id);
            Optional<String> name = Optional.ofNullable(nickname).map(String::strip).filter(n -> !n.isEmpty());
            parts.book().update(new StoredConversation(c.id(), c.contactId(), c.contactName(), name,
                    c.contactIdentityKey(), c.verified(), c.createdAt(), c.engineState()));
            parts.events().publish(new ChatEvent.ConversationChanged(parts.book().view(id)));
        }
    }

    @Override
    public SafetyNumber safetyNumber(ConversationId id) {
        synchronized (lock) {
            return SafetyNumbers.of(parts.keys().identity().publicKey(), parts.book().require(id).contactIdentityKey());
        }
    }

    @Override
    public void setVerified(ConversationId id, boolean verified) {
        synchronized (lock) {
            StoredConversation c = parts.book().require(id);
            parts.book().update(new StoredConversation(c.id(), c.contactId(), c.contactName(), c.nickname(),
                    c.contactIdentityKey(), verified, c.createdAt(), c.engineState()));
            parts.events().publish(new ChatEvent.ConversationChanged(parts.book().view(id)));
        }
    }

    @Override
    public ReliabilityReport reliabilityReport(ReportQuery query) {
        synchronized (lock) {
            Instant now = now();
            return ReportCalculator.compute(query, now, parts.config().network().map(InviteNetwork::clusterId),
                    parts.messages().figures(query.period().since(now).orElse(Instant.MIN), query.contact()),
                    storage.events().since(Instant.MIN));
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            parts.report().stopped();
            if (degradedPoll != null) {
                degradedPoll.cancel();
                degradedPoll = null;
            }
            if (status.state() == EngineStatus.State.CONNECTED && !catchUp.running()) {
                catchUp.markOnline();
            }
        }
        try {
            parts.node().close();
        } finally {
            storage.close();
        }
    }

    private void nodeStatusChanged(NodeStatus nodeStatus) {
        EngineStatus previous = status;
        EngineStatus.State state = switch (nodeStatus.state()) {
            case STOPPED -> EngineStatus.State.STOPPED;
            case STARTING -> EngineStatus.State.STARTING;
            case UNAVAILABLE -> EngineStatus.State.UNAVAILABLE;
            case RUNNING -> nodeStatus.peers() > 0 ? EngineStatus.State.CONNECTED : EngineStatus.State.OFFLINE;
        };
        boolean online = state == EngineStatus.State.CONNECTED;
        boolean cameOnline = online && previous.state() != EngineStatus.State.CONNECTED;
        Optional<Instant> offlineSince = online ? Optional.empty()
                : previous.offlineSince().or(() -> Optional.of(now()));
        status = new EngineStatus(state, nodeStatus.peers(), nodeStatus.detail(), offlineSince,
                false, Optional.empty(), 0);
        parts.report().status(state, nodeStatus.peers());
        if (cameOnline) {
            catchUp.start(myTopics());
        }
        if (online) {
            outbox.pump();
            outbox.flushAllAcks();
            groups.online();
            if (degradedPoll == null && parts.node().relayDegraded()) {
                scheduleDegradedPoll();
            }
        }
        publishIfChanged(previous);
    }

    /**
     * Connected, but relay brings others' messages late or not at all (no mesh peer, see
     * {@link WakuNode#relayDegraded()}): our publishes still reach our
     * peers and their Store, so Store is asked for what we miss every {@link #DEGRADED_POLL} until
     * relay is healthy again. Guarded by lock.
     */
    private void scheduleDegradedPoll() {
        degradedPoll = parts.config().scheduler().schedule(DEGRADED_POLL, () -> {
            synchronized (lock) {
                degradedPoll = null;
                if (closed || status.state() != EngineStatus.State.CONNECTED || !parts.node().relayDegraded()) {
                    return;
                }
                if (!catchUp.running()) {
                    catchUp.start(myTopics());
                }
                scheduleDegradedPoll();
            }
        });
    }

    /** Every topic this account listens on: its inbox and its conversations. */
    private List<ContentTopic> myTopics() {
        var topics = new java.util.ArrayList<ContentTopic>(parts.book().topics());
        topics.add(receiver.inboxTopic());
        topics.addAll(groups.topics());
        return topics;
    }

    /** Recomputes the parts of the status that the outbox and catch-up change. */
    private void refreshStatus() {
        publishIfChanged(status);
    }

    private void publishIfChanged(EngineStatus previous) {
        status = withQueued(status);
        if (!status.equals(previous)) {
            parts.events().publish(new ChatEvent.StatusChanged(status));
        }
    }

    private EngineStatus withQueued(EngineStatus s) {
        return new EngineStatus(s.state(), s.peers(), s.detail(), s.offlineSince(), catchUp != null && catchUp.running(),
                outbox.limiter().limitedUntil(now()),
                outbox.queuedCount() + (groups == null ? 0 : groups.queuedBroadcasts()));
    }

    private InviteData decodeForeignInvite(String linkOrCode) throws InviteException {
        return InviteCodec.decode(linkOrCode, now(), parts.keys().identity().publicKey());
    }

    private Invite invite(PreKeyRecord prekey) {
        var keys = org.wakuchat.core.crypto.X25519KeyPair.fromPrivate(prekey.getPrivateKey().toByteArray());
        InviteData data = new InviteData(InviteData.VERSION_1, parts.keys().identity().publicKey(),
                prekey.getId(), keys.publicKey(), Instant.ofEpochMilli(prekey.getExpiresAtMs()),
                account().displayName()).withNetwork(parts.config().network());
        // As many of my service nodes as fit in a link of 200 characters (docs/invites.md).
        return InviteCodec.encodeFitting(data);
    }

    private Instant now() {
        return parts.config().scheduler().now();
    }

    /** 1:1 chats and groups have messages; the hidden conversations of group control messages do not. */
    private void requireVisible(ConversationId id) {
        if (GroupControl.isHidden(id)) {
            throw new IllegalArgumentException("no conversation " + id);
        }
    }

    /** The group part of the engine (tests call it under no lock: only from the test thread, between runs). */
    GroupEngine groupEngine() {
        return groups;
    }

    // Groups (issue #17): docs/groups.md; GroupEngine does the work.

    @Override
    public List<org.wakuchat.core.group.Group> groups() {
        synchronized (lock) {
            return groups.groups();
        }
    }

    @Override
    public org.wakuchat.core.group.Group group(ConversationId id) {
        synchronized (lock) {
            return groups.group(id);
        }
    }

    @Override
    public org.wakuchat.core.group.Group createGroup(String name, List<ConversationId> contacts) {
        synchronized (lock) {
            var group = groups.create(name, contacts);
            refreshStatus();
            return group;
        }
    }

    @Override
    public void addToGroup(ConversationId group, List<ConversationId> contacts) {
        synchronized (lock) {
            groups.add(group, contacts);
            refreshStatus();
        }
    }

    @Override
    public void removeFromGroup(ConversationId group, org.wakuchat.core.account.AccountId member) {
        synchronized (lock) {
            groups.remove(group, member);
            refreshStatus();
        }
    }

    @Override
    public void leaveGroup(ConversationId group) {
        synchronized (lock) {
            groups.leave(group);
            refreshStatus();
        }
    }

    @Override
    public void setGroupRole(ConversationId group, org.wakuchat.core.account.AccountId member,
                             org.wakuchat.core.group.GroupRole role) {
        synchronized (lock) {
            groups.setRole(group, member, role);
            refreshStatus();
        }
    }

    @Override
    public void renameGroup(ConversationId group, String name) {
        synchronized (lock) {
            groups.rename(group, name);
            refreshStatus();
        }
    }

    @Override
    public List<org.wakuchat.core.group.GroupHistoryEntry> groupHistory(ConversationId group) {
        synchronized (lock) {
            return groups.history(group);
        }
    }

    @Override
    public org.wakuchat.core.group.GroupDelivery groupDelivery(MessageId message) {
        synchronized (lock) {
            return groups.delivery(message);
        }
    }
}
