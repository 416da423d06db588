package org.wakuchat.cli;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import org.wakuchat.core.transport.EngineUnavailableException;
import org.wakuchat.core.transport.MessageHash;
import org.wakuchat.core.transport.NodeStatus;
import org.wakuchat.core.transport.StorePage;
import org.wakuchat.core.transport.StoreQuery;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.transport.WakuNode;

/** The node of commands that work on local data only: it never starts, so nothing loads libwaku. */
final class DetachedNode implements WakuNode {

    private static final String WHY = "this command does not use the network";

    @Override
    public CompletableFuture<Void> start() {
        return CompletableFuture.failedFuture(new EngineUnavailableException(WHY));
    }

    @Override
    public CompletableFuture<Void> stop() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<MessageHash> publish(WakuMessage message) {
        return CompletableFuture.failedFuture(new EngineUnavailableException(WHY));
    }

    @Override
    public void subscribe(Collection<org.wakuchat.core.transport.ContentTopic> topics) {
    }

    @Override
    public void unsubscribe(Collection<org.wakuchat.core.transport.ContentTopic> topics) {
    }

    @Override
    public void setListener(Listener listener) {
    }

    @Override
    public NodeStatus status() {
        return NodeStatus.stopped();
    }

    @Override
    public CompletableFuture<StorePage> storeQuery(StoreQuery query) {
        return CompletableFuture.failedFuture(new EngineUnavailableException(WHY));
    }

    @Override
    public void close() {
    }
}
