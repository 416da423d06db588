package org.wakuchat.core.tools;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.wakuchat.core.transport.ContentTopic;
import org.wakuchat.core.transport.MessageHash;
import org.wakuchat.core.transport.NodeStatus;
import org.wakuchat.core.transport.StorePage;
import org.wakuchat.core.transport.StoreQuery;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.transport.WakuNode;

/**
 * A node that passes everything through and shows every message its engine got onto the network
 * (publish accepted) to a meter: what the engine really puts on the wire.
 */
final class MeteredNode implements WakuNode {

    private final WakuNode node;
    private final Consumer<WakuMessage> published;

    MeteredNode(WakuNode node, Consumer<WakuMessage> published) {
        this.node = node;
        this.published = published;
    }

    @Override
    public CompletableFuture<MessageHash> publish(WakuMessage message) {
        return node.publish(message).whenComplete((hash, error) -> {
            if (error == null) {
                published.accept(message);
            }
        });
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
    public CompletableFuture<StorePage> storeQuery(StoreQuery query) {
        return node.storeQuery(query);
    }

    @Override
    public void close() {
        node.close();
    }
}
