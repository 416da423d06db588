package org.wakuchat.libwaku;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A scripted stand-in for libwaku: answers each function as told, from its own "nwaku" thread
 * (or at once on the caller's thread, like waku_version does), late, twice or never, and records
 * any call made from inside one of its callbacks, which would deadlock real nwaku.
 */
final class FakeLibWaku implements LibWaku {

    enum Mode { ASYNC, IMMEDIATE, TWICE, NEVER, LATE }

    record Answer(Mode mode, int code, String text, long delayMillis) {
        static Answer ok(String text) {
            return new Answer(Mode.ASYNC, RET_OK, text, 0);
        }

        static Answer error(String text) {
            return new Answer(Mode.ASYNC, RET_ERR, text, 0);
        }

        static Answer of(Mode mode, String text) {
            return new Answer(mode, RET_OK, text, 0);
        }

        static Answer late(long delayMillis, String text) {
            return new Answer(Mode.LATE, RET_OK, text, delayMillis);
        }
    }

    static final String NWAKU_THREAD = "fake-nwaku";
    static final Pointer CONTEXT = new Pointer(0xC0FFEEL);

    final ScheduledExecutorService nwaku = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, NWAKU_THREAD);
        thread.setDaemon(true);
        return thread;
    });
    final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> callsFromInsideCallbacks = new CopyOnWriteArrayList<>();
    final Map<String, String> lastArguments = new ConcurrentHashMap<>();
    volatile WakuCallback eventCallback;
    volatile Pointer eventUserData;
    private final ThreadLocal<Boolean> inCallback = ThreadLocal.withInitial(() -> false);

    FakeLibWaku answer(String function, Answer answer) {
        answers.put(function, answer);
        return this;
    }

    /** Sends an event as nwaku does: from its own thread. */
    void emit(String json) {
        nwaku.execute(() -> invoke(eventCallback, RET_OK, json, eventUserData));
    }

    void shutdown() {
        nwaku.shutdownNow();
    }

    private int respond(String function, WakuCallback callback, Pointer userData) {
        calls.add(function);
        if (inCallback.get()) {
            callsFromInsideCallbacks.add(function);
            return RET_OK; // real nwaku would hang here; the test sees the record instead
        }
        Answer answer = answers.getOrDefault(function, Answer.ok(""));
        switch (answer.mode()) {
            case IMMEDIATE -> invoke(callback, answer.code(), answer.text(), userData);
            case ASYNC -> nwaku.execute(() -> invoke(callback, answer.code(), answer.text(), userData));
            case TWICE -> nwaku.execute(() -> {
                invoke(callback, answer.code(), answer.text(), userData);
                invoke(callback, answer.code(), "second " + answer.text(), userData);
            });
            case LATE -> nwaku.schedule(() -> invoke(callback, answer.code(), answer.text(), userData),
                    answer.delayMillis(), TimeUnit.MILLISECONDS);
            case NEVER -> { }
        }
        return RET_OK;
    }

    private void invoke(WakuCallback callback, int code, String text, Pointer userData) {
        inCallback.set(true);
        try {
            if (text.isEmpty()) {
                callback.invoke(code, null, new SizeT(0), userData);
            } else {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                Memory memory = new Memory(bytes.length + 1L);
                memory.write(0, bytes, 0, bytes.length);
                memory.setByte(bytes.length, (byte) 0);
                callback.invoke(code, memory, new SizeT(bytes.length), userData);
            }
        } finally {
            inCallback.set(false);
        }
    }

    @Override
    public Pointer waku_new(String configJson, WakuCallback callback, Pointer userData) {
        lastArguments.put("waku_new", configJson);
        respond("waku_new", callback, userData);
        return CONTEXT;
    }

    @Override
    public int waku_start(Pointer ctx, WakuCallback callback, Pointer userData) {
        return respond("waku_start", callback, userData);
    }

    @Override
    public int waku_stop(Pointer ctx, WakuCallback callback, Pointer userData) {
        return respond("waku_stop", callback, userData);
    }

    @Override
    public int waku_destroy(Pointer ctx, WakuCallback callback, Pointer userData) {
        calls.add("waku_destroy");
        invoke(callback, RET_OK, "", userData);
        return RET_OK;
    }

    @Override
    public int waku_version(Pointer ctx, WakuCallback callback, Pointer userData) {
        calls.add("waku_version");
        invoke(callback, RET_OK, "version / git commit hash: v0.36.0-114-gabcdef0", userData);
        return RET_OK;
    }

    @Override
    public void waku_set_event_callback(Pointer ctx, WakuCallback callback, Pointer userData) {
        calls.add("waku_set_event_callback");
        eventCallback = callback;
        eventUserData = userData;
    }

    @Override
    public int waku_relay_publish(Pointer ctx, String pubsubTopic, String jsonWakuMessage, int timeoutMs,
                                  WakuCallback callback, Pointer userData) {
        lastArguments.put("waku_relay_publish", pubsubTopic + " " + jsonWakuMessage);
        return respond("waku_relay_publish", callback, userData);
    }

    @Override
    public int waku_relay_subscribe(Pointer ctx, String pubsubTopic, WakuCallback callback, Pointer userData) {
        lastArguments.put("waku_relay_subscribe", pubsubTopic);
        return respond("waku_relay_subscribe", callback, userData);
    }

    @Override
    public int waku_relay_unsubscribe(Pointer ctx, String pubsubTopic, WakuCallback callback, Pointer userData) {
        return respond("waku_relay_unsubscribe", callback, userData);
    }

    @Override
    public int waku_relay_get_num_connected_peers(Pointer ctx, String pubsubTopic, WakuCallback callback, Pointer userData) {
        return respond("waku_relay_get_num_connected_peers", callback, userData);
    }

    @Override
    public int waku_relay_get_num_peers_in_mesh(Pointer ctx, String pubsubTopic, WakuCallback callback, Pointer userData) {
        return respond("waku_relay_get_num_peers_in_mesh", callback, userData);
    }

    @Override
    public int waku_connect(Pointer ctx, String peerMultiAddr, int timeoutMs, WakuCallback callback, Pointer userData) {
        lastArguments.put("waku_connect", peerMultiAddr);
        return respond("waku_connect", callback, userData);
    }

    @Override
    public int waku_listen_addresses(Pointer ctx, WakuCallback callback, Pointer userData) {
        return respond("waku_listen_addresses", callback, userData);
    }

    @Override
    public int waku_get_my_peerid(Pointer ctx, WakuCallback callback, Pointer userData) {
        return respond("waku_get_my_peerid", callback, userData);
    }

    @Override
    public int waku_store_query(Pointer ctx, String jsonQuery, String peerAddr, int timeoutMs,
                                WakuCallback callback, Pointer userData) {
        lastArguments.put("waku_store_query", jsonQuery + " @ " + peerAddr);
        return respond("waku_store_query", callback, userData);
    }

    @Override
    public int waku_dns_discovery(Pointer ctx, String enrTreeUrl, String nameDnsServer, int timeoutMs,
                                  WakuCallback callback, Pointer userData) {
        return respond("waku_dns_discovery", callback, userData);
    }

    @Override
    public int waku_start_discv5(Pointer ctx, WakuCallback callback, Pointer userData) {
        return respond("waku_start_discv5", callback, userData);
    }

    @Override
    public int waku_stop_discv5(Pointer ctx, WakuCallback callback, Pointer userData) {
        return respond("waku_stop_discv5", callback, userData);
    }

    @Override
    public int waku_get_my_enr(Pointer ctx, WakuCallback callback, Pointer userData) {
        return respond("waku_get_my_enr", callback, userData);
    }

    @Override
    public int waku_is_online(Pointer ctx, WakuCallback callback, Pointer userData) {
        return respond("waku_is_online", callback, userData);
    }
}
