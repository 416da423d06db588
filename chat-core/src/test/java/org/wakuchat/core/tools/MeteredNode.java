package org.wakuchat.core.tools;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.wakuchat.core.transport.ForwardingWakuNode;
import org.wakuchat.core.transport.MessageHash;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.transport.WakuNode;


/**
 * A node that passes everything through and shows every message its engine got onto the network
 * (publish accepted) to a meter: what the engine really puts on the wire.
 */
final class MeteredNode extends ForwardingWakuNode {

    private final Consumer<WakuMessage> published;

    MeteredNode(WakuNode node, Consumer<WakuMessage> published) {
        super(node);
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
}
