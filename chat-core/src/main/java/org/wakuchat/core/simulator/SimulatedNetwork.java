package org.wakuchat.core.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.wakuchat.core.time.Scheduler;
import org.wakuchat.core.transport.Autosharding;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.transport.MessageHash;
import org.wakuchat.core.transport.MessageHashes;
import org.wakuchat.core.transport.NoPeersToPublishException;
import org.wakuchat.core.transport.NodeStatus;
import org.wakuchat.core.transport.PubsubTopic;
import org.wakuchat.core.transport.ReceivedMessage;
import org.wakuchat.core.transport.StorePage;
import org.wakuchat.core.transport.StoreQuery;
import org.wakuchat.core.transport.StoreUnavailableException;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.transport.WakuMessages;

/**
 * An in-process Waku network of {@link SimulatedNode}s for tests, the soak tool and demos.
 * See docs/simulator.md for what it models and what it does not.
 *
 * <p>Relay is modelled as one hop: a published message goes from the publisher straight to every
 * other running node it can reach, each copy with the conditions of that link (latency, loss,
 * duplication), and back to the publisher itself at once (nwaku echoes own messages). Every node
 * relays every shard of the cluster; its content-topic subscriptions only decide what reaches its
 * listener. A node with no reachable peer cannot publish ({@link NoPeersToPublishException}, as
 * nwaku). A Store that saw every published message answers queries from any online node.
 *
 * <p>All randomness comes from the seed, and all deliveries and listener calls run as tasks of the
 * given {@link Scheduler}: with a {@code VirtualScheduler}, the same seed and the same actions give
 * the same trace; with a {@code SystemScheduler} the network runs in real time. Thread-safe.
 */
public final class SimulatedNetwork {

    private final Object lock = new Object();
    private final Scheduler scheduler;
    private final NetworkSettings settings;
    private final Random random;
    private final Topology topology;
    private final SimulatedStore store;
    private final Map<String, SimulatedNode> nodes = new LinkedHashMap<>();
    private final List<Predicate<WakuMessage>> dropRules = new ArrayList<>();
    private final Recorder recorder = new Recorder();

    public SimulatedNetwork(long seed, Scheduler scheduler) {
        this(seed, scheduler, NetworkSettings.defaults());
    }

    public SimulatedNetwork(long seed, Scheduler scheduler, NetworkSettings settings) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = new Random(seed);
        this.topology = new Topology(settings.conditions());
        this.store = new SimulatedStore(settings.storeRetention());
    }

    /** A new, stopped node; names are unique within the network and identify the node in traces. */
    public SimulatedNode addNode(String name) {
        Objects.requireNonNull(name, "name");
        synchronized (lock) {
            if (nodes.containsKey(name)) {
                throw new IllegalArgumentException("the network already has a node named " + name);
            }
            var node = new SimulatedNode(this, name);
            nodes.put(name, node);
            return node;
        }
    }

    public List<SimulatedNode> nodes() {
        synchronized (lock) {
            return List.copyOf(nodes.values());
        }
    }

    public NetworkSettings settings() {
        return settings;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** The shard a content topic travels on, by autosharding over this network's cluster. */
    public PubsubTopic pubsubTopicOf(ContentTopic topic) {
        return Autosharding.pubsubTopic(settings.clusterId(), settings.numShards(), topic);
    }

    /** Conditions for every link that has none of its own; applies to messages published from now on. */
    public void setConditions(LinkConditions conditions) {
        synchronized (lock) {
            topology.setGlobalConditions(conditions);
        }
    }

    public void setLinkConditions(SimulatedNode a, SimulatedNode b, LinkConditions conditions) {
        synchronized (lock) {
            topology.setLinkConditions(own(a).name(), own(b).name(), conditions);
        }
    }

    /** No node of {@code side} can reach a node of {@code otherSide} until {@link #heal()}; messages in flight across are lost. */
    public void partition(Collection<SimulatedNode> side, Collection<SimulatedNode> otherSide) {
        synchronized (lock) {
            topology.partition(names(side), names(otherSide));
            refreshStatuses();
        }
    }

    /** Ends every partition. */
    public void heal() {
        synchronized (lock) {
            topology.heal();
            refreshStatuses();
        }
    }

    /** Cuts a running node off the network (or reconnects it); it keeps running with 0 peers. */
    public void setOnline(SimulatedNode node, boolean online) {
        synchronized (lock) {
            topology.setOnline(own(node).name(), online);
            refreshStatuses();
        }
    }

    /**
     * Messages published from now on that match {@code rule} never reach another node nor the
     * Store (the publisher still sees its own copy, and its publish still succeeds).
     */
    public void dropIf(Predicate<WakuMessage> rule) {
        synchronized (lock) {
            dropRules.add(Objects.requireNonNull(rule, "rule"));
        }
    }

    public void clearDropRules() {
        synchronized (lock) {
            dropRules.clear();
        }
    }

    /** Receives every trace event as it happens (under the network's lock: keep it quick). */
    public void setTraceListener(Consumer<TraceEvent> listener) {
        synchronized (lock) {
            recorder.setListener(listener);
        }
    }

    public NetworkStats stats() {
        synchronized (lock) {
            return recorder.stats();
        }
    }

    /** Messages the Store holds now (after retention). */
    public int storedMessageCount() {
        synchronized (lock) {
            return store.size(scheduler.now());
        }
    }

    Object lock() {
        return lock;
    }

    CompletableFuture<MessageHash> publish(SimulatedNode from, WakuMessage message) {
        synchronized (lock) {
            if (!from.running()) {
                return CompletableFuture.failedFuture(new IllegalStateException("node " + from.name() + " is not running"));
            }
            int size = WakuMessages.encode(message).length;
            if (size > settings.maxMessageBytes()) {
                return CompletableFuture.failedFuture(new IllegalArgumentException(
                        "message of " + size + " bytes exceeds the network's limit of " + settings.maxMessageBytes()));
            }
            PubsubTopic pubsubTopic;
            try {
                pubsubTopic = pubsubTopicOf(message.contentTopic());
            } catch (IllegalArgumentException e) {
                return CompletableFuture.failedFuture(e);
            }
            List<SimulatedNode> peers = reachablePeers(from);
            if (peers.isEmpty()) {
                return CompletableFuture.failedFuture(new NoPeersToPublishException(
                        "node " + from.name() + " has no relay peer to publish to"));
            }
            var received = new ReceivedMessage(pubsubTopic, MessageHashes.of(pubsubTopic, message), message);
            relay(from, received, peers);
            return CompletableFuture.completedFuture(received.hash());
        }
    }

    CompletableFuture<StorePage> storeQuery(SimulatedNode node, StoreQuery query) {
        Objects.requireNonNull(query, "query");
        synchronized (lock) {
            if (!node.running()) {
                return CompletableFuture.failedFuture(new IllegalStateException("node " + node.name() + " is not running"));
            }
            if (!topology.isOnline(node.name())) {
                return CompletableFuture.failedFuture(new StoreUnavailableException(
                        "node " + node.name() + " is offline: no store node reachable"));
            }
            StorePage page;
            try {
                page = store.query(query, scheduler.now());
            } catch (IllegalArgumentException e) {
                return CompletableFuture.failedFuture(e);
            }
            var answer = new CompletableFuture<StorePage>();
            scheduler.schedule(settings.storeLatency(), () -> answer.complete(page));
            return answer;
        }
    }

    /** Recomputes every node's status and tells listeners about changes. Caller holds the lock. */
    void refreshStatuses() {
        for (SimulatedNode node : nodes.values()) {
            node.updateStatus(statusOf(node), scheduler);
        }
    }

    private NodeStatus statusOf(SimulatedNode node) {
        if (!node.running()) {
            return NodeStatus.stopped();
        }
        if (!topology.isOnline(node.name())) {
            return new NodeStatus(NodeStatus.State.RUNNING, 0, "offline");
        }
        return new NodeStatus(NodeStatus.State.RUNNING, reachablePeers(node).size(), "");
    }

    private void relay(SimulatedNode from, ReceivedMessage message, List<SimulatedNode> peers) {
        trace(from, message, TraceEvent.Outcome.PUBLISHED);
        scheduleDelivery(from, from, message, Duration.ZERO, false);
        if (dropRules.stream().anyMatch(rule -> rule.test(message.message()))) {
            trace(from, message, TraceEvent.Outcome.DROPPED_BY_RULE);
            return;
        }
        store.archive(message, scheduler.now());
        for (SimulatedNode peer : peers) {
            LinkConditions link = topology.conditions(from.name(), peer.name());
            if (random.nextDouble() < link.lossRate()) {
                trace(peer, message, TraceEvent.Outcome.LOST);
                continue;
            }
            scheduleDelivery(from, peer, message, latency(link), false);
            if (random.nextDouble() < link.duplicationRate()) {
                scheduleDelivery(from, peer, message, latency(link), true);
            }
        }
    }

    private void scheduleDelivery(SimulatedNode from, SimulatedNode to, ReceivedMessage message, Duration latency,
                                  boolean duplicate) {
        long incarnation = to.incarnation();
        scheduler.schedule(latency, () -> deliver(from, to, incarnation, message, duplicate));
    }

    private void deliver(SimulatedNode from, SimulatedNode to, long incarnation, ReceivedMessage message, boolean duplicate) {
        Runnable delivery;
        synchronized (lock) {
            boolean reachable = to.running() && to.incarnation() == incarnation
                    && (from == to || topology.canReach(from.name(), to.name()));
            if (!reachable) {
                trace(to, message, TraceEvent.Outcome.UNREACHABLE);
                return;
            }
            trace(to, message, duplicate ? TraceEvent.Outcome.DELIVERED_DUPLICATE : TraceEvent.Outcome.DELIVERED);
            delivery = to.deliveryFor(message);
        }
        delivery.run();
    }

    private Duration latency(LinkConditions link) {
        long min = link.minLatency().toNanos();
        long max = link.maxLatency().toNanos();
        return Duration.ofNanos(max == min ? min : random.nextLong(min, max + 1));
    }

    private List<SimulatedNode> reachablePeers(SimulatedNode node) {
        return nodes.values().stream()
                .filter(peer -> peer != node && peer.running() && topology.canReach(node.name(), peer.name()))
                .toList();
    }

    private void trace(SimulatedNode node, ReceivedMessage message, TraceEvent.Outcome outcome) {
        recorder.record(scheduler.now(), node.name(), message.hash(), outcome);
    }

    private SimulatedNode own(SimulatedNode node) {
        Objects.requireNonNull(node, "node");
        if (nodes.get(node.name()) != node) {
            throw new IllegalArgumentException("node " + node.name() + " belongs to another network");
        }
        return node;
    }

    private Set<String> names(Collection<SimulatedNode> side) {
        return side.stream().map(node -> own(node).name()).collect(Collectors.toSet());
    }
}
