package org.wakuchat.libwaku;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import java.util.List;

/**
 * JNA mapping of nwaku's C library {@code libwaku}, as declared by {@code library/libwaku.h} of
 * nwaku v0.36.x: every function takes its arguments first and then {@code (callback, userData)}.
 *
 * <p>Every call is asynchronous: it returns {@link #RET_OK} once queued and the result arrives in
 * the callback, usually on nwaku's own thread. Never call a {@code waku_*} function from inside a
 * callback (it deadlocks) and keep every {@link WakuCallback} strongly reachable while nwaku may
 * call it. {@link AsyncLibWaku} does both; use it rather than this interface directly.
 *
 * <p>Not mapped because Waku Chat does not use them: filter, lightpush, peer-exchange, ping,
 * metrics and topic helpers. {@code waku_setup} of older headers does not exist in v0.36.
 */
public interface LibWaku extends Library {

    int RET_OK = 0;
    int RET_ERR = 1;
    int RET_MISSING_CALLBACK = 2;

    /** The functions the binding needs; the loader refuses a library that lacks one. */
    List<String> REQUIRED_FUNCTIONS = List.of(
            "waku_new", "waku_start", "waku_stop", "waku_destroy", "waku_version", "waku_set_event_callback",
            "waku_relay_subscribe", "waku_relay_unsubscribe", "waku_relay_publish",
            "waku_relay_get_num_connected_peers", "waku_relay_get_num_peers_in_mesh",
            "waku_connect", "waku_listen_addresses", "waku_get_my_peerid", "waku_store_query");

    /** {@code void (*WakuCallBack)(int callerRet, const char* msg, size_t len, void* userData)}. */
    interface WakuCallback extends Callback {
        void invoke(int callerRet, Pointer msg, SizeT len, Pointer userData);
    }

    /** Returns the node context at once (non-null even when creation fails: wait for the callback). */
    Pointer waku_new(String configJson, WakuCallback callback, Pointer userData);

    int waku_start(Pointer ctx, WakuCallback callback, Pointer userData);

    int waku_stop(Pointer ctx, WakuCallback callback, Pointer userData);

    /** Blocks the caller until nwaku's thread has ended (seconds), then calls back on the caller's thread. */
    int waku_destroy(Pointer ctx, WakuCallback callback, Pointer userData);

    int waku_version(Pointer ctx, WakuCallback callback, Pointer userData);

    /** Events are dropped by nwaku when {@code userData} is null: pass a non-null token. */
    void waku_set_event_callback(Pointer ctx, WakuCallback callback, Pointer userData);

    int waku_relay_publish(Pointer ctx, String pubsubTopic, String jsonWakuMessage, int timeoutMs,
                           WakuCallback callback, Pointer userData);

    int waku_relay_subscribe(Pointer ctx, String pubsubTopic, WakuCallback callback, Pointer userData);

    int waku_relay_unsubscribe(Pointer ctx, String pubsubTopic, WakuCallback callback, Pointer userData);

    int waku_relay_get_num_connected_peers(Pointer ctx, String pubsubTopic, WakuCallback callback, Pointer userData);

    int waku_relay_get_num_peers_in_mesh(Pointer ctx, String pubsubTopic, WakuCallback callback, Pointer userData);

    int waku_connect(Pointer ctx, String peerMultiAddr, int timeoutMs, WakuCallback callback, Pointer userData);

    /** Calls back with a comma-separated list of multiaddresses (not JSON). */
    int waku_listen_addresses(Pointer ctx, WakuCallback callback, Pointer userData);

    int waku_get_my_peerid(Pointer ctx, WakuCallback callback, Pointer userData);

    /** Calls back with this node's ENR ({@code enr:…}), for discv5; not in {@link #REQUIRED_FUNCTIONS}. */
    int waku_get_my_enr(Pointer ctx, WakuCallback callback, Pointer userData);

    /** {@code peerAddr} is the multiaddress of one Store node. */
    int waku_store_query(Pointer ctx, String jsonQuery, String peerAddr, int timeoutMs,
                         WakuCallback callback, Pointer userData);

    /** Calls back with the multiaddresses found in the ENR tree at {@code enrTreeUrl}. */
    int waku_dns_discovery(Pointer ctx, String enrTreeUrl, String nameDnsServer, int timeoutMs,
                           WakuCallback callback, Pointer userData);

    int waku_start_discv5(Pointer ctx, WakuCallback callback, Pointer userData);

    int waku_stop_discv5(Pointer ctx, WakuCallback callback, Pointer userData);

    /** Calls back with {@code true} or {@code false}. */
    int waku_is_online(Pointer ctx, WakuCallback callback, Pointer userData);
}
