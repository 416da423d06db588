package org.wakuchat.core.transport;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.wakuchat.libwaku.LibWaku;
import org.wakuchat.libwaku.SizeT;

/**
 * A Java stand-in for libwaku that behaves like nwaku where the node relies on it: it answers
 * from its own thread, calls back at once for waku_version and waku_destroy, and sends events
 * on request. Each function's answer can be scripted from its main argument; calls made from
 * inside one of its callbacks (which would deadlock nwaku) are recorded.
 */
final class FakeNwaku implements LibWaku {

    record Answer(int code, String text, boolean silent) {
        static Answer ok(String text) {
            return new Answer(RET_OK, text, false);
        }

        static Answer error(String text) {
            return new Answer(RET_ERR, text, false);
        }

        static Answer never() {
            return new Answer(RET_OK, "", true);
        }
    }

    /** One call as the fake saw it: the function and its main argument. */
    record Call(String function, String argument) {
    }

    static final Pointer CONTEXT = new Pointer(0xC0FFEEL);

    final ScheduledExecutorService nwakuThread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "fake-nwaku");
        thread.setDaemon(true);
        return thread;
    });
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<String> callsFromInsideCallbacks = new CopyOnWriteArrayList<>();
    private final Map<String, Function<String, Answer>> script = new ConcurrentHashMap<>();
    private final ThreadLocal<Boolean> inCallback = ThreadLocal.withInitial(() -> false);
    volatile String version = "version / git commit hash: v0.36.0-114-g0a1b2c3";
    volatile WakuCallback eventCallback;
    volatile Pointer eventUserData;

    FakeNwaku on(String function, Function<String, Answer> behaviour) {
        script.put(function, behaviour);
        return this;
    }

    FakeNwaku on(String function, Answer answer) {
        return on(function, argument -> answer);
    }

    /** Sends an event from nwaku's thread, as nwaku does. */
    void emit(String json) {
        nwakuThread.execute(() -> {
            if (eventUserData == null) {
                return; // nwaku drops events without user data
            }
            invoke(eventCallback, RET_OK, json, eventUserData);
        });
    }

    List<String> arguments(String function) {
        return calls.stream().filter(call -> call.function().equals(function)).map(Call::argument).toList();
    }

    boolean called(String function) {
        return calls.stream().anyMatch(call -> call.function().equals(function));
    }

    void shutdown() {
        nwakuThread.shutdownNow();
    }

    private int respond(String function, String argument, WakuCallback callback, Pointer userData) {
        calls.add(new Call(function, argument));
        if (inCallback.get()) {
            callsFromInsideCallbacks.add(function);
            return RET_OK;
        }
        Answer answer = script.getOrDefault(function, ignored -> Answer.ok("")).apply(argument);
        if (!answer.silent()) {
            nwakuThread.execute(() -> invoke(callback, answer.code(), answer.text(), userData));
        }
        return RET_OK;
    }

    private int respondNow(String function, String text, WakuCallback callback, Pointer userData) {
        calls.add(new Call(function, ""));
        invoke(callback, RET_OK, text, userData);
        return RET_OK;
    }

    private void invoke(WakuCallback callback, int code, String text, Pointer userData) {
        inCallback.set(true);
        try {
            if (text.isEmpty()) {
                callback.invoke(code, null, new SizeT(0), userData);
            } else {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                try (Memory memory = new Memory(bytes.length)) {
                    memory.write(0, bytes, 0, bytes.length);
                    callback.invoke(code, memory, new SizeT(bytes.length), userData);
                }
            }
        } finally {
            inCallback.set(false);
        }
    }

    @Override
    public Pointer waku_new(String configJson, WakuCallback callback, Pointer userData) {
        respond("waku_new", configJson, callback, userData);
        return CONTEXT;
    }

    @Override
    public int waku_start(Pointer ctx, WakuCallback callback, Pointer userData) {
        return respond("waku_start", "", callback, userData);
    }

    @Override
    public int waku_stop(Pointer ctx, WakuCallback callback, Pointer userData) {
        return respond("waku_stop", "", callback, userData);
    }

    @Override
    public int waku_destroy(Pointer ctx, WakuCallback callback, Pointer userData) {
        return respondNow("waku_destroy", "", callback, userData);
    }

    @Override
    public int waku_version(Pointer ctx, WakuCallback callback, Pointer userData) {
        return respondNow("waku_version", version, callback, userData);
    }

    @Override
    public void waku_set_event_callback(Pointer ctx, WakuCallback callback, Pointer userData) {
        calls.add(new Call("waku_set_event_callback", ""));
        eventCallback = callback;
        eventUserData = userData;
    }

    @Override
    public int waku_relay_publish(Pointer ctx, String pubsubTopic, String jsonWakuMessage, int timeoutMs,
                                  WakuCallback callback, Pointer userData) {
        return respond("waku_relay_publish", pubsubTopic + " " + jsonWakuMessage, callback, userData);
    }

    @Override
    public int waku_relay_subscribe(Pointer ctx, String pubsubTopic, WakuCallback callback, Pointer userData) {
        return respond("waku_relay_subscribe", pubsubTopic, callback, userData);
    }

    @Override
    public int waku_relay_unsubscribe(Pointer ctx, String pubsubTopic, WakuCallback callback, Pointer userData) {
        return respond("waku_relay_unsubscribe", pubsubTopic, callback, userData);
    }

    @Override
    public int waku_relay_get_num_connected_peers(Pointer ctx, String pubsubTopic, WakuCallback callback, Pointer userData) {
        return respond("waku_relay_get_num_connected_peers", pubsubTopic, callback, userData);
    }

    @Override
    public int waku_relay_get_num_peers_in_mesh(Pointer ctx, String pubsubTopic, WakuCallback callback, Pointer userData) {
        return respond("waku_relay_get_num_peers_in_mesh", pubsubTopic, callback, userData);
    }

    @Override
    public int waku_connect(Pointer ctx, String peerMultiAddr, int timeoutMs, WakuCallback callback, Pointer userData) {
        return respond("waku_connect", peerMultiAddr, callback, userData);
    }

    @Override
    public int waku_listen_addresses(Pointer ctx, WakuCallback callback, Pointer userData) {
        return respond("waku_listen_addresses", "", callback, userData);
    }

    @Override
    public int waku_get_my_peerid(Pointer ctx, WakuCallback callback, Pointer userData) {
        return respond("waku_get_my_peerid", "", callback, userData);
    }

    @Override
    public int waku_store_query(Pointer ctx, String jsonQuery, String peerAddr, int timeoutMs,
                                WakuCallback callback, Pointer userData) {
        return respond("waku_store_query", peerAddr + " " + jsonQuery, callback, userData);
    }

    @Override
    public int waku_dns_discovery(Pointer ctx, String enrTreeUrl, String nameDnsServer, int timeoutMs,
                                  WakuCallback callback, Pointer userData) {
        return respond("waku_dns_discovery", enrTreeUrl, callback, userData);
    }

    @Override
    public int waku_start_discv5(Pointer ctx, WakuCallback callback, Pointer userData) {
        return respond("waku_start_discv5", "", callback, userData);
    }

    @Override
    public int waku_stop_discv5(Pointer ctx, WakuCallback callback, Pointer userData) {
        return respond("waku_stop_discv5", "", callback, userData);
    }

    @Override
    public int waku_get_my_enr(Pointer ctx, WakuCallback callback, Pointer userData) {
        return respond("waku_get_my_enr", "", callback, userData);
    }

    @Override
    public int waku_is_online(Pointer ctx, WakuCallback callback, Pointer userData) {
        return respond("waku_is_online", "", callback, userData);
    }
}
