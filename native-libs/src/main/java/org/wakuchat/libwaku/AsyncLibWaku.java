package org.wakuchat.libwaku;

import com.sun.jna.Pointer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One nwaku node behind libwaku, as futures. Every future completes on the registry's hand-off
 * executor (never on nwaku's thread), so continuations may call back into this object freely.
 * Lifecycle: {@link #create} (waits for {@code waku_new}'s callback and registers the event
 * callback), {@link #start}, {@link #stop}, {@link #destroy} (blocks a thread of its own).
 */
public final class AsyncLibWaku {

    /** How long a call may wait for nwaku's answer unless the method says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Creating and starting a node may open databases and sockets. */
    public static final Duration LIFECYCLE_TIMEOUT = Duration.ofSeconds(60);
    /** {@code waku_destroy} joins nwaku's thread, which takes about ten seconds. */
    public static final Duration DESTROY_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(AsyncLibWaku.class);
    /** nwaku drops events when the event callback's user data is null. */
    private static final Pointer EVENT_USER_DATA = new Pointer(0x5741_4B55L);

    private final LibWaku lib;
    private final CallbackRegistry calls;
    private final Pointer ctx;
    /** Held for the node's lifetime: nwaku calls it until destroyed. */
    private final LibWaku.WakuCallback eventCallback;
    private final AtomicBoolean destroyed = new AtomicBoolean();

    private AsyncLibWaku(LibWaku lib, CallbackRegistry calls, Pointer ctx, Consumer<String> events) {
        this.lib = lib;
        this.calls = calls;
        this.ctx = ctx;
        this.eventCallback = calls.eventCallback(events);
    }

    /**
     * Creates a node from nwaku's JSON configuration and routes its events to {@code events}
     * (on the hand-off executor). When nwaku reports a failure the half-made context is destroyed
     * in the background and the future fails with nwaku's message; it is never started.
     */
    public static CompletableFuture<AsyncLibWaku> create(LibWaku lib, CallbackRegistry calls, String configJson,
                                                         Consumer<String> events) {
        AtomicReference<Pointer> context = new AtomicReference<>();
        return calls.call("waku_new", LIFECYCLE_TIMEOUT, (callback, userData) -> {
            Pointer ctx = lib.waku_new(configJson, callback, userData);
            context.set(ctx);
            return ctx == null ? LibWaku.RET_ERR : LibWaku.RET_OK;
        }).handle((ignored, failure) -> {
            Pointer ctx = context.get();
            if (failure != null) {
                if (ctx != null) {
                    destroyQuietly(lib, calls, ctx);
                }
                throw failure instanceof RuntimeException r ? r : new CompletionException(failure);
            }
            AsyncLibWaku node = new AsyncLibWaku(lib, calls, ctx, events);
            lib.waku_set_event_callback(ctx, node.eventCallback, EVENT_USER_DATA);
            return node;
        });
    }

    public CompletableFuture<Void> start() {
        return call("waku_start", LIFECYCLE_TIMEOUT, (cb, ud) -> lib.waku_start(ctx, cb, ud)).thenApply(ignored -> null);
    }

    public CompletableFuture<Void> stop() {
        return call("waku_stop", LIFECYCLE_TIMEOUT, (cb, ud) -> lib.waku_stop(ctx, cb, ud)).thenApply(ignored -> null);
    }

    /** Frees the node on a thread of its own (it blocks for seconds); later calls fail. */
    public CompletableFuture<Void> destroy() {
        if (!destroyed.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("libwaku-destroy").start(() ->
                calls.call("waku_destroy", DESTROY_TIMEOUT, (cb, ud) -> lib.waku_destroy(ctx, cb, ud))
                        .whenComplete((ignored, failure) -> {
                            if (failure != null) {
                                done.completeExceptionally(failure);
                            } else {
                                done.complete(null);
                            }
                            // Keeps the event callback reachable until nwaku's thread has ended.
                            LOG.debug("node destroyed; event callback {} released", eventCallback);
                        }));
        return done;
    }

    /** nwaku's version line, e.g. {@code version / git commit hash: v0.36.0-114-g1234abc}. */
    public CompletableFuture<String> version() {
        return call("waku_version", DEFAULT_TIMEOUT, (cb, ud) -> lib.waku_version(ctx, cb, ud));
    }

    public CompletableFuture<Void> relaySubscribe(String pubsubTopic) {
        return call("waku_relay_subscribe", DEFAULT_TIMEOUT,
                (cb, ud) -> lib.waku_relay_subscribe(ctx, pubsubTopic, cb, ud)).thenApply(ignored -> null);
    }

    public CompletableFuture<Void> relayUnsubscribe(String pubsubTopic) {
        return call("waku_relay_unsubscribe", DEFAULT_TIMEOUT,
                (cb, ud) -> lib.waku_relay_unsubscribe(ctx, pubsubTopic, cb, ud)).thenApply(ignored -> null);
    }

    /**
     * Publishes a message given as nwaku JSON ({@code payload} base64, {@code contentTopic},
     * {@code timestamp} ns, …) and completes with its hash as {@code 0x…} text. nwaku ignores its
     * own timeout argument, so {@code timeout} is enforced here.
     */
    public CompletableFuture<String> relayPublish(String pubsubTopic, String jsonMessage, Duration timeout) {
        return call("waku_relay_publish", timeout,
                (cb, ud) -> lib.waku_relay_publish(ctx, pubsubTopic, jsonMessage, millis(timeout), cb, ud))
                .thenApply(String::strip);
    }

    public CompletableFuture<Integer> relayConnectedPeers(String pubsubTopic) {
        return call("waku_relay_get_num_connected_peers", DEFAULT_TIMEOUT,
                (cb, ud) -> lib.waku_relay_get_num_connected_peers(ctx, pubsubTopic, cb, ud))
                .thenApply(AsyncLibWaku::parseCount);
    }

    public CompletableFuture<Integer> relayMeshPeers(String pubsubTopic) {
        return call("waku_relay_get_num_peers_in_mesh", DEFAULT_TIMEOUT,
                (cb, ud) -> lib.waku_relay_get_num_peers_in_mesh(ctx, pubsubTopic, cb, ud))
                .thenApply(AsyncLibWaku::parseCount);
    }

    /** Dials a peer. nwaku reports success even for unreachable peers: watch connection events. */
    public CompletableFuture<Void> connect(String multiaddr, Duration timeout) {
        return call("waku_connect", timeout.plusSeconds(5),
                (cb, ud) -> lib.waku_connect(ctx, multiaddr, millis(timeout), cb, ud)).thenApply(ignored -> null);
    }

    public CompletableFuture<List<String>> listenAddresses() {
        return call("waku_listen_addresses", DEFAULT_TIMEOUT, (cb, ud) -> lib.waku_listen_addresses(ctx, cb, ud))
                .thenApply(AsyncLibWaku::splitList);
    }

    public CompletableFuture<String> myPeerId() {
        return call("waku_get_my_peerid", DEFAULT_TIMEOUT, (cb, ud) -> lib.waku_get_my_peerid(ctx, cb, ud))
                .thenApply(String::strip);
    }

    /** This node's ENR as {@code enr:…} text (what discv5 peers find it by). */
    public CompletableFuture<String> myEnr() {
        return call("waku_get_my_enr", DEFAULT_TIMEOUT, (cb, ud) -> lib.waku_get_my_enr(ctx, cb, ud))
                .thenApply(String::strip);
    }

    /** A Store v3 query as nwaku JSON against one Store node; completes with nwaku's JSON answer. */
    public CompletableFuture<String> storeQuery(String jsonQuery, String storeNodeMultiaddr, Duration timeout) {
        return call("waku_store_query", timeout.plusSeconds(5),
                (cb, ud) -> lib.waku_store_query(ctx, jsonQuery, storeNodeMultiaddr, millis(timeout), cb, ud));
    }

    /** Resolves an {@code enrtree://} URL to the multiaddresses of the nodes it lists. */
    public CompletableFuture<List<String>> dnsDiscovery(String enrTreeUrl, String nameServer, Duration timeout) {
        return call("waku_dns_discovery", timeout.plusSeconds(5),
                (cb, ud) -> lib.waku_dns_discovery(ctx, enrTreeUrl, nameServer, millis(timeout), cb, ud))
                .thenApply(AsyncLibWaku::splitList);
    }

    public CompletableFuture<Void> startDiscv5() {
        return call("waku_start_discv5", DEFAULT_TIMEOUT, (cb, ud) -> lib.waku_start_discv5(ctx, cb, ud))
                .thenApply(ignored -> null);
    }

    public CompletableFuture<Void> stopDiscv5() {
        return call("waku_stop_discv5", DEFAULT_TIMEOUT, (cb, ud) -> lib.waku_stop_discv5(ctx, cb, ud))
                .thenApply(ignored -> null);
    }

    public CompletableFuture<Boolean> isOnline() {
        return call("waku_is_online", DEFAULT_TIMEOUT, (cb, ud) -> lib.waku_is_online(ctx, cb, ud))
                .thenApply(answer -> Boolean.parseBoolean(answer.strip()));
    }

    private CompletableFuture<String> call(String function, Duration timeout, CallbackRegistry.NativeInvocation invocation) {
        if (destroyed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException(function + " on a destroyed node"));
        }
        return calls.call(function, timeout, invocation);
    }

    private static void destroyQuietly(LibWaku lib, CallbackRegistry calls, Pointer ctx) {
        Thread.ofPlatform().daemon().name("libwaku-destroy").start(() ->
                calls.call("waku_destroy", DESTROY_TIMEOUT, (cb, ud) -> lib.waku_destroy(ctx, cb, ud))
                        .whenComplete((ignored, failure) -> {
                            if (failure != null) {
                                LOG.warn("could not free a node that failed to start: {}", failure.toString());
                            }
                        }));
    }

    private static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, timeout.toMillis()));
    }

    static int parseCount(String answer) {
        try {
            return Integer.parseInt(answer.strip());
        } catch (NumberFormatException e) {
            throw new LibWakuCallException("peer count", LibWaku.RET_ERR, "not a number: " + answer);
        }
    }

    static List<String> splitList(String answer) {
        return Arrays.stream(answer.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
