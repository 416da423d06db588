package org.wakuchat.core.transport;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.core.time.Scheduler;
import org.wakuchat.libwaku.AsyncLibWaku;
import org.wakuchat.libwaku.CallbackRegistry;
import org.wakuchat.libwaku.LibWaku;
import org.wakuchat.libwaku.LibWakuLoader;
import org.wakuchat.libwaku.LibWakuNotFound;
import org.wakuchat.libwaku.LibWakuSource;

/**
 * A {@link WakuNode} that runs nwaku in relay mode inside this process, through libwaku.
 *
 * <p>All answers, events and listener calls run on one node thread, in order. Lifecycle: start
 * loads libwaku, creates the node and waits for nwaku's answer before each next step; stop stops
 * it and frees it in the background (that takes seconds); a later start builds a fresh node.
 * Where libwaku is missing or the node cannot start, {@link #start()} fails with
 * {@link EngineUnavailableException} and {@link #status()} is {@code UNAVAILABLE}, both saying why.
 */
public final class LibWakuNode implements WakuNode {

    static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(20);
    static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DIAL_TIMEOUT = Duration.ofSeconds(10);
    static final String SUPPORTED_SERIES = "0.36";

    private static final Logger LOG = LoggerFactory.getLogger(LibWakuNode.class);
    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\.\\d+\\S*");

    private final NetworkConfig config;
    private java.util.OptionalInt rlnMessageLimit = java.util.OptionalInt.empty(); // guarded by lock
    private final LibWakuSource libraries;
    private final ScheduledExecutorService nodeThread;
    private final CallbackRegistry calls;
    private final BootstrapRedialer redialer;
    private final Object lock = new Object();
    private final Object statusLock = new Object();

    private volatile Listener listener;
    private volatile Consumer<ReceivedMessage> relayObserver;
    private volatile NodeStatus status = NodeStatus.stopped();
    // Guarded by lock:
    private AsyncLibWaku node;
    /** The listen settings the running node was given: a port of 0 becomes a free port (nwaku refuses 0). */
    private NetworkConfig.Listen boundListen;
    private CompletableFuture<Void> starting;
    private CompletableFuture<Void> lastDestroy = CompletableFuture.completedFuture(null);
    private boolean closed;
    private final Set<ContentTopic> subscribed = new LinkedHashSet<>();
    private final Set<PubsubTopic> relayedShards = new HashSet<>();
    private final Set<String> peers = new HashSet<>();
    /** nwaku's topic health values with at least one mesh peer ({@code UnHealthy}: none); Set.of refuses contains(null). */
    private static final Set<String> HEALTHY = Set.of("MinimallyHealthy", "SufficientlyHealthy");
    /** nwaku's last relay health per shard, from its events. */
    private final Map<PubsubTopic, String> shardHealth = new HashMap<>();

    /** A node over the libwaku this machine has, found by {@link LibWakuLoader}. */
    public LibWakuNode(NetworkConfig config) {
        this(config, LibWakuLoader.forThisMachine());
    }

    public LibWakuNode(NetworkConfig config, LibWakuSource libraries) {
        this(config, libraries, newNodeThread(), null);
    }

    /** For tests: {@code scheduler} drives re-dialling (null: the node thread on the wall clock). */
    LibWakuNode(NetworkConfig config, LibWakuSource libraries, ScheduledExecutorService nodeThread, Scheduler scheduler) {
        this.config = config;
        this.libraries = libraries;
        this.nodeThread = nodeThread;
        this.calls = new CallbackRegistry(nodeThread, nodeThread);
        this.redialer = new BootstrapRedialer(scheduler != null ? scheduler : new NodeThreadScheduler(nodeThread),
                config.bootstrapPeers(), this::dial, this::peerCount);
    }

    @Override
    public CompletableFuture<Void> start() {
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the node is closed"));
            }
            if (starting != null) {
                return starting;
            }
            CompletableFuture<Void> result = new CompletableFuture<>();
            starting = result;
            setStatus(new NodeStatus(NodeStatus.State.STARTING, 0, "starting nwaku"));
            nodeThread.execute(() -> startNode(result));
            return result;
        }
    }

    @Override
    public CompletableFuture<Void> stop() {
        AsyncLibWaku stopping;
        synchronized (lock) {
            stopping = node;
            node = null;
            starting = null;
            peers.clear();
            relayedShards.clear();
            shardHealth.clear();
        }
        redialer.stop();
        if (stopping == null) {
            if (status.state() != NodeStatus.State.UNAVAILABLE) {
                setStatus(NodeStatus.stopped());
            }
            return CompletableFuture.completedFuture(null);
        }
        return stopping.stop()
                .handle((ignored, failure) -> {
                    if (failure != null) {
                        LOG.warn("nwaku did not stop cleanly: {}", failure.toString());
                    }
                    synchronized (lock) {
                        lastDestroy = stopping.destroy();
                    }
                    setStatus(NodeStatus.stopped());
                    return null;
                });
    }

    @Override
    public CompletableFuture<MessageHash> publish(WakuMessage message) {
        AsyncLibWaku running = runningNode();
        if (running == null) {
            return notRunning("publish");
        }
        PubsubTopic topic = config.pubsubTopic(message.contentTopic());
        String json = NwakuMessageJson.toPublishJson(message);
        return relayShard(running, topic)
                .thenCompose(relayed -> running.relayPublish(topic.value(), json, PUBLISH_TIMEOUT))
                .thenApply(MessageHash::fromHex);
    }

    @Override
    public void subscribe(Collection<ContentTopic> topics) {
        AsyncLibWaku running;
        synchronized (lock) {
            subscribed.addAll(topics);
            running = node;
        }
        if (running != null) {
            topics.stream().map(config::pubsubTopic).distinct().forEach(shard -> relayShard(running, shard));
        }
    }

    @Override
    public void unsubscribe(Collection<ContentTopic> topics) {
        AsyncLibWaku running;
        Set<PubsubTopic> unused = new HashSet<>();
        synchronized (lock) {
            subscribed.removeAll(topics);
            running = node;
            Set<PubsubTopic> needed = neededShards();
            for (PubsubTopic shard : Set.copyOf(relayedShards)) {
                if (!needed.contains(shard)) {
                    relayedShards.remove(shard);
                    unused.add(shard);
                }
            }
        }
        if (running != null) {
            unused.forEach(shard -> running.relayUnsubscribe(shard.value()).exceptionally(failure -> {
                // nwaku v0.36 refuses every waku_relay_unsubscribe ("Unsupported subscription
                // type"): it still relays the shard, so we must not join it again later.
                LOG.info("could not leave {}: {}", shard, failure.toString());
                synchronized (lock) {
                    if (node == running) {
                        relayedShards.add(shard);
                    }
                }
                return null;
            }));
        }
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = listener;
    }

    /**
     * Sees every message nwaku relays to this node, whatever its content topic and before the
     * subscription filter, on the node thread: for a service node that counts traffic on every
     * shard it relays without subscribing to content topics. Replaces any earlier observer.
     */
    public void observeRelay(Consumer<ReceivedMessage> observer) {
        this.relayObserver = observer;
    }

    public NetworkConfig config() {
        return config;
    }

    @Override
    public java.util.OptionalInt rlnMessageLimit() {
        synchronized (lock) {
            return rlnMessageLimit;
        }
    }

    @Override
    public NodeStatus status() {
        return status;
    }

    @Override
    public CompletableFuture<StorePage> storeQuery(StoreQuery query) {
        AsyncLibWaku running = runningNode();
        if (running == null) {
            return notRunning("query Store");
        }
        if (config.storeNodes().isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("no Store node is configured"));
        }
        Set<PubsubTopic> shards = query.contentTopics().stream().map(config::pubsubTopic).collect(Collectors.toSet());
        if (shards.size() > 1) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "the content topics of one Store query must share a shard; these span " + shards));
        }
        Optional<PubsubTopic> shard = shards.stream().findFirst();
        String json = NwakuStoreJson.request(query, shard, UUID.randomUUID());
        return queryStoreNodes(running, json, config.storeNodes(), 0)
                .thenApply(answer -> NwakuStoreJson.page(answer, shard));
    }

    @Override
    public void close() {
        CompletableFuture<Void> stopped;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        stopped = stop();
        // The node thread delivers the destroy answer; it ends once nwaku has let go.
        stopped.whenComplete((ignored, failure) -> destroyed().whenComplete((done, error) -> nodeThread.shutdown()));
    }

    /** Completes when the last stopped node has been freed by nwaku. */
    public CompletableFuture<Void> destroyed() {
        synchronized (lock) {
            return lastDestroy;
        }
    }

    /** This node's libp2p peer id, for the multiaddr others dial: {@code /ip4/…/tcp/…/p2p/<peer id>}. */
    public CompletableFuture<String> peerId() {
        AsyncLibWaku running = runningNode();
        return running == null ? notRunning("tell the peer id") : running.myPeerId();
    }

    /**
     * Where other nodes can dial this one, while it runs, each ending in {@code /p2p/<peer id>}
     * (for the CLI's status and for people connecting their own nodes). A node bound to one
     * address is dialable there only, so that address is the answer; nwaku v0.36 would announce
     * the host's primary address instead, even with {@code nat=extip:…}. A node on every interface
     * answers with nwaku's announced addresses.
     */
    public CompletableFuture<List<String>> listenAddresses() {
        AsyncLibWaku running = runningNode();
        NetworkConfig.Listen listen;
        synchronized (lock) {
            listen = boundListen;
        }
        if (running == null || listen == null) {
            return notRunning("tell its listen addresses");
        }
        Optional<String> bound = boundMultiaddr(listen);
        if (bound.isPresent()) {
            return running.myPeerId().thenApply(id -> List.of(bound.get() + "/p2p/" + id));
        }
        return running.listenAddresses().thenCombine(running.myPeerId(), (addresses, id) -> addresses.stream()
                .map(address -> address.contains("/p2p/") ? address : address + "/p2p/" + id)
                .toList());
    }

    /** {@code /ip4/a.b.c.d/tcp/port} (or ip6) for a node bound to one address; empty for a wildcard. */
    static Optional<String> boundMultiaddr(NetworkConfig.Listen listen) {
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(listen.address());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (address.isAnyLocalAddress()) {
            return Optional.empty();
        }
        String protocol = address instanceof Inet6Address ? "ip6" : "ip4";
        return Optional.of("/" + protocol + "/" + address.getHostAddress() + "/tcp/" + listen.tcpPort());
    }

    /** nwaku v0.36 refuses TCP port 0 ("must be … in the range 1-65535"): choose a free port instead. */
    static NetworkConfig.Listen withConcretePort(NetworkConfig.Listen listen) throws IOException {
        if (listen.tcpPort() != 0) {
            return listen;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(listen.address(), 0));
            return new NetworkConfig.Listen(listen.address(), socket.getLocalPort(), listen.nat());
        }
    }

    /** This node's ENR ({@code enr:…}), while it runs: what discv5 peers know it by. */
    public CompletableFuture<String> enr() {
        AsyncLibWaku running = runningNode();
        return running == null ? notRunning("tell its ENR") : running.myEnr();
    }

    /**
     * How many peers share this node's relay mesh on {@code shard}, for tests and diagnostics.
     * Only mesh peers pass on what others publish; a peer that comes back with the same peer id
     * stays out of its neighbours' mesh for about a minute (gossipsub's prune backoff in nwaku).
     */
    public CompletableFuture<Integer> meshPeers(PubsubTopic shard) {
        AsyncLibWaku running = runningNode();
        return running == null ? notRunning("count mesh peers") : running.relayMeshPeers(shard.value());
    }

    /** Dials a peer now, for tests and diagnostics; nwaku reports success even when it is unreachable. */
    public CompletableFuture<Void> connect(String multiaddr) {
        AsyncLibWaku running = runningNode();
        return running == null ? notRunning("dial a peer") : running.connect(multiaddr, DIAL_TIMEOUT);
    }

    int pendingNativeCalls() {
        return calls.pendingCount();
    }

    private void startNode(CompletableFuture<Void> result) {
        LibWaku lib;
        try {
            lib = libraries.load();
        } catch (LibWakuNotFound | RuntimeException | LinkageError e) {
            fail(result, e.getMessage(), e);
            return;
        }
        Optional<String> rlnMissing = RlnProblems.missingMembership(config);
        if (rlnMissing.isPresent()) {
            // Before waku_new: nwaku would otherwise start dialling The Waku Network's bootstrap nodes.
            fail(result, rlnMissing.get(), null);
            return;
        }
        if (config.rln().enabled()) {
            // Also before waku_new: a wrong password or a damaged file is said plainly, and the
            // membership's own message limit is what the engine's limiter then follows.
            try {
                RlnKeystore.Membership membership = new RlnKeystore().read(config.rln().keystore().orElseThrow(),
                        config.rln().keystorePassword(), config.rln().membershipIndex());
                LOG.info("RLN membership {} of contract {} on chain {}: {} messages per {} s", membership.treeIndex(),
                        membership.contractAddress(), membership.chainId(), membership.userMessageLimit(),
                        config.rln().epochSeconds());
                synchronized (lock) {
                    rlnMessageLimit = java.util.OptionalInt.of(membership.userMessageLimit());
                }
            } catch (RlnKeystore.KeystoreException e) {
                fail(result, RlnProblems.unusableKeystore(e.getMessage()), e);
                return;
            }
        }
        NetworkConfig effective;
        try {
            effective = config.withListen(withConcretePort(config.listen()));
        } catch (IOException e) {
            fail(result, "no free TCP port on " + config.listen().address() + ": " + e.getMessage(), e);
            return;
        }
        synchronized (lock) {
            boundListen = effective.listen();
        }
        AsyncLibWaku.create(lib, calls, NwakuConfigJson.toJson(effective), this::onEvent)
                .whenComplete((created, failure) -> {
                    if (failure != null) {
                        fail(result, RlnProblems.explainCreateFailure(message(failure))
                                .orElseGet(() -> "nwaku could not create the node: " + message(failure)), failure);
                    } else {
                        checkVersionAndStart(created, result);
                    }
                });
    }

    private void checkVersionAndStart(AsyncLibWaku created, CompletableFuture<Void> result) {
        created.version()
                .thenAccept(LibWakuNode::requireSupportedVersion)
                .thenCompose(supported -> created.start())
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        created.destroy();
                        fail(result, "nwaku could not start: " + message(failure), failure);
                    } else {
                        onStarted(created, result);
                    }
                });
    }

    private void onStarted(AsyncLibWaku started, CompletableFuture<Void> result) {
        List<PubsubTopic> extraShards;
        synchronized (lock) {
            if (closed || starting != result) {
                // stopped or closed while starting: let go of the node we just made
                started.stop().whenComplete((ignored, failure) -> started.destroy());
                result.completeExceptionally(new IllegalStateException("stopped while starting"));
                return;
            }
            node = started;
            config.shards().forEach(shard -> relayedShards.add(PubsubTopic.shard(config.clusterId(), shard)));
            extraShards = subscribed.stream().map(config::pubsubTopic).distinct().toList();
        }
        setStatus(new NodeStatus(NodeStatus.State.RUNNING, 0, "no peers yet"));
        extraShards.forEach(shard -> relayShard(started, shard));
        redialer.start();
        result.complete(null);
    }

    private void fail(CompletableFuture<Void> result, String explanation, Throwable cause) {
        LOG.warn("Waku node unavailable: {}", explanation);
        synchronized (lock) {
            if (starting == result) {
                starting = null;
            }
        }
        setStatus(new NodeStatus(NodeStatus.State.UNAVAILABLE, 0, explanation));
        result.completeExceptionally(cause == null ? new EngineUnavailableException(explanation)
                : new EngineUnavailableException(explanation, unwrap(cause)));
    }

    static void requireSupportedVersion(String versionLine) {
        Matcher version = VERSION.matcher(versionLine);
        if (!version.find()) {
            LOG.warn("cannot tell nwaku's version from '{}'; assuming v{}.x", versionLine, SUPPORTED_SERIES);
            return;
        }
        String series = version.group(1) + "." + version.group(2);
        if (!series.equals(SUPPORTED_SERIES)) {
            throw new IllegalStateException("libwaku is nwaku " + version.group()
                    + ", but Waku Chat speaks the C API of nwaku v" + SUPPORTED_SERIES
                    + ".x (other releases order the arguments differently). Build v" + SUPPORTED_SERIES
                    + ".x as native-libs/README.md explains.");
        }
    }

    private void onEvent(String json) {
        NwakuEvent event = NwakuEvent.parse(json);
        switch (event) {
            case NwakuEvent.MessageArrived arrived -> deliver(arrived.message());
            case NwakuEvent.PeerJoined joined -> peersChanged(joined.peerId(), true);
            case NwakuEvent.PeerLeft left -> peersChanged(left.peerId(), false);
            case NwakuEvent.TopicHealthChanged health -> healthChanged(health.topic(), health.health());
            case NwakuEvent.Ignored ignored -> LOG.debug("nwaku event ignored: {}", ignored.reason());
        }
    }

    private void deliver(ReceivedMessage message) {
        Consumer<ReceivedMessage> observer = relayObserver;
        if (observer != null) {
            try {
                observer.accept(message);
            } catch (RuntimeException e) {
                LOG.error("relay observer failed on a message", e);
            }
        }
        boolean wanted;
        synchronized (lock) {
            wanted = node != null && subscribed.contains(message.message().contentTopic());
        }
        Listener current = listener;
        if (wanted && current != null) {
            try {
                current.onMessage(message);
            } catch (RuntimeException e) {
                LOG.error("listener failed on a message", e);
            }
        }
    }

    private void peersChanged(String peerId, boolean joined) {
        int count;
        NodeStatus now;
        synchronized (lock) {
            if (node == null) {
                return;
            }
            boolean changed = joined ? peers.add(peerId) : peers.remove(peerId);
            if (!changed) {
                return;
            }
            count = peers.size();
            now = runningStatus();
        }
        setStatus(now);
        redialer.onPeerCount(count);
    }

    /**
     * nwaku v0.36 keeps a shard's mesh empty for minutes after a peer came back with the same
     * peer id (a restarted service node keeps its key): gossipsub's prune backoff, set on both
     * sides at the disconnect, is then only on ours, and each side's graft during the other's
     * backoff renews it. A change of that is announced, so the engine polls Store meanwhile.
     */
    private void healthChanged(PubsubTopic shard, String health) {
        LOG.debug("{} is {}", shard, health);
        NodeStatus now;
        synchronized (lock) {
            if (node == null) {
                return;
            }
            shardHealth.put(shard, health);
            now = runningStatus();
        }
        setStatus(now);
    }

    @Override
    public boolean relayDegraded() {
        synchronized (lock) {
            return degraded();
        }
    }

    /** Guarded by lock. */
    private boolean degraded() {
        if (node == null || peers.isEmpty()) {
            return false;
        }
        // nwaku reports a shard's health on changes only: a shard it never called healthy may
        // never have had a mesh (a node that lost its peers a moment after starting did not).
        return subscribed.stream().map(config::pubsubTopic).distinct()
                .anyMatch(shard -> !HEALTHY.contains(shardHealth.getOrDefault(shard, "unknown")));
    }

    /** Guarded by lock. */
    private NodeStatus runningStatus() {
        int count = peers.size();
        String detail = count == 0 ? "lost every peer; re-dialling"
                : degraded() ? "no relay mesh peer yet; checking Store for messages meanwhile" : "";
        return new NodeStatus(NodeStatus.State.RUNNING, count, detail);
    }

    private int peerCount() {
        synchronized (lock) {
            return peers.size();
        }
    }

    private void dial(String multiaddr) {
        AsyncLibWaku running = runningNode();
        if (running != null) {
            running.connect(multiaddr, DIAL_TIMEOUT).exceptionally(failure -> {
                LOG.info("dialling {} failed: {}", multiaddr, failure.toString());
                return null;
            });
        }
    }

    /** Relays {@code shard} if we do not already; completes once nwaku has joined it. */
    private CompletableFuture<Void> relayShard(AsyncLibWaku running, PubsubTopic shard) {
        synchronized (lock) {
            if (!relayedShards.add(shard)) {
                return CompletableFuture.completedFuture(null);
            }
        }
        return running.relaySubscribe(shard.value()).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.warn("could not relay {}: {}", shard, failure.toString());
                synchronized (lock) {
                    relayedShards.remove(shard);
                }
            }
        });
    }

    private Set<PubsubTopic> neededShards() {
        Set<PubsubTopic> needed = subscribed.stream().map(config::pubsubTopic).collect(Collectors.toCollection(HashSet::new));
        config.shards().forEach(shard -> needed.add(PubsubTopic.shard(config.clusterId(), shard)));
        return needed;
    }

    private CompletableFuture<String> queryStoreNodes(AsyncLibWaku running, String json, List<String> storeNodes, int index) {
        return running.storeQuery(json, storeNodes.get(index), STORE_TIMEOUT)
                .handle((answer, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(answer);
                    }
                    if (index + 1 < storeNodes.size()) {
                        LOG.info("Store node {} failed ({}); trying the next", storeNodes.get(index), message(failure));
                        return queryStoreNodes(running, json, storeNodes, index + 1);
                    }
                    return CompletableFuture.<String>failedFuture(unwrap(failure));
                })
                .thenCompose(next -> next);
    }

    private AsyncLibWaku runningNode() {
        synchronized (lock) {
            return node;
        }
    }

    private <T> CompletableFuture<T> notRunning(String action) {
        NodeStatus now = status;
        return CompletableFuture.failedFuture(new IllegalStateException(
                "cannot " + action + ": the Waku node is " + now.state() + (now.detail().isEmpty() ? "" : " (" + now.detail() + ")")));
    }

    private void setStatus(NodeStatus newStatus) {
        // Announced under the lock so listeners see changes in the order they happened.
        synchronized (statusLock) {
            NodeStatus old = status;
            status = newStatus;
            if (old.equals(newStatus)) {
                return;
            }
            try {
                nodeThread.execute(() -> announce(newStatus));
            } catch (RejectedExecutionException e) {
                LOG.debug("status {} after close not announced", newStatus);
            }
        }
    }

    private void announce(NodeStatus newStatus) {
        Listener current = listener;
        if (current != null) {
            try {
                current.onStatus(newStatus);
            } catch (RuntimeException e) {
                LOG.error("listener failed on a status change", e);
            }
        }
    }

    private static ScheduledExecutorService newNodeThread() {
        return Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform().daemon().name("wakuchat-libwaku").unstarted(task));
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static String message(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
