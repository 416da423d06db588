package org.wakuchat.core.transport;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * The engine's view of a Waku node in relay mode: the seam between chat logic and the network.
 * Implemented over libwaku (in-process nwaku) and by the network simulator for tests.
 *
 * <p>Publishing and subscribing take content topics; the node maps them to pubsub topics by
 * autosharding. Listener calls may come from any thread but never concurrently for one node.
 */
public interface WakuNode extends AutoCloseable {

    /** Starts the node; fails with {@link EngineUnavailableException} where it cannot run. */
    CompletableFuture<Void> start();

    CompletableFuture<Void> stop();

    /** Publishes on relay; completes with the message hash once the network accepted it. */
    CompletableFuture<MessageHash> publish(WakuMessage message);

    /** Delivers messages with these content topics to the listener from now on. */
    void subscribe(Collection<ContentTopic> topics);

    void unsubscribe(Collection<ContentTopic> topics);

    void setListener(Listener listener);

    NodeStatus status();

    /**
     * Whether this node is connected but has no relay mesh peer on a shard one of its subscribed
     * content topics needs: messages others publish then reach it late or not at all (its own
     * publishes still reach its direct peers), so the engine polls Store until it is over. A node
     * announces a change of this through {@link Listener#onStatus}.
     */
    default boolean relayDegraded() {
        return false;
    }

    /**
     * The RLN membership's own limit on the messages this node may publish per RLN epoch, once the
     * node has started and read it from its keystore; empty without RLN.
     */
    default java.util.OptionalInt rlnMessageLimit() {
        return java.util.OptionalInt.empty();
    }

    /** One page of a Store query against the configured store nodes. */
    CompletableFuture<StorePage> storeQuery(StoreQuery query);

    /** Stops the node and frees it; the node cannot be started again. */
    @Override
    void close();

    interface Listener {
        void onMessage(ReceivedMessage message);

        void onStatus(NodeStatus status);
    }
}
