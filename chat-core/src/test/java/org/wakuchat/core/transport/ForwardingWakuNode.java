package org.wakuchat.core.transport;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/** For tests and tools: a node that passes every call on to another; subclasses override what they watch. */
public abstract class ForwardingWakuNode implements WakuNode {

    protected final WakuNode node;

    protected ForwardingWakuNode(WakuNode node) {
        this.node = node;
    }

    @Override
    public CompletableFuture<Void> start() {
        return node.start();
    }

    @Override
    public CompletableFuture<Void> stop() {
        return node.stop();
    }

    @Override
    public CompletableFuture<MessageHash> publish(WakuMessage message) {
        return node.publish(message);
    }

    @Override
    public void subscribe(Collection<ContentTopic> topics) {
        node.subscribe(topics);
    }

    @Override
    public void unsubscribe(Collection<ContentTopic> topics) {
        node.unsubscribe(topics);
    }

    @Override
    public void setListener(Listener listener) {
        node.setListener(listener);
    }

    @Override
    public NodeStatus status() {
        return node.status();
    }

    @Override
    public boolean relayDegraded() {
        return node.relayDegraded();
    }

    @Override
    public java.util.OptionalInt rlnMessageLimit() {
        return node.rlnMessageLimit();
    }

    @Override
    public CompletableFuture<StorePage> storeQuery(StoreQuery query) {
        return node.storeQuery(query);
    }

    @Override
    public void close() {
        node.close();
    }
}
