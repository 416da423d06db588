package org.wakuchat.core.simulator;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.wakuchat.core.time.Scheduler;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.transport.MessageHash;
import org.wakuchat.core.transport.NodeStatus;
import org.wakuchat.core.transport.ReceivedMessage;
import org.wakuchat.core.transport.StorePage;
import org.wakuchat.core.transport.StoreQuery;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.transport.WakuNode;

/**
 * A node of a {@link SimulatedNetwork}. It can be stopped and started again (a restart keeps its
 * name, subscriptions and listener; messages in flight to it before the stop are lost); only
 * {@link #close()} is final. Listener calls run as tasks of the network's scheduler, one at a time.
 */
public final class SimulatedNode implements WakuNode {

    private final SimulatedNetwork network;
    private final String name;
    // Guarded by the network's lock.
    private final Set<ContentTopic> subscriptions = new LinkedHashSet<>();
    private boolean running;
    private boolean closed;
    private long incarnation;
    private NodeStatus status = NodeStatus.stopped();
    private volatile Listener listener;

    SimulatedNode(SimulatedNetwork network, String name) {
        this.network = network;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public SimulatedNetwork network() {
        return network;
    }

    @Override
    public CompletableFuture<Void> start() {
        synchronized (network.lock()) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("node " + name + " is closed"));
            }
            if (!running) {
                running = true;
                incarnation++;
                updateStatus(new NodeStatus(NodeStatus.State.STARTING, 0, ""), network.scheduler());
                network.refreshStatuses();
            }
            return CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public CompletableFuture<Void> stop() {
        synchronized (network.lock()) {
            if (running) {
                running = false;
                network.refreshStatuses();
            }
            return CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public CompletableFuture<MessageHash> publish(WakuMessage message) {
        return network.publish(this, Objects.requireNonNull(message, "message"));
    }

    @Override
    public void subscribe(Collection<ContentTopic> topics) {
        synchronized (network.lock()) {
            subscriptions.addAll(topics);
        }
    }

    @Override
    public void unsubscribe(Collection<ContentTopic> topics) {
        synchronized (network.lock()) {
            subscriptions.removeAll(topics);
        }
    }

    public Set<ContentTopic> subscriptions() {
        synchronized (network.lock()) {
            return Set.copyOf(subscriptions);
        }
    }

    /** {@code null} removes the listener. */
    @Override
    public void setListener(Listener listener) {
        this.listener = listener;
    }

    @Override
    public NodeStatus status() {
        synchronized (network.lock()) {
            return status;
        }
    }

    @Override
    public CompletableFuture<StorePage> storeQuery(StoreQuery query) {
        return network.storeQuery(this, query);
    }

    @Override
    public void close() {
        synchronized (network.lock()) {
            stop();
            closed = true;
        }
    }

    @Override
    public String toString() {
        return "SimulatedNode[" + name + "]";
    }

    boolean running() {
        return running;
    }

    long incarnation() {
        return incarnation;
    }

    /** Records a new status and, if it changed, tells the listener in a scheduler task. Caller holds the lock. */
    void updateStatus(NodeStatus newStatus, Scheduler scheduler) {
        if (newStatus.equals(status)) {
            return;
        }
        status = newStatus;
        scheduler.execute(() -> {
            Listener current = listener;
            if (current != null) {
                current.onStatus(newStatus);
            }
        });
    }

    /** What to run, outside the lock, for a message that reached this node. Caller holds the lock. */
    Runnable deliveryFor(ReceivedMessage message) {
        Listener current = listener;
        if (current == null || !subscriptions.contains(message.message().contentTopic())) {
            return () -> { };
        }
        return () -> current.onMessage(message);
    }
}
